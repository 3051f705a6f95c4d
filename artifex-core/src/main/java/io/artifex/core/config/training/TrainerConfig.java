package io.artifex.core.config.training;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.Finite;
import io.artifex.core.model.TrainingPhase;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the generic trainer needs besides the model and the data.
 *
 * <p>Optimizers are keyed by the optimizer name a model's {@link TrainingPhase} asks for
 * ("default", or e.g. "generator" and "discriminator" for a GAN); a phase whose key is
 * missing uses "default", which must be present. Schedules are keyed the same way; a key
 * without a schedule uses the "default" schedule if there is one, else a constant rate.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param epochs passes over the training data; default 1
 * @param maxSteps stop after this many global steps; 0 = run all epochs (default)
 * @param batchSize the batch size the training source must have; default 64
 * @param seed seed of every random stream of the run (step i uses {@code fork("step-" + i)}); default 0
 * @param optimizers optimizer settings by key; default {@code {"default": adam 1e-3}}
 * @param schedules learning-rate schedules by optimizer key; default none (constant)
 * @param emaDecay decay of the exponential moving average of the weights; 0 = off (default)
 * @param validateEvery run validation every this many epochs; 0 = never; default 1
 * @param checkpoint when and where to write checkpoints; default off
 * @param earlyStopping early-stopping rule; default off
 * @param logEvery log a training line every this many steps; default 50
 */
