package io.artifex.core.model;

/**
 * How a next token is chosen from a model's logits: divide them by {@code temperature}, keep the
 * {@code topK} most likely tokens, then the smallest set of most likely tokens whose probability
 * reaches {@code topP} (nucleus sampling), and draw one of the kept tokens in proportion to its
 * renormalised probability. Temperature 0 picks the most likely token (greedy decoding).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param temperature 0 for greedy decoding, otherwise a positive finite divisor of the logits
 * @param topK how many of the most likely tokens stay candidates; 0 keeps all
 * @param topP the probability mass the candidates must reach, in (0, 1]; 1 keeps all
 */
public record DecodingOptions(double temperature, int topK, double topP) {

    /** Checks the ranges; the message names the field and the rule. */
    public DecodingOptions {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be 0 (greedy) or positive and finite, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0 (0 keeps every token), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1] (1 keeps every token), got " + topP);
        }
    }

    /** The model's own distribution: temperature 1, no top-k, no top-p. */
    public static DecodingOptions sampling() {
        return new DecodingOptions(1.0, 0, 1.0);
    }

    /** Always the most likely token. */
    public static DecodingOptions greedy() {
        return new DecodingOptions(0.0, 0, 1.0);
    }

    /** These options at another temperature. */
    public DecodingOptions withTemperature(double newTemperature) {
        return new DecodingOptions(newTemperature, topK, topP);
    }

    /** These options keeping only the {@code k} most likely tokens (0 for all). */
    public DecodingOptions withTopK(int k) {
        return new DecodingOptions(temperature, k, topP);
    }

    /** These options keeping the nucleus of probability {@code p}. */
    public DecodingOptions withTopP(double p) {
        return new DecodingOptions(temperature, topK, p);
    }
}
