package io.artifex.core.config;

import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.training.TrainerConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * One training run as a file: the model, the data and the trainer settings. This is what
 * {@code artifex train --config FILE.yaml} reads.
 *
 * <pre>
 * schemaVersion: 2
 * name: vae-mnist
 * model: { type: vae, ... }          # any registered family
 * data: { dataset: mnist, preprocessing: binarize, flatten: false }
 * training: { epochs: 20, batchSize: 64, optimizers: { default: { type: adam, learningRate: 0.001 } } }
 * </pre>
 *
 * <p>Thread-safety: immutable, and so safe to share between threads, as far as its model config
 * is (a model config keeps the lists its builder was given). Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param name the run's name, used for its output folder
 * @param model the model to build
 * @param data the data to train and evaluate on
 * @param training the trainer settings
 * @param evaluationSamples importance samples for the likelihood bound reported after training
 *                          (models with a likelihood bound); 0 reports the single-sample bound only; default 0
 */
public record ExperimentConfig(
        @NotBlank @ConfigName String name,
        @NotNull @Valid ModelConfig model,
        @NotNull @Valid DataConfig data,
        @NotNull @Valid TrainerConfig training,
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_SAMPLES) Integer evaluationSamples) implements CrossFieldRules {

    /** Defaults: trainer defaults when {@code training} is missing; no importance samples. */
    public ExperimentConfig {
        training = training == null ? TrainerConfig.builder().build() : training;
        evaluationSamples = evaluationSamples == null ? 0 : evaluationSamples;
    }

    /** Rules between the model and the trainer settings: {@link ModelConfig#checkTraining}, with paths under {@code model}. */
    @Override
    public void check(RuleContext ctx) {
        if (model != null && training != null) {
            model.checkTraining(training, ctx.nested("model"));
        }
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link ExperimentConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.model = model;
        builder.data = data;
        builder.training = training;
        builder.evaluationSamples = evaluationSamples;
        return builder;
    }

    private ExperimentConfig(Builder builder) {
        this(builder.name, builder.model, builder.data, builder.training, builder.evaluationSamples);
    }

    /**
     * Builds a {@link ExperimentConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private ModelConfig model;
        private DataConfig data;
        private TrainerConfig training;
        private Integer evaluationSamples;

        private Builder() {
        }

        /** Sets {@code name}: the run's name, used for its output folder. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code model}: the model to build. */
        public Builder model(ModelConfig model) {
            this.model = model;
            return this;
        }

        /** Sets {@code data}: the data to train and evaluate on. */
        public Builder data(DataConfig data) {
            this.data = data;
            return this;
        }

        /** Sets {@code training}: the trainer settings. */
        public Builder training(TrainerConfig training) {
            this.training = training;
            return this;
        }

        /**
         * Sets {@code evaluationSamples}: importance samples for the likelihood bound reported after training
         * (models with a likelihood bound); 0 reports the single-sample bound only; default 0.
         */
        public Builder evaluationSamples(int evaluationSamples) {
            this.evaluationSamples = evaluationSamples;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public ExperimentConfig build() {
            return new ExperimentConfig(this);
        }
    }
}
