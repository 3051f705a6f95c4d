package io.artifex.core.config;

/**
 * A model config that names the exponential moving average of the weights its samples should
 * be drawn from (the DDPM config's {@code emaDecay}). The model itself never averages: a runner
 * that trains such a model and sets no {@code emaDecay} of its own in the trainer config uses
 * this one, and samples from the average afterwards.
 *
 * <p>Thread-safety: implementations need not be thread-safe; use one instance per thread unless an
 * implementation says otherwise.
 */
public interface SamplesFromWeightAverage {

    /** Decay in [0, 1) of the weight average to sample from; 0 = sample from the trained weights. */
    Double emaDecay();
}
