package io.artifex.examples.cli;

import io.artifex.core.config.ConfigValidator;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.config.training.TrainerConfig;

/** Applies command-line overrides to an experiment and validates the result. */
final class Overrides {

    private Overrides() {
    }

    static ExperimentConfig apply(ExperimentConfig e, Integer epochs, Long maxSteps, Long seed) {
        TrainerConfig t = e.training();
        TrainerConfig changed = new TrainerConfig(epochs != null ? epochs : t.epochs(),
                maxSteps != null ? maxSteps : t.maxSteps(), t.batchSize(), seed != null ? seed : t.seed(),
                t.optimizers(), t.schedules(), t.emaDecay(), t.validateEvery(), t.checkpoint(), t.earlyStopping(),
                t.logEvery());
        return ConfigValidator.requireValid(new ExperimentConfig(e.name(), e.model(), e.data(), changed,
                e.evaluationSamples()));
    }
}
