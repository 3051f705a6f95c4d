package io.artifex.data.audio;

import java.util.SplittableRandom;

/**
 * Plain-array operations on waveforms: mono mixdown, peak and RMS normalisation, and seeded
 * random crops of a fixed length. Thread-safety: stateless and thread-safe; inputs are never changed.
 */
public final class AudioOps {

    /** The RMS level {@link #normaliseRms(float[], double)} uses unless told otherwise: 0.1 (-20 dBFS). */
    public static final double DEFAULT_RMS_LEVEL = 0.1;

    private AudioOps() {
    }

    /** The mean of the channels {@code samples[channel][frame]}, one value per frame. */
    public static float[] mixdown(float[][] samples) {
        if (samples == null || samples.length == 0) {
            throw new IllegalArgumentException("mixdown needs at least one channel");
        }
        int frames = samples[0].length;
        float[] mono = new float[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (float[] channel : samples) {
                sum += channel[f];
            }
            mono[f] = (float) (sum / samples.length);
        }
        return mono;
    }

    /**
     * {@code x} scaled so that its largest absolute value is {@code level} (in (0, 1]). A silent
     * clip is returned unchanged (as a copy).
     */
    public static float[] normalisePeak(float[] x, double level) {
        checkLevel(level);
        double peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        return scale(x, peak == 0 ? 1 : level / peak, false);
    }

    /**
     * {@code x} scaled so that its root mean square is {@code level} (in (0, 1]), then clipped to
     * [-1, 1] (loud peaks of a quiet clip would otherwise leave the range). A silent clip is
     * returned unchanged (as a copy).
     */
    public static float[] normaliseRms(float[] x, double level) {
        checkLevel(level);
        double sum = 0;
        for (float v : x) {
            sum += (double) v * v;
        }
        double rms = x.length == 0 ? 0 : Math.sqrt(sum / x.length);
        return scale(x, rms == 0 ? 1 : level / rms, true);
    }

    /** {@code x} normalised as {@code mode} says, with the default levels (peak 1.0, RMS {@value #DEFAULT_RMS_LEVEL}). */
    public static float[] normalise(float[] x, Normalisation mode) {
        return switch (mode) {
            case NONE -> x.clone();
            case PEAK -> normalisePeak(x, 1.0);
            case RMS -> normaliseRms(x, DEFAULT_RMS_LEVEL);
        };
    }

    /**
     * A window of exactly {@code length} samples of {@code x} starting at a position drawn
     * uniformly from {@code [0, x.length - length]} by a generator seeded with {@code seed}; a
     * clip shorter than {@code length} is copied to the start of the window and zero-padded.
     */
    public static float[] randomCrop(float[] x, int length, long seed) {
        if (length <= 0) {
            throw new IllegalArgumentException("crop length must be positive, got " + length);
        }
        float[] out = new float[length];
        if (x.length <= length) {
            System.arraycopy(x, 0, out, 0, x.length);
            return out;
        }
        int start = new SplittableRandom(seed).nextInt(x.length - length + 1);
        System.arraycopy(x, start, out, 0, length);
        return out;
    }

    private static float[] scale(float[] x, double factor, boolean clip) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = x[i] * factor;
            out[i] = (float) (clip ? Math.max(-1, Math.min(1, v)) : v);
        }
        return out;
    }

    private static void checkLevel(double level) {
        if (!(level > 0 && level <= 1)) {
            throw new IllegalArgumentException("normalisation level must be in (0, 1], got " + level);
        }
    }
}
