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
        TrainerConfig.Builder changed = t.toBuilder();
        if (epochs != null) {
            changed.epochs(epochs);
        }
        if (maxSteps != null) {
            changed.maxSteps(maxSteps);
        }
        if (seed != null) {
            changed.seed(seed);
        }
        return ConfigValidator.requireValid(new ExperimentConfig(e.name(), e.model(), e.data(), changed.build(),
                e.evaluationSamples()));
    }
}
