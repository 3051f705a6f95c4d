/**
 * Language-model measures on held-out token windows: {@link io.artifex.eval.text.TextMeasures}
 * (nats, bits per token, perplexity, bits per byte), {@link io.artifex.eval.text.TextLikelihood}
 * for a model with a token likelihood, and the smoothed n-gram baseline
 * {@link io.artifex.eval.text.KneserNeyLm} measured the same way.
 */
package io.artifex.eval.text;
