package io.artifex.eval.likelihood;

/**
 * Conversions between negative log-likelihoods in nats and bits per dimension of 8-bit data.
 *
 * <p><b>Discrete models</b> (e.g. PixelCNN with a 256-way softmax per sub-pixel) give
 * {@code -log P(x)} of the integer pixels directly: {@code bpd = NLL / (D ln 2)}.
 *
 * <p><b>Continuous models on dequantised data.</b> Let {@code x} in {0, ..., 255}^D be the
 * pixels and let the model see {@code y = s (x + u)} (plus any shift) with {@code u ~ U[0,1)^D}.
 * The usual case {@code s = 1/256} maps each pixel value {@code k} to the cell
 * {@code [k/256, (k+1)/256)}. Then {@code P(x) = integral over the cell of p_y(y) dy} and, by
 * Jensen, {@code log P(x) >= E_u[log p_y(s(x + u))] + D ln s}. So, with
 * {@code NLL_y = -log p_y(y)} in nats as the model reports it,
 * <pre>
 *   bpd = (NLL_y - D ln s) / (D ln 2),   and for s = 1/256:   bpd = (NLL_y + D ln 256) / (D ln 2)
 *                                                                 = NLL_y / (D ln 2) + 8.
 * </pre>
 * This is an upper bound on the discrete model's bits/dim, and equal to it when {@code p_y} is
 * constant on every cell (a uniform model on [0,1)^D has NLL_y = 0 and bpd exactly 8). For data
 * scaled to [-1, 1) as {@code y = 2(x + u)/256 - 1}, use {@code s = 2/256} (the shift has no
 * Jacobian).
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class BitsPerDim {

    /** The number of levels of 8-bit data. */
    public static final int LEVELS = 256;

    private static final double LN2 = Math.log(2);

    private BitsPerDim() {
    }

    /** {@code -log P(x) / (D ln 2)} for a discrete model's NLL in nats over {@code dims} dimensions. */
    public static double fromDiscreteNll(double nllNats, long dims) {
        checkDims(dims);
        return nllNats / (dims * LN2);
    }

    /**
     * Bits/dim of 8-bit data from a continuous model's NLL in nats of {@code y = scale (x + u)}:
     * {@code (NLL_y - D ln scale) / (D ln 2)}.
     */
    public static double fromDequantizedNll(double nllNats, long dims, double scale) {
        checkDims(dims);
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive finite number, got " + scale);
        }
        return (nllNats - dims * Math.log(scale)) / (dims * LN2);
    }

    /** Bits/dim for a model of {@code (x + u) / 256} in [0, 1): {@code (NLL_y + D ln 256) / (D ln 2)}. */
    public static double fromUnitDequantizedNll(double nllNats, long dims) {
        return fromDequantizedNll(nllNats, dims, 1.0 / LEVELS);
    }

    /** The continuous NLL in nats of {@code y = scale (x + u)} that corresponds to {@code bpd} bits/dim. */
    public static double toDequantizedNll(double bpd, long dims, double scale) {
        checkDims(dims);
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive finite number, got " + scale);
        }
        return bpd * dims * LN2 + dims * Math.log(scale);
    }

    private static void checkDims(long dims) {
        if (dims < 1) {
            throw new IllegalArgumentException("dims must be >= 1, got " + dims);
        }
    }
}
