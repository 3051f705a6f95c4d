package io.artifex.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.artifex.core.config.training.WeightDecayScope;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping every optimizer shares: per-parameter state keyed by id, a scratch manager
 * per parameter update so no temporary survives it, and state save/restore. Subclasses only
 * write the update rule in {@link #apply}, reading their weight decay through {@link #decayFor}
 * so that the {@link WeightDecayScope} is honoured the same way by every algorithm.
 *
 * <p>Thread-safety: not thread-safe: it keeps per-parameter state; use one instance per training
 * run, from one thread.
 */
public abstract class AbstractOptimizer implements Optimizer {

    private final Map<String, Slots> state = new LinkedHashMap<>();
    private final WeightDecayScope weightDecayOn;

    /** An optimizer whose weight decay applies to every parameter. */
    protected AbstractOptimizer() {
        this(WeightDecayScope.ALL);
    }

    /** An optimizer whose weight decay applies to the parameters {@code weightDecayOn} selects. */
    protected AbstractOptimizer(WeightDecayScope weightDecayOn) {
        if (weightDecayOn == null) {
            throw new IllegalArgumentException("weightDecayOn must be all or matrices, got null");
        }
        this.weightDecayOn = weightDecayOn;
    }

    /** Which parameters the weight decay applies to. */
    public WeightDecayScope weightDecayOn() {
        return weightDecayOn;
    }

    /**
     * The weight decay to apply to {@code weight}: {@code weightDecay} when the scope covers a
     * parameter of its number of dimensions, otherwise 0 (a bias or a LayerNorm gain under
     * {@link WeightDecayScope#MATRICES}).
     */
    protected final float decayFor(NDArray weight, float weightDecay) {
        return weightDecayOn.decays(weight.getShape().dimension()) ? weightDecay : 0f;
    }

    /** The mutable state of one parameter. */
    protected static final class Slots {
        private long step;
        private final Map<String, NDArray> arrays = new LinkedHashMap<>();

        /** Updates done so far, including the current one while {@link #apply} runs. */
        public long step() {
            return step;
        }

        /** The slot array called {@code name}, created as zeros like {@code like} on first use. */
        public NDArray get(String name, NDArray like) {
            return arrays.computeIfAbsent(name, k -> {
                NDArray z = like.getManager().zeros(like.getShape(), like.getDataType());
                z.setName(k);
                return z;
            });
        }
    }

    @Override
    public final void update(List<Parameter> parameters, float learningRate) {
        for (Parameter p : parameters) {
            NDArray w = p.getArray();
            if (!w.hasGradient()) {
                continue;
            }
            Slots slots = state.computeIfAbsent(p.getId(), id -> new Slots());
            slots.step++;
            if (updatesWithoutTemporaries()) {
                for (String name : slotNames()) {
                    slots.get(name, w);
                }
                try (NDArray g = w.getGradient()) {
                    apply(w, g, slots, learningRate);
                }
                continue;
            }
            try (NDManager scratch = w.getManager().newSubManager()) {
                NDArray g = w.getGradient();
                g.attach(scratch);
                // the weight and its slots live on the parameter manager; while the update
                // runs they are lent to the scratch manager so that every temporary an
                // operation on them returns is released with it
                for (String name : slotNames()) {
                    slots.get(name, w);
                }
                scratch.tempAttachAll(w);
                for (NDArray a : slots.arrays.values()) {
                    scratch.tempAttachAll(a);
                }
                apply(w, g, slots, learningRate);
            }
        }
    }

    /**
     * Whether {@link #apply} returns no temporary arrays (e.g. because it is one fused engine
     * call). Then the per-parameter scratch manager is skipped, which saves several engine
     * calls per tensor and step. The default is {@code false}.
     */
    protected boolean updatesWithoutTemporaries() {
        return false;
    }

    /** The slot names this algorithm keeps per parameter (created as zeros). */
    protected abstract List<String> slotNames();

    /**
     * Applies the rule in place: {@code weight} and the slots must be changed with in-place
     * operations; {@code grad} is a temporary that may be overwritten.
     */
    protected abstract void apply(NDArray weight, NDArray grad, Slots slots, float learningRate);

    @Override
    public OptimizerState state() {
        Map<String, OptimizerState.ParamState> out = new LinkedHashMap<>();
        state.forEach((id, s) -> out.put(id, new OptimizerState.ParamState(s.step, s.arrays)));
        return new OptimizerState(algorithm(), out);
    }

    @Override
    public void loadState(OptimizerState loaded, List<Parameter> parameters) {
        if (!algorithm().equals(loaded.algorithm())) {
            throw new IllegalArgumentException("optimizer state is for '" + loaded.algorithm()
                    + "' but this optimizer is '" + algorithm() + "'");
        }
        Map<String, Parameter> byId = new HashMap<>();
        parameters.forEach(p -> byId.put(p.getId(), p));
        Map<String, Slots> fresh = new LinkedHashMap<>();
        for (Map.Entry<String, OptimizerState.ParamState> e : loaded.parameters().entrySet()) {
            Parameter p = byId.get(e.getKey());
            if (p == null) {
                throw new IllegalArgumentException("optimizer state names parameter id '" + e.getKey()
                        + "' which is not among the parameters given");
            }
            NDArray w = p.getArray();
            Slots s = new Slots();
            s.step = e.getValue().step();
            for (Map.Entry<String, NDArray> slot : e.getValue().slots().entrySet()) {
                if (!slot.getValue().getShape().equals(w.getShape())) {
                    throw new IllegalArgumentException("optimizer slot '" + slot.getKey() + "' of parameter '"
                            + p.getName() + "' has shape " + slot.getValue().getShape() + ", expected " + w.getShape());
                }
                NDArray copy = slot.getValue().duplicate();
                copy.attach(w.getManager());
                s.arrays.put(slot.getKey(), copy);
            }
            fresh.put(e.getKey(), s);
        }
        close();
        state.putAll(fresh);
    }

    @Override
    public void close() {
        state.values().forEach(s -> s.arrays.values().forEach(NDArray::close));
        state.clear();
    }
}
