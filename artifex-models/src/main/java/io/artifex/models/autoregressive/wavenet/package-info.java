/**
 * WaveNet: an autoregressive model of mu-law coded waveforms (causal dilated 1-D convolutions,
 * gated activations, residual and skip connections, a categorical output per sample), with
 * exact likelihood in bits per sample and generation that caches each layer's past inputs
 * ({@link io.artifex.models.autoregressive.wavenet.WaveNet}). Type id {@code wavenet}.
 */
package io.artifex.models.autoregressive.wavenet;
