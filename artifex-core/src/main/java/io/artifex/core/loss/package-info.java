/**
 * Fused, numerically stable loss formulas with per-example reductions (shape (N)); see
 * {@link io.artifex.core.loss.Losses}.
 */
package io.artifex.core.loss;
