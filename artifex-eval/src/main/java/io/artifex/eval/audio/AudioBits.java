package io.artifex.eval.audio;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Totals of a model's negative log-likelihood over scored audio samples (mu-law ids) and the
 * figures that follow from them.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param samples the scored samples (ids), at least one
 * @param nats the negative log-likelihood of the scored ids, summed, in nats; finite and {@code >= 0}
 */
public record AudioBits(long samples, double nats) {

    private static final double LN2 = Math.log(2);

    /** Checks the totals. */
    public AudioBits {
        if (samples < 1) {
            throw new IllegalArgumentException("audio bits need at least one scored sample, got " + samples);
        }
        if (!Double.isFinite(nats) || nats < 0) {
            throw new IllegalArgumentException("audio bits: nats must be finite and >= 0, got " + nats);
        }
    }

    /** Mean negative log-likelihood per scored sample, in nats. */
    public double natsPerSample() {
        return nats / samples;
    }

    /** Mean negative log-likelihood per scored sample, in bits (8 for a uniform guess over 256 ids). */
    public double bitsPerSample() {
        return nats / (samples * LN2);
    }

    /** The figures as {@code <prefix>bits_per_sample}, {@code nats_per_sample}, {@code samples}. */
    public Map<String, Double> toMap(String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(prefix + "bits_per_sample", bitsPerSample());
        out.put(prefix + "nats_per_sample", natsPerSample());
        out.put(prefix + "samples", (double) samples);
        return out;
    }
}
