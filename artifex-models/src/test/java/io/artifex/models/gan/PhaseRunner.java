package io.artifex.models.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.artifex.core.model.Batch;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ParameterGroup;
import io.artifex.core.model.StepContext;
import io.artifex.core.model.TrainingPhase;
import io.artifex.core.random.Rng;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs one training phase the way the generic trainer's PhaseExecutor does: prepare without
 * recording, freeze every trainable parameter outside the phase's group, one collector around
 * loss and backward, plain SGD on the group, then optionally leave gradients for inspection.
 */
final class PhaseRunner {

    private PhaseRunner() {
    }

    /** Runs the phase once on {@code batch}; the gradients are zeroed afterwards unless {@code keepGradients}. */
    static LossResult run(GenerativeModel model, TrainingPhase phase, Batch batch, NDManager step, long seed,
                          float lr, boolean keepGradients) {
        List<Parameter> trainable = model.network().getParameters().values().stream()
                .filter(ParameterGroup::isLearned).toList();
        StepContext ctx = new StepContext(step, new ParameterStore(step, false), new Rng(seed), true, 0);
        Batch prepared = phase.objective().prepare(batch, ctx);
        Set<String> group = new HashSet<>();
        phase.parameters().parameters().forEach(p -> group.add(p.getId()));
        List<Parameter> frozen = trainable.stream().filter(p -> !group.contains(p.getId())).toList();
        frozen.forEach(p -> p.freeze(true));
        LossResult result;
        try {
            try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                result = phase.objective().loss(prepared, ctx);
                collector.backward(result.total());
            }
            for (Parameter p : phase.parameters().trainable()) {
                NDArray w = p.getArray();
                try (NDArray g = w.getGradient()) {
                    w.subi(g.mul(lr));
                }
            }
        } finally {
            frozen.forEach(p -> p.freeze(false));
        }
        if (!keepGradients) {
            zeroGradients(trainable);
        }
        return result;
    }

    static void zeroGradients(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            NDArray w = p.getArray();
            if (w.hasGradient()) {
                try (NDArray g = w.getGradient()) {
                    g.subi(g);
                }
            }
        }
    }
}
