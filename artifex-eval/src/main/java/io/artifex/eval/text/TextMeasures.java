package io.artifex.eval.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Totals of a language model on held-out text and the figures that follow from them.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param tokens the scored tokens (every token of a window after its first, padding excluded)
 * @param bytes the UTF-8 bytes of text those tokens stand for ({@link TokenBytes}; special tokens 0)
 * @param nats the negative log-likelihood of the scored tokens, summed, in nats
 */
public record TextMeasures(long tokens, long bytes, double nats) {

    private static final double LN2 = Math.log(2);

    /** Checks the totals. */
    public TextMeasures {
        if (tokens < 1 || bytes < 1) {
            throw new IllegalArgumentException("text measures need at least one scored token and one byte, got "
                    + tokens + " tokens and " + bytes + " bytes");
        }
        if (!Double.isFinite(nats) || nats < 0) {
            throw new IllegalArgumentException("text measures: nats must be finite and >= 0, got " + nats);
        }
    }

    /** Mean negative log-likelihood per scored token, in nats (the training loss). */
    public double natsPerToken() {
        return nats / tokens;
    }

    /** Bits per scored token. */
    public double bitsPerToken() {
        return nats / (tokens * LN2);
    }

    /** Perplexity per token, {@code exp(nats per token)}. */
    public double perplexity() {
        return Math.exp(natsPerToken());
    }

    /** Bits per byte of the text the scored tokens stand for. */
    public double bitsPerByte() {
        return nats / (bytes * LN2);
    }

    /** The figures as {@code <prefix>nats_per_token}, {@code bits_per_token}, {@code perplexity}, {@code bits_per_byte}, {@code tokens}, {@code bytes}. */
    public Map<String, Double> toMap(String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(prefix + "nats_per_token", natsPerToken());
        out.put(prefix + "bits_per_token", bitsPerToken());
        out.put(prefix + "perplexity", perplexity());
        out.put(prefix + "bits_per_byte", bitsPerByte());
        out.put(prefix + "tokens", (double) tokens);
        out.put(prefix + "bytes", (double) bytes);
        return out;
    }
}
