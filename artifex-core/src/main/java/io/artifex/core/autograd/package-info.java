/**
 * Autograd helpers beyond DJL's first-order {@link ai.djl.training.GradientCollector}: input
 * gradients ({@link io.artifex.core.autograd.InputGradients}) and second-order gradient
 * penalties for GAN critics ({@link io.artifex.core.autograd.GradientPenalty}).
 */
package io.artifex.core.autograd;
