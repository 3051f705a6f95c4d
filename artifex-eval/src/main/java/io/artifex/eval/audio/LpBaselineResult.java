package io.artifex.eval.audio;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the linear-prediction baseline scored: its fit and its bits per sample on the training and
 * the held-out clips.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param order the predictor order
 * @param residual the residual distribution
 * @param scale the fitted residual scale, linear sample units
 * @param train the baseline on the clips it was fitted on
 * @param test the baseline on the held-out clips: the number to compare a WaveNet's with
 */
public record LpBaselineResult(int order, LinearPredictionBaseline.Residual residual, double scale, AudioBits train,
                               AudioBits test) {

    /** Checks the parts. */
    public LpBaselineResult {
        if (order < 1 || residual == null || train == null || test == null) {
            throw new IllegalArgumentException("LPC baseline result needs order >= 1, a residual and both scores");
        }
    }

    /**
     * The figures as {@code <prefix>order}, {@code scale}, {@code train_bits_per_sample},
     * {@code test_bits_per_sample}, {@code test_samples}.
     */
    public Map<String, Double> toMap(String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(prefix + "order", (double) order);
        out.put(prefix + "scale", scale);
        out.put(prefix + "train_bits_per_sample", train.bitsPerSample());
        out.put(prefix + "test_bits_per_sample", test.bitsPerSample());
        out.put(prefix + "test_samples", (double) test.samples());
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LPC order %d (%s residual, scale %.5f): %.4f bits/sample held out"
                + " (%d samples), %.4f on training clips", order, residual.name().toLowerCase(Locale.ROOT), scale,
                test.bitsPerSample(), test.samples(), train.bitsPerSample());
    }
}
