package io.artifex.training.optim;

import io.artifex.core.config.training.WeightDecayScope;

/**
 * AdamW (Loshchilov and Hutter): Adam whose weight decay is decoupled from the gradient,
 * {@code w *= 1 - lr * weightDecay} before the Adam step, as in PyTorch's {@code AdamW}.
 *
 * <p>Thread-safety: not thread-safe: it keeps per-parameter state; use one instance per training
 * run, from one thread.
 */
public class AdamW extends Adam {

    /** AdamW with the given betas, eps and decoupled weight decay on every parameter. */
    public AdamW(double beta1, double beta2, double eps, double weightDecay) {
        this(beta1, beta2, eps, weightDecay, WeightDecayScope.ALL);
    }

    /**
     * AdamW with the given betas, eps and decoupled weight decay on the parameters
     * {@code weightDecayOn} selects ({@link WeightDecayScope#MATRICES}: GPT-2's setting).
     */
    public AdamW(double beta1, double beta2, double eps, double weightDecay, WeightDecayScope weightDecayOn) {
        super(beta1, beta2, eps, weightDecay, weightDecayOn, true);
    }

    @Override
    public String algorithm() {
        return "adamw";
    }
}
