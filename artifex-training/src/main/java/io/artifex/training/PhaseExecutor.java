package io.artifex.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.artifex.core.autograd.GradientCollectors;
import io.artifex.core.model.Batch;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.StepContext;
import io.artifex.core.model.TrainingPhase;
import io.artifex.core.nn.Scalars;
import io.artifex.training.callbacks.NanGuard;
import io.artifex.training.optim.GradientClipping;
import io.artifex.training.optim.Optimizer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one phase once: prepare, freeze the other parameters, loss under one gradient
 * collector, backward, clip, update, zero every gradient, unfreeze, afterUpdate.
 * Package-private: {@link Trainer} is the public entry point.
 */
final class PhaseExecutor {

    private final List<Parameter> trainable;

    /** {@code trainable}: every parameter of the model that requires a gradient at the start. */
    PhaseExecutor(List<Parameter> trainable) {
        this.trainable = List.copyOf(trainable);
    }

    /** Gives every trainable parameter a defined (zero) gradient so later phases can read it. */
    void primeGradients(NDManager manager) {
        try (NDManager scratch = manager.newSubManager();
             GradientCollector collector = GradientCollectors.open(manager.getEngine())) {
            NDArray total = scratch.zeros(new ai.djl.ndarray.types.Shape());
            for (Parameter p : trainable) {
                NDArray w = p.getArray();
                scratch.tempAttachAll(w);
                total = total.add(Scalars.mul(w.sum(), 0));
            }
            collector.backward(total);
        }
        zeroAll();
    }

    /**
     * Runs the gradient part of a phase and returns its loss values ("loss" and each term).
     * Leaves the gradients of the phase's group filled and every other gradient zero.
     */
    Map<String, Float> computeGradients(TrainingPhase phase, Batch prepared, StepContext ctx) {
        Set<String> group = new HashSet<>();
        phase.parameters().parameters().forEach(p -> group.add(p.getId()));
        List<Parameter> frozen = trainable.stream().filter(p -> !group.contains(p.getId())).toList();
        frozen.forEach(p -> p.freeze(true));
        try {
            Map<String, Float> values = new LinkedHashMap<>();
            try (GradientCollector collector = GradientCollectors.open(ctx.manager().getEngine())) {
                LossResult result = phase.objective().loss(prepared, ctx);
                if (result.total().getShape().size() != 1) {
                    throw new IllegalArgumentException("phase '" + phase.name() + "' loss must be a scalar, got shape "
                            + result.total().getShape());
                }
                values.put("loss", result.total().getFloat());
                result.terms().forEach((k, v) -> values.put(k, v.getFloat()));
                NanGuard.checkLoss(phase.name(), ctx.step(), values);
                collector.backward(result.total());
            }
            return values;
        } finally {
            frozen.forEach(p -> p.freeze(false));
        }
    }

    /** One full run of the phase; returns its loss values. */
    Map<String, Float> run(TrainingPhase phase, Batch batch, StepContext ctx, Optimizer optimizer,
                           float learningRate, double clipNorm) {
        Batch prepared = phase.objective().prepare(batch, ctx);
        Map<String, Float> values;
        try {
            values = computeGradients(phase, prepared, ctx);
            List<Parameter> params = phase.parameters().trainable();
            if (clipNorm > 0) {
                GradientClipping.clipByGlobalNorm(params, clipNorm);
            }
            optimizer.update(params, learningRate);
        } finally {
            zeroAll();
        }
        phase.objective().afterUpdate(prepared, ctx);
        return values;
    }

    /** Zeroes the gradient of every trainable parameter. */
    void zeroAll() {
        for (Parameter p : trainable) {
            NDArray w = p.getArray();
            if (w.hasGradient()) {
                try (NDArray g = w.getGradient()) {
                    g.subi(g);
                }
            }
        }
    }
}
