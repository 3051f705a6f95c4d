package io.artifex.core.registry;

import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.TrainerConfig;
import java.util.Locale;

/**
 * How many float32 copies of its parameters a model holds for one use: the weights alone to load
 * or sample, or, to train, weights, gradients, the optimizer's state slots and a weight average.
 * {@link ModelRegistry#requireMemoryFits} multiplies a {@link ParameterEstimate} by it.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param copies parameter-sized arrays held per parameter, at least 1
 * @param purpose the use, as the refusal message says it, e.g. "training"
 * @param breakdown what the copies are, e.g. "weights, gradients and adam state (2)"
 */
public record MemoryUse(int copies, String purpose, String breakdown) {

    /** Bytes per parameter value: every library model trains and samples in float32. */
    public static final int BYTES_PER_VALUE = 4;

    /** Checks the fields. */
    public MemoryUse {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be >= 1, got " + copies);
        }
        if (purpose == null || breakdown == null) {
            throw new IllegalArgumentException("purpose and breakdown must not be null");
        }
    }

    /** The weights alone: loading a model, sampling from it, scoring with it. */
    public static MemoryUse weights() {
        return new MemoryUse(1, "its weights", "weights only");
    }

    /**
     * Training with {@code training}: weights, one gradient each, the state slots of the hungriest
     * configured optimizer (2 for adam and adamw, 1 for rmsprop and for sgd with momentum, 0 for
     * plain sgd; a family with several optimizers is counted as if every parameter had that one,
     * an upper bound), and one more copy if a weight average ({@code emaDecay > 0}) is kept.
     *
     * @throws IllegalArgumentException if {@code training} is null
     */
    public static MemoryUse training(TrainerConfig training) {
        if (training == null) {
            throw new IllegalArgumentException("training config must not be null");
        }
        int slots = -1;
        String optimizer = "no optimizer";
        for (OptimizerConfig o : training.optimizers().values()) {
            int s = stateSlots(o);
            if (s > slots) {
                slots = s;
                optimizer = o.type().id() + (o.type() == OptimizerType.SGD && s > 0 ? " with momentum" : "");
            }
        }
        slots = Math.max(slots, 0);
        boolean average = training.emaDecay() > 0;
        String breakdown = String.format(Locale.ROOT, "weights, gradients, %s state (%d)%s", optimizer, slots,
                average ? " and the weight average" : "");
        return new MemoryUse(2 + slots + (average ? 1 : 0), "training", breakdown);
    }

    /** Parameter-sized state arrays {@code optimizer} keeps per parameter. */
    static int stateSlots(OptimizerConfig optimizer) {
        return switch (optimizer.type()) {
            case ADAM, ADAMW -> 2;
            case RMSPROP -> 1;
            case SGD -> optimizer.momentum() > 0 ? 1 : 0;
        };
    }

    /**
     * {@code (parameters x copies + bufferValues) x BYTES_PER_VALUE} for {@code estimate}, saturated
     * at {@link Long#MAX_VALUE}.
     */
    public long bytes(ParameterEstimate estimate) {
        long perValue = (long) BYTES_PER_VALUE * copies;
        long parameters = estimate.parameters();
        if (parameters > Long.MAX_VALUE / perValue || estimate.bufferValues() > Long.MAX_VALUE / BYTES_PER_VALUE) {
            return Long.MAX_VALUE;
        }
        long sum = parameters * perValue + estimate.bufferValues() * BYTES_PER_VALUE;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
