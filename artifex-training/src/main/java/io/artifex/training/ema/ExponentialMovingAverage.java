package io.artifex.training.ema;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.artifex.training.internal.ArrayCopy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exponential moving average of weights: after each optimizer step,
 * {@code shadow = d * shadow + (1 - d) * w}. Evaluation and sampling usually use the
 * shadow weights: {@code try (var scope = ema.applied()) { ... }} copies them into the
 * parameters and puts the trained weights back when the scope closes.
 *
 * <p>With warm-up ({@link #withWarmup}, what the trainer uses) the decay of the n-th update
 * (n counted from 0) is {@code d = min(decay, (1 + n) / (10 + n))}, the convention of the
 * diffusers library's EMA: early on the average spans about the last tenth of the steps
 * taken, so that a short run is not dominated by the initial weights (with a fixed 0.9999,
 * the initial weights still carry 82 % of the average after 2,000 steps). Without warm-up
 * {@code d = decay} throughout.
 *
 * <p>Shadows start as copies of the weights, live on each parameter's manager, and are keyed
 * by {@link Parameter#getId()}. Thread-safety: not thread-safe.
 */
public final class ExponentialMovingAverage implements AutoCloseable {

    private final double decay;
    private final boolean warmup;
    private final List<Parameter> parameters;
    private final Map<String, NDArray> shadows = new LinkedHashMap<>();
    private long updates;
    private boolean swapped;

    /** Starts an average of the given (initialised) parameters with the fixed decay in (0, 1). */
    public ExponentialMovingAverage(List<Parameter> parameters, double decay) {
        this(parameters, decay, false);
    }

    /**
     * Starts an average of the given (initialised) parameters whose decay warms up to
     * {@code decay} in (0, 1) as {@code min(decay, (1 + n) / (10 + n))}.
     */
    public static ExponentialMovingAverage withWarmup(List<Parameter> parameters, double decay) {
        return new ExponentialMovingAverage(parameters, decay, true);
    }

    private ExponentialMovingAverage(List<Parameter> parameters, double decay, boolean warmup) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in (0, 1), got " + decay);
        }
        this.decay = decay;
        this.warmup = warmup;
        this.parameters = List.copyOf(parameters);
        for (Parameter p : this.parameters) {
            NDArray copy = p.getArray().duplicate();
            copy.setName("ema_" + p.getName());
            shadows.put(p.getId(), copy);
        }
    }

    /** The target decay. */
    public double decay() {
        return decay;
    }

    /** The decay the next {@link #update()} uses: {@link #decay()}, or less while warming up. */
    public double currentDecay() {
        return warmup ? Math.min(decay, (1.0 + updates) / (10.0 + updates)) : decay;
    }

    /** Updates made so far (or set by {@link #load(Map, long)}). */
    public long updates() {
        return updates;
    }

    /** Moves every shadow towards the current weights; call after each optimizer step. */
    public void update() {
        if (swapped) {
            throw new IllegalStateException("EMA weights are applied; close the applied() scope before updating");
        }
        float rate = (float) (1.0 - currentDecay());
        for (Parameter p : parameters) {
            NDArray shadow = shadows.get(p.getId());
            try (NDArray delta = p.getArray().sub(shadow)) {
                delta.muli(rate);
                shadow.addi(delta);
            }
        }
        updates++;
    }

    /** Copies the shadows into the parameters until the returned scope is closed. */
    public Scope applied() {
        if (swapped) {
            throw new IllegalStateException("EMA weights are already applied");
        }
        List<NDArray> backups = new ArrayList<>();
        for (Parameter p : parameters) {
            NDArray w = p.getArray();
            backups.add(w.duplicate());
            ArrayCopy.copyInto(shadows.get(p.getId()), w, p.getName());
        }
        swapped = true;
        return () -> {
            for (int i = 0; i < parameters.size(); i++) {
                ArrayCopy.copyInto(backups.get(i), parameters.get(i).getArray(), parameters.get(i).getName());
                backups.get(i).close();
            }
            swapped = false;
        };
    }

    /**
     * Copies the shadows into the parameters for good, replacing the trained weights (for a
     * model that is saved or sampled from after training).
     */
    public void copyToParameters() {
        if (swapped) {
            throw new IllegalStateException("EMA weights are applied; close the applied() scope first");
        }
        for (Parameter p : parameters) {
            ArrayCopy.copyInto(shadows.get(p.getId()), p.getArray(), p.getName());
        }
    }

    /** The shadows by parameter id (live arrays; copy to keep). */
    public Map<String, NDArray> shadows() {
        return Collections.unmodifiableMap(shadows);
    }

    /**
     * Overwrites the shadows with saved values, by parameter id (every id must be present), and
     * sets the update count that the warm-up continues from (a resumed run's step).
     */
    public void load(Map<String, NDArray> saved, long updatesSoFar) {
        if (updatesSoFar < 0) {
            throw new IllegalArgumentException("EMA update count must be >= 0, got " + updatesSoFar);
        }
        load(saved);
        updates = updatesSoFar;
    }

    /** Overwrites the shadows with saved values, by parameter id; every id must be present. */
    public void load(Map<String, NDArray> saved) {
        for (Parameter p : parameters) {
            NDArray value = saved.get(p.getId());
            if (value == null) {
                throw new IllegalArgumentException("saved EMA has no shadow for parameter '" + p.getName() + "'");
            }
            ArrayCopy.copyInto(value, shadows.get(p.getId()), p.getName());
        }
    }

    /** Releases the shadows. */
    @Override
    public void close() {
        shadows.values().forEach(NDArray::close);
        shadows.clear();
    }

    /** A period during which the EMA weights are in the parameters; closing restores them. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        /** Puts the trained weights back. */
        @Override
        void close();
    }
}