public record TrainerConfig(
        @NotNull @Positive @Max(ConfigLimits.MAX_EPOCHS) Integer epochs,
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_STEPS) Long maxSteps,
        @NotNull @Positive @Max(ConfigLimits.MAX_BATCH_SIZE) Integer batchSize,
        @NotNull Long seed,
        @NotEmpty @Size(max = ConfigLimits.MAX_LAYERS)
        Map<@NotBlank @Size(max = ConfigLimits.MAX_TEXT_LENGTH) String, @NotNull @Valid OptimizerConfig> optimizers,
        @NotNull @Size(max = ConfigLimits.MAX_LAYERS)
        Map<@NotBlank @Size(max = ConfigLimits.MAX_TEXT_LENGTH) String, @NotNull @Valid LrScheduleConfig> schedules,
        @NotNull @Finite @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double emaDecay,
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_EPOCHS) Integer validateEvery,
        @NotNull @Valid CheckpointConfig checkpoint,
        @NotNull @Valid EarlyStoppingConfig earlyStopping,
        @NotNull @Positive @Max(ConfigLimits.MAX_STEPS) Integer logEvery) {

    /** Fills every missing field with its default (see the record description); never throws. */
    public TrainerConfig {
        epochs = epochs == null ? 1 : epochs;
        maxSteps = maxSteps == null ? 0L : maxSteps;
        batchSize = batchSize == null ? 64 : batchSize;
        seed = seed == null ? 0L : seed;
        optimizers = optimizers == null
                ? Map.of(TrainingPhase.DEFAULT_OPTIMIZER, OptimizerConfig.adam(1e-3))
                : Collections.unmodifiableMap(new LinkedHashMap<>(optimizers));
        schedules = schedules == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(schedules));
        emaDecay = emaDecay == null ? 0.0 : emaDecay;
        validateEvery = validateEvery == null ? 1 : validateEvery;
        checkpoint = checkpoint == null ? CheckpointConfig.disabled() : checkpoint;
        earlyStopping = earlyStopping == null ? EarlyStoppingConfig.disabled() : earlyStopping;
        logEvery = logEvery == null ? 50 : logEvery;
    }

    /** A config with the given length, batch size, seed and one default optimizer; all else default. */
    public static TrainerConfig of(int epochs, int batchSize, long seed, OptimizerConfig optimizer) {
        return builder().epochs(epochs).batchSize(batchSize).seed(seed).optimizer(optimizer).build();
    }

    /** Cross-field rule: an optimizer named "default" must exist (phases fall back to it). */
    @JsonIgnore
    @AssertTrue(message = "must contain an optimizer named \"default\"")
    public boolean isOptimizersHaveDefault() {
        return optimizers != null && optimizers.containsKey(TrainingPhase.DEFAULT_OPTIMIZER);
    }

    /** The optimizer settings for a phase's key, falling back to "default". */
    public OptimizerConfig optimizerFor(String key) {
        OptimizerConfig c = optimizers.get(key);
        return c != null ? c : optimizers.get(TrainingPhase.DEFAULT_OPTIMIZER);
    }

    /** The schedule for an optimizer key: its own, else "default", else constant. */
    public LrScheduleConfig scheduleFor(String key) {
        LrScheduleConfig s = schedules.get(key);
        if (s == null) {
            s = schedules.get(TrainingPhase.DEFAULT_OPTIMIZER);
        }
        return s != null ? s : LrScheduleConfig.constant();
    }

    /** A builder with every field unset (unset fields take the defaults of the record description). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, for a changed copy: {@code config.toBuilder().maxSteps(20).build()}. */
    public Builder toBuilder() {
        return new Builder().epochs(epochs).maxSteps(maxSteps).batchSize(batchSize).seed(seed).optimizers(optimizers)
                .schedules(schedules).emaDecay(emaDecay).validateEvery(validateEvery).checkpoint(checkpoint)
                .earlyStopping(earlyStopping).logEvery(logEvery);
    }

    /**
     * Builds a {@link TrainerConfig} one named field at a time; {@link #build()} calls the
     * canonical constructor, so fields left unset take the same defaults as in a config file.
     * Besides one setter per field, {@link #optimizer(String, OptimizerConfig)} and
     * {@link #schedule(String, LrScheduleConfig)} add one entry to the optimizer and schedule maps.
     */
    public static final class Builder {
        private Integer epochs;
        private Long maxSteps;
        private Integer batchSize;
        private Long seed;
        private Map<String, OptimizerConfig> optimizers;
        private Map<String, LrScheduleConfig> schedules;
        private Double emaDecay;
        private Integer validateEvery;
        private CheckpointConfig checkpoint;
        private EarlyStoppingConfig earlyStopping;
        private Integer logEvery;

        private Builder() {
        }

        /** Sets {@code epochs}. */
        public Builder epochs(int value) {
            this.epochs = value;
            return this;
        }

        /** Sets {@code maxSteps} (0 = run all epochs). */
        public Builder maxSteps(long value) {
            this.maxSteps = value;
            return this;
        }

        /** Sets {@code batchSize}. */
        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        /** Sets {@code seed}. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Replaces the whole optimizer map (null = the default {@code {"default": adam 1e-3}}). */
        public Builder optimizers(Map<String, OptimizerConfig> value) {
            this.optimizers = value == null ? null : new LinkedHashMap<>(value);
            return this;
        }

        /** Adds (or replaces) the optimizer under {@code key}; the first call starts an empty map. */
        public Builder optimizer(String key, OptimizerConfig value) {
            if (optimizers == null) {
                optimizers = new LinkedHashMap<>();
            }
            optimizers.put(key, value);
            return this;
        }

        /** Sets the optimizer under the key {@value TrainingPhase#DEFAULT_OPTIMIZER}. */
        public Builder optimizer(OptimizerConfig value) {
            return optimizer(TrainingPhase.DEFAULT_OPTIMIZER, value);
        }

        /** Replaces the whole schedule map (null = none: constant rates). */
        public Builder schedules(Map<String, LrScheduleConfig> value) {
            this.schedules = value == null ? null : new LinkedHashMap<>(value);
            return this;
        }

        /** Adds (or replaces) the schedule of the optimizer under {@code key}. */
        public Builder schedule(String key, LrScheduleConfig value) {
            if (schedules == null) {
                schedules = new LinkedHashMap<>();
            }
            schedules.put(key, value);
            return this;
        }

        /** Sets {@code emaDecay} (0 = off). */
        public Builder emaDecay(double value) {
            this.emaDecay = value;
            return this;
        }

        /** Sets {@code validateEvery} (0 = never). */
        public Builder validateEvery(int value) {
            this.validateEvery = value;
            return this;
        }

        /** Sets the {@code checkpoint} section. */
        public Builder checkpoint(CheckpointConfig value) {
            this.checkpoint = value;
            return this;
        }

        /** Sets the {@code earlyStopping} section. */
        public Builder earlyStopping(EarlyStoppingConfig value) {
            this.earlyStopping = value;
            return this;
        }

        /** Sets {@code logEvery}. */
        public Builder logEvery(int value) {
            this.logEvery = value;
            return this;
        }

        /** The config; unset fields take their defaults. Validation happens when a trainer is built from it. */
        public TrainerConfig build() {
            return new TrainerConfig(epochs, maxSteps, batchSize, seed, optimizers, schedules, emaDecay, validateEvery,
                    checkpoint, earlyStopping, logEvery);
        }
    }
}
