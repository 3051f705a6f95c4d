package io.artifex.training.optim;

/**
 * AdamW (Loshchilov and Hutter): Adam whose weight decay is decoupled from the gradient,
 * {@code w *= 1 - lr * weightDecay} before the Adam step, as in PyTorch's {@code AdamW}.
 */
public class AdamW extends Adam {

    /** AdamW with the given betas, eps and decoupled weight decay. */
    public AdamW(double beta1, double beta2, double eps, double weightDecay) {
        super(beta1, beta2, eps, weightDecay, true);
    }

    @Override
    public String algorithm() {
        return "adamw";
    }
}
