package io.artifex.models.diffusion;

import ai.djl.ndarray.NDArray;

/**
 * The one place where the three things a denoiser may predict are converted into each other.
 * With {@code x_t = a x_0 + b eps}, {@code a = sqrt(abar_t)}, {@code b = sqrt(1 - abar_t)}
 * (so {@code a^2 + b^2 = 1}) and the velocity {@code v = a eps - b x_0}:
 *
 * <pre>
 *   from eps: x_0 = (x_t - b eps) / a
 *   from x_0: eps = (x_t - a x_0) / b
 *   from v:   x_0 = a x_t - b v,   eps = b x_t + a v
 * </pre>
 *
 * The coefficients {@code a} and {@code b} are arrays that broadcast against {@code x_t}:
 * one scalar for a sampling step, or shape {@code (N, 1, ..., 1)} for a training batch.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class PredictionTargets {

    private PredictionTargets() {
    }

    /** The training target of {@code type} for clean data {@code x0} noised with {@code eps}. */
    public static NDArray target(PredictionType type, NDArray x0, NDArray eps, NDArray a, NDArray b) {
        return switch (requireType(type)) {
            case EPSILON -> eps;
            case X0 -> x0;
            case V -> eps.mul(a).sub(x0.mul(b));
        };
    }

    /** The clean-data estimate implied by a model output of {@code type} at {@code x_t}. */
    public static NDArray toX0(PredictionType type, NDArray output, NDArray xt, NDArray a, NDArray b) {
        return switch (requireType(type)) {
            case EPSILON -> xt.sub(output.mul(b)).div(a);
            case X0 -> output;
            case V -> xt.mul(a).sub(output.mul(b));
        };
    }

    /** The noise estimate implied by a model output of {@code type} at {@code x_t}. */
    public static NDArray toEpsilon(PredictionType type, NDArray output, NDArray xt, NDArray a, NDArray b) {
        return switch (requireType(type)) {
            case EPSILON -> output;
            case X0 -> xt.sub(output.mul(a)).div(b);
            case V -> xt.mul(b).add(output.mul(a));
        };
    }

    /** The noise estimate that goes with an already computed (e.g. clipped) x_0 estimate. */
    public static NDArray epsilonFromX0(NDArray x0, NDArray xt, NDArray a, NDArray b) {
        return xt.sub(x0.mul(a)).div(b);
    }

    /**
     * The Min-SNR-gamma loss weight (Hang et al. 2023) of one example with signal-to-noise
     * ratio {@code snr = abar / (1 - abar)}: {@code min(snr, gamma)} divided by {@code snr}
     * for epsilon, by 1 for x0 and by {@code snr + 1} for v, so that every target weighs the
     * x_0 error by {@code min(snr, gamma)}. A gamma of 0 means no weighting (1).
     */
    public static double minSnrWeight(PredictionType type, double snr, double gamma) {
        if (gamma <= 0) {
            return 1.0;
        }
        double clipped = Math.min(snr, gamma);
        return switch (requireType(type)) {
            case EPSILON -> clipped / snr;
            case X0 -> clipped;
            case V -> clipped / (snr + 1);
        };
    }

    private static PredictionType requireType(PredictionType type) {
        if (type == null) {
            throw new IllegalArgumentException("predictionType must not be null");
        }
        return type;
    }
}
