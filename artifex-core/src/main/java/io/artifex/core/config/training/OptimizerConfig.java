package io.artifex.core.config.training;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Settings of one optimizer. Fields an algorithm does not use are ignored by it (e.g.
 * {@code momentum} by Adam).
 *
 * @param type {@code adam} (default), {@code adamw}, {@code sgd} or {@code rmsprop}
 * @param learningRate the base learning rate, scaled by the schedule; default 1e-3
 * @param beta1 Adam's first-moment decay; default 0.9
 * @param beta2 Adam's second-moment decay; default 0.999
 * @param eps the term added to denominators (Adam, RMSProp); default 1e-8
 * @param weightDecay L2 penalty added to the gradient (adam, sgd, rmsprop) or decoupled
 *                    decay {@code w -= lr * wd * w} (adamw); default 0.01 for adamw, else 0
 * @param momentum SGD momentum (0 = plain SGD); default 0
 * @param nesterov SGD: use Nesterov momentum; default false
 * @param rho RMSProp's squared-gradient decay (PyTorch's {@code alpha}); default 0.99
 * @param gradientClipNorm clip the group's gradients to this global L2 norm; 0 = off (default)
 */
public record OptimizerConfig(
        @NotNull OptimizerType type,
        @NotNull @Positive Double learningRate,
        @NotNull @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta1,
        @NotNull @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta2,
        @NotNull @Positive Double eps,
        @NotNull @PositiveOrZero Double weightDecay,
        @NotNull @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double momentum,
        @NotNull Boolean nesterov,
        @NotNull @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double rho,
        @NotNull @PositiveOrZero Double gradientClipNorm) {

    /** Fills every missing field with its default (see the record description). */
    public OptimizerConfig {
        type = type == null ? OptimizerType.ADAM : type;
        learningRate = learningRate == null ? 1e-3 : learningRate;
        beta1 = beta1 == null ? 0.9 : beta1;
        beta2 = beta2 == null ? 0.999 : beta2;
        eps = eps == null ? 1e-8 : eps;
        weightDecay = weightDecay == null ? (type == OptimizerType.ADAMW ? 0.01 : 0.0) : weightDecay;
        momentum = momentum == null ? 0.0 : momentum;
        nesterov = nesterov == null ? Boolean.FALSE : nesterov;
        rho = rho == null ? 0.99 : rho;
        gradientClipNorm = gradientClipNorm == null ? 0.0 : gradientClipNorm;
    }

    /** An optimizer of the given type and learning rate, every other field at its default. */
    public static OptimizerConfig of(OptimizerType type, double learningRate) {
        return new OptimizerConfig(type, learningRate, null, null, null, null, null, null, null, null);
    }

    /** Adam with the given learning rate and betas (the usual GAN setting is 2e-4, 0.5, 0.999). */
    public static OptimizerConfig adam(double learningRate, double beta1, double beta2) {
        return new OptimizerConfig(OptimizerType.ADAM, learningRate, beta1, beta2, null, null, null, null, null, null);
    }
}
