package io.artifex.core.config;

import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.training.TrainerConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * One training run as a file: the model, the data and the trainer settings. This is what
 * {@code artifex train --config FILE.yaml} reads.
 *
 * <pre>
 * schemaVersion: 1
 * name: vae-mnist
 * model: { type: vae, ... }          # any registered family
 * data: { dataset: mnist, preprocessing: binarize, flatten: false }
 * training: { epochs: 20, batchSize: 64, optimizers: { default: { type: adam, learningRate: 0.001 } } }
 * </pre>
 *
 * @param name the run's name, used for its output folder
 * @param model the model to build
 * @param data the data to train and evaluate on
 * @param training the trainer settings
 * @param evaluationSamples importance samples for the likelihood bound reported after training
 *                          (models with a likelihood bound); 0 reports the single-sample bound only; default 0
 */
public record ExperimentConfig(
        @NotBlank String name,
        @NotNull @Valid ModelConfig model,
        @NotNull @Valid DataConfig data,
        @NotNull @Valid TrainerConfig training,
        @NotNull @PositiveOrZero Integer evaluationSamples) {

    /** Defaults: trainer defaults when {@code training} is missing; no importance samples. */
    public ExperimentConfig {
        training = training == null ? TrainerConfig.builder().build() : training;
        evaluationSamples = evaluationSamples == null ? 0 : evaluationSamples;
    }
}
