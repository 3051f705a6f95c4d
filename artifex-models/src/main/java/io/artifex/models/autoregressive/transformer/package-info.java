/**
 * The Transformer language model of the autoregressive family: a decoder-only Transformer
 * (causal multi-head self-attention, pre-norm blocks, learned or rotary positions, tied
 * embeddings, dropout) over token ids, with exact log-likelihood (bits per token, perplexity,
 * bits per byte) and prompted sampling with temperature, top-k and top-p from a key/value cache.
 * Built by {@link io.artifex.models.autoregressive.transformer.TransformerFamily} (type id
 * {@code transformer}); reference network #7 of the benchmark spec.
 */
package io.artifex.models.autoregressive.transformer;
