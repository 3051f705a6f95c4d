package io.artifex.training.optim;

import io.artifex.core.config.training.OptimizerConfig;

/**
 * Builds an {@link Optimizer} from its config.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class Optimizers {

    private Optimizers() {
    }

    /** The optimizer a config describes (its learning rate is applied by the trainer's schedule). */
    public static Optimizer create(OptimizerConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("optimizer config must not be null");
        }
        return switch (config.type()) {
            case ADAM -> new Adam(config.beta1(), config.beta2(), config.eps(), config.weightDecay(),
                    config.weightDecayOn());
            case ADAMW -> new AdamW(config.beta1(), config.beta2(), config.eps(), config.weightDecay(),
                    config.weightDecayOn());
            case SGD -> new Sgd(config.momentum(), config.nesterov(), config.weightDecay(), config.weightDecayOn());
            case RMSPROP -> new RmsProp(config.rho(), config.eps(), config.weightDecay(), config.weightDecayOn());
        };
    }
}
