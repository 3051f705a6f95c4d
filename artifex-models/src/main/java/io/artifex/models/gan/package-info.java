/**
 * The GAN family: DCGAN for images (type id {@code dcgan}, {@link io.artifex.models.gan.DcganConfig})
 * and an MLP GAN for vectors (type id {@code mlp-gan}, {@link io.artifex.models.gan.MlpGanConfig}).
 *
 * <h2>Networks</h2>
 * The seed's DCGAN config builds reference network #2 of the benchmark spec exactly
 * (3,923,010 parameters: generator 2,311,553, discriminator 1,611,457; batch-norm scale and shift
 * counted, running statistics not). Layer geometry follows from the image shape and the number of
 * hidden widths (see {@code GanGeometry}): the generator starts at
 * {@code floor(H / stride^(L-1))} (28 -> 3 for four widths), each transposed convolution uses the
 * config kernel, shortened by one when the padding it needs is odd (3 -> 7 uses kernel 3,
 * padding 0), and ends with a 3x3 convolution and the output activation (tanh by default, data in
 * [-1, 1]); the discriminator halves exact sizes with the even kernel (padding (k - s) / 2) and,
 * from the first inexact size on, uses the odd kernel k - 1 (SAME, ceil). Batch norm (on by
 * default, optional) follows every generator layer and every discriminator convolution but the
 * first. Spectral normalisation ({@code spectralNorm}) applies to every discriminator layer: one
 * power-iteration step per training forward with a persistent vector {@code u} that is state, not
 * a trained or saved parameter.
 *
 * <h2>Losses</h2>
 * {@code non_saturating} (BCE on logits), {@code least_squares}, {@code hinge},
 * {@code wasserstein_gp} (gradient penalty at random interpolates, second order through core's
 * {@link io.artifex.core.autograd.GradientPenalty}; no weight clipping; the config forbids batch
 * norm in the critic), and an optional R1 penalty {@code r1Weight / 2 * E||grad D(x_real)||^2}.
 *
 * <h2>Training</h2>
 * {@code trainingPhases()} gives a "discriminator" phase (optimizer key "discriminator", repeated
 * {@code nCritic} times) and a "generator" phase (optimizer key "generator"). The discriminator
 * phase generates its fakes in {@code prepare} (no gradient recording, output detached). Give the
 * trainer optimizers under both keys (and "default"), e.g. Adam(2e-4, 0.5, 0.999).
 *
 * <h2>Sampling</h2>
 * {@code generate(n)}, {@code generate(n, truncation)} (latents redrawn until |z| {@literal <=} t), and,
 * since {@link Gan} is a {@link io.artifex.core.model.LatentGenerator}, {@code decode(z)} and
 * {@code interpolateLatents(z1, z2, steps, spherical)}; all in evaluation mode (batch norm uses
 * running statistics). A conditional GAN ({@code numClasses > 0}) is a
 * {@link io.artifex.core.model.ConditionalModel}: the one-hot label is appended to z and to the
 * discriminator's input (one constant plane per class for images).
 */
package io.artifex.models.gan;
