package io.artifex.core.config.training;

import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.Finite;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Settings of one optimizer. Fields an algorithm does not use are ignored by it (e.g.
 * {@code momentum} by Adam).
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param type {@code adam} (default), {@code adamw}, {@code sgd} or {@code rmsprop}
 * @param learningRate the base learning rate, scaled by the schedule; default 1e-3
 * @param beta1 Adam's first-moment decay; default 0.9
 * @param beta2 Adam's second-moment decay; default 0.999
 * @param eps the term added to denominators (Adam, RMSProp); default 1e-8
 * @param weightDecay L2 penalty added to the gradient (adam, sgd, rmsprop) or decoupled
 *                    decay {@code w -= lr * wd * w} (adamw); default 0.01 for adamw, else 0
 * @param weightDecayOn which parameters {@code weightDecay} applies to: {@code all} (default, as
 *                      PyTorch) or {@code matrices} (parameters of two or more dimensions: weight
 *                      matrices, embeddings, convolution kernels; never biases or LayerNorm
 *                      gains and shifts, as GPT-2 and nanoGPT train)
 * @param momentum SGD momentum (0 = plain SGD); default 0
 * @param nesterov SGD: use Nesterov momentum; default false
 * @param rho RMSProp's squared-gradient decay (PyTorch's {@code alpha}); default 0.99
 * @param gradientClipNorm clip the group's gradients to this global L2 norm; 0 = off (default)
 */
public record OptimizerConfig(
        @NotNull OptimizerType type,
        @NotNull @Finite @Positive @DecimalMax(value = ConfigLimits.MAX_LEARNING_RATE, inclusive = false)
        Double learningRate,
        @NotNull @Finite @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta1,
        @NotNull @Finite @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta2,
        @NotNull @Finite @Positive @DecimalMax("1") Double eps,
        @NotNull @Finite @PositiveOrZero @DecimalMax(value = ConfigLimits.MAX_LEARNING_RATE, inclusive = false)
        Double weightDecay,
        @NotNull WeightDecayScope weightDecayOn,
        @NotNull @Finite @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double momentum,
        @NotNull Boolean nesterov,
        @NotNull @Finite @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double rho,
        @NotNull @Finite @PositiveOrZero @DecimalMax(ConfigLimits.MAX_FACTOR) Double gradientClipNorm) {

    /** Fills every missing field with its default (see the record description). */
    public OptimizerConfig {
        type = type == null ? OptimizerType.ADAM : type;
        learningRate = learningRate == null ? 1e-3 : learningRate;
        beta1 = beta1 == null ? 0.9 : beta1;
        beta2 = beta2 == null ? 0.999 : beta2;
        eps = eps == null ? 1e-8 : eps;
        weightDecay = weightDecay == null ? (type == OptimizerType.ADAMW ? 0.01 : 0.0) : weightDecay;
        weightDecayOn = weightDecayOn == null ? WeightDecayScope.ALL : weightDecayOn;
        momentum = momentum == null ? 0.0 : momentum;
        nesterov = nesterov == null ? Boolean.FALSE : nesterov;
        rho = rho == null ? 0.99 : rho;
        gradientClipNorm = gradientClipNorm == null ? 0.0 : gradientClipNorm;
    }

    /** An optimizer of the given type and learning rate, every other field at its default. */
    public static OptimizerConfig of(OptimizerType type, double learningRate) {
        return builder().type(type).learningRate(learningRate).build();
    }

    /** Adam with the given learning rate, every other field at its default. */
    public static OptimizerConfig adam(double learningRate) {
        return of(OptimizerType.ADAM, learningRate);
    }

    /** Adam with the given learning rate and betas (the usual GAN setting is 2e-4, 0.5, 0.999). */
    public static OptimizerConfig adam(double learningRate, double beta1, double beta2) {
        return builder().type(OptimizerType.ADAM).learningRate(learningRate).beta1(beta1).beta2(beta2).build();
    }

    /** SGD with the given learning rate and momentum (0 = plain SGD), every other field at its default. */
    public static OptimizerConfig sgd(double learningRate, double momentum) {
        return builder().type(OptimizerType.SGD).learningRate(learningRate).momentum(momentum).build();
    }

    /** A builder with every field unset (unset fields take the defaults of the record description). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this config's values, for a changed copy:
     * {@code config.toBuilder().gradientClipNorm(1).build()}. Values are copied as they are, so a
     * default that depends on the type (AdamW's weight decay) is not recomputed if the type changes.
     */
    public Builder toBuilder() {
        return new Builder().type(type).learningRate(learningRate).beta1(beta1).beta2(beta2).eps(eps)
                .weightDecay(weightDecay).weightDecayOn(weightDecayOn).momentum(momentum).nesterov(nesterov).rho(rho)
                .gradientClipNorm(gradientClipNorm);
    }

    /**
     * Builds an {@link OptimizerConfig} one named field at a time; {@link #build()} calls the
     * canonical constructor, so fields left unset take the same defaults as in a config file.
     */
    public static final class Builder {
        private OptimizerType type;
        private Double learningRate;
        private Double beta1;
        private Double beta2;
        private Double eps;
        private Double weightDecay;
        private WeightDecayScope weightDecayOn;
        private Double momentum;
        private Boolean nesterov;
        private Double rho;
        private Double gradientClipNorm;

        private Builder() {
        }

        /** Sets {@code type}. */
        public Builder type(OptimizerType value) {
            this.type = value;
            return this;
        }

        /** Sets {@code learningRate}. */
        public Builder learningRate(double value) {
            this.learningRate = value;
            return this;
        }

        /** Sets {@code beta1}. */
        public Builder beta1(double value) {
            this.beta1 = value;
            return this;
        }

        /** Sets {@code beta2}. */
        public Builder beta2(double value) {
            this.beta2 = value;
            return this;
        }

        /** Sets {@code eps}. */
        public Builder eps(double value) {
            this.eps = value;
            return this;
        }

        /** Sets {@code weightDecay}. */
        public Builder weightDecay(double value) {
            this.weightDecay = value;
            return this;
        }

        /** Sets {@code weightDecayOn}: {@code ALL} parameters or only {@code MATRICES}. */
        public Builder weightDecayOn(WeightDecayScope value) {
            this.weightDecayOn = value;
            return this;
        }

        /** Sets {@code momentum}. */
        public Builder momentum(double value) {
            this.momentum = value;
            return this;
        }

        /** Sets {@code nesterov}. */
        public Builder nesterov(boolean value) {
            this.nesterov = value;
            return this;
        }

        /** Sets {@code rho}. */
        public Builder rho(double value) {
            this.rho = value;
            return this;
        }

        /** Sets {@code gradientClipNorm} (0 = off). */
        public Builder gradientClipNorm(double value) {
            this.gradientClipNorm = value;
            return this;
        }

        /** The config; unset fields take their defaults. Validation happens where the config is used. */
        public OptimizerConfig build() {
            return new OptimizerConfig(type, learningRate, beta1, beta2, eps, weightDecay, weightDecayOn, momentum,
                    nesterov, rho, gradientClipNorm);
        }
    }
}
