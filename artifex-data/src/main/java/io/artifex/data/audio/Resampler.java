package io.artifex.data.audio;

/**
 * Band-limited sample-rate conversion by a rational factor {@code L/M} (the rates divided by
 * their greatest common divisor), as a polyphase windowed-sinc filter: output sample {@code k}
 * sits at input time {@code k M / L} and is the sum of the input around it weighted by a
 * Kaiser-windowed (beta {@value #KAISER_BETA}) sinc low-pass with {@value #ZERO_CROSSINGS}
 * zero crossings on each side and its cut-off at {@value #ROLLOFF} of the lower of the two
 * Nyquist frequencies. Frequencies up to about 85% of the lower Nyquist frequency pass with
 * less than 0.1% change in amplitude; those above the output's Nyquist frequency are attenuated
 * by more than 60 dB. Each phase's taps are normalised to sum to 1 (exact DC gain); the signal
 * is taken as zero outside the clip. The taps of every phase are computed once when there are
 * at most {@value #MAX_TABLE} of them, otherwise on the fly. Thread-safety: immutable and thread-safe.
 */
public final class Resampler {

    /** Kaiser window shape parameter (stop band about 85 dB down). */
    public static final double KAISER_BETA = 8.6;
    /** Zero crossings of the sinc on each side of the centre. */
    public static final int ZERO_CROSSINGS = 48;
    /** Cut-off as a fraction of the lower Nyquist frequency. */
    public static final double ROLLOFF = 0.9;
    /** The most precomputed taps (all phases together). */
    public static final int MAX_TABLE = 1 << 22;

    private final int from;
    private final int to;
    private final int up;
    private final int down;
    private final double cutoff;
    private final int half;
    private final float[][] table;

    private Resampler(int from, int to) {
        this.from = from;
        this.to = to;
        int g = gcd(from, to);
        this.up = to / g;
        this.down = from / g;
        this.cutoff = Math.min(1.0, (double) up / down) * ROLLOFF;
        this.half = (int) Math.ceil(ZERO_CROSSINGS / cutoff);
        this.table = (long) up * 2 * half <= MAX_TABLE ? buildTable() : null;
    }

    /** A resampler from {@code fromRate} to {@code toRate} Hz (both 1 to {@link WavReader#MAX_SAMPLE_RATE}). */
    public static Resampler of(int fromRate, int toRate) {
        if (fromRate < 1 || toRate < 1 || fromRate > WavReader.MAX_SAMPLE_RATE || toRate > WavReader.MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("sample rates must be in 1.." + WavReader.MAX_SAMPLE_RATE + " Hz, got "
                    + fromRate + " -> " + toRate);
        }
        return new Resampler(fromRate, toRate);
    }

    /** The input rate. */
    public int fromRate() {
        return from;
    }

    /** The output rate. */
    public int toRate() {
        return to;
    }

    /** The number of output samples for {@code n} input samples: {@code ceil(n L / M)}. */
    public int outputLength(int n) {
        return (int) (((long) n * up + down - 1) / down);
    }

    /** {@code x} at the output rate; a copy when the rates are equal. */
    public float[] apply(float[] x) {
        if (from == to) {
            return x.clone();
        }
        int n = x.length;
        float[] out = new float[outputLength(n)];
        float[] taps = table == null ? new float[2 * half] : null;
        for (int k = 0; k < out.length; k++) {
            long pos = (long) k * down;
            int q = (int) (pos / up);
            int phase = (int) (pos % up);
            float[] h = table == null ? taps(phase, taps) : table[phase];
            int first = q - half + 1;
            int jFrom = Math.max(0, -first);
            int jTo = Math.min(h.length, n - first);
            double sum = 0;
            for (int j = jFrom; j < jTo; j++) {
                sum += h[j] * x[first + j];
            }
            out[k] = (float) sum;
        }
        return out;
    }

    /** Every channel of {@code clip} at the output rate (the clip's own rate must be {@link #fromRate()}). */
    public AudioClip apply(AudioClip clip) {
        if (clip.sampleRate() != from) {
            throw new IllegalArgumentException("resampler from " + from + " Hz given a clip at " + clip.sampleRate() + " Hz");
        }
        float[][] out = new float[clip.channels()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = apply(clip.channel(c));
        }
        return new AudioClip(out, to, clip.bitsPerSample());
    }

    private float[][] buildTable() {
        float[][] t = new float[up][];
        for (int r = 0; r < up; r++) {
            t[r] = taps(r, new float[2 * half]);
        }
        return t;
    }

    /** The taps of phase {@code r}: tap {@code j} weighs input {@code q - half + 1 + j} for time {@code q + r/L}. */
    private float[] taps(int r, float[] into) {
        double frac = (double) r / up;
        double sum = 0;
        double[] h = new double[into.length];
        for (int j = 0; j < into.length; j++) {
            double t = j - half + 1 - frac;
            h[j] = kernel(t);
            sum += h[j];
        }
        for (int j = 0; j < into.length; j++) {
            into[j] = (float) (h[j] / sum);
        }
        return into;
    }

    private double kernel(double t) {
        double u = t * cutoff / ZERO_CROSSINGS;
        if (Math.abs(u) >= 1) {
            return 0;
        }
        double x = Math.PI * cutoff * t;
        double sinc = x == 0 ? 1 : Math.sin(x) / x;
        return cutoff * sinc * besselI0(KAISER_BETA * Math.sqrt(1 - u * u)) / besselI0(KAISER_BETA);
    }

    /** The modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200 && term > 1e-17 * sum; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
