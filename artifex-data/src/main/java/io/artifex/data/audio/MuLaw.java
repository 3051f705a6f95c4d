package io.artifex.data.audio;

/**
 * Mu-law companding (ITU-T G.711's continuous form, as WaveNet uses it): a sample
 * {@code x} in [-1, 1] becomes {@code F(x) = sign(x) ln(1 + mu |x|) / ln(1 + mu)}, quantised to
 * {@code mu + 1} codes {@code round((F(x) + 1) / 2 * mu)} in {@code [0, mu]}; decoding inverts
 * {@code F} at the code's centre. Thread-safety: immutable and thread-safe.
 */
public final class MuLaw {

    /** The usual 8-bit form, mu = 255 (256 codes). */
    public static final MuLaw MU_255 = new MuLaw(255);

    private final int mu;
    private final double logOnePlusMu;

    /** Companding with {@code mu} (1 to 65535); {@code mu + 1} codes. */
    public MuLaw(int mu) {
        if (mu < 1 || mu > 65_535) {
            throw new IllegalArgumentException("mu must be in 1..65535, got " + mu);
        }
        this.mu = mu;
        this.logOnePlusMu = Math.log1p(mu);
    }

    /** The parameter mu; codes run from 0 to mu. */
    public int mu() {
        return mu;
    }

    /** The number of codes, {@code mu + 1}. */
    public int codes() {
        return mu + 1;
    }

    /** The code of {@code x}; values outside [-1, 1] are clipped first, NaN counts as 0. */
    public int encode(double x) {
        double v = Double.isNaN(x) ? 0 : Math.max(-1, Math.min(1, x));
        double f = Math.signum(v) * Math.log1p(mu * Math.abs(v)) / logOnePlusMu;
        return (int) Math.round((f + 1) / 2 * mu);
    }

    /** The sample a code stands for, in [-1, 1]. */
    public double decode(int code) {
        if (code < 0 || code > mu) {
            throw new IllegalArgumentException("mu-law code must be in 0.." + mu + ", got " + code);
        }
        double y = 2.0 * code / mu - 1;
        return Math.signum(y) * Math.expm1(Math.abs(y) * logOnePlusMu) / mu;
    }

    /** The codes of every sample of {@code x}. */
    public int[] encode(float[] x) {
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = encode(x[i]);
        }
        return out;
    }

    /** The samples of every code of {@code codes}. */
    public float[] decode(int[] codes) {
        float[] out = new float[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = (float) decode(codes[i]);
        }
        return out;
    }
}
