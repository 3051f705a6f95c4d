package io.artifex.eval.audio;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The log-mel comparison of generated and real clips ({@link LogMelDistance}).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param profileDistanceDb the mean absolute difference of the two sets' log-mel profiles, dB
 * @param frameFrechet the squared Frechet distance between the sets' per-frame log-mel Gaussians, dB squared
 * @param generated the number of generated clips
 * @param real the number of real clips
 * @param settings the spectrogram settings, e.g. {@code LogMelSpectrogram[8000 Hz, nFft 512, ...]}
 */
public record LogMelResult(double profileDistanceDb, double frameFrechet, int generated, int real, String settings) {

    /** The figures as {@code <prefix>profile_distance_db}, {@code frame_frechet}, {@code generated}, {@code real}. */
    public Map<String, Double> toMap(String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(prefix + "profile_distance_db", profileDistanceDb);
        out.put(prefix + "frame_frechet", frameFrechet);
        out.put(prefix + "generated", (double) generated);
        out.put(prefix + "real", (double) real);
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "log-mel profile distance %.3f dB, frame Frechet %.1f dB^2 (%d generated,"
                + " %d real clips; %s)", profileDistanceDb, frameFrechet, generated, real, settings);
    }
}
