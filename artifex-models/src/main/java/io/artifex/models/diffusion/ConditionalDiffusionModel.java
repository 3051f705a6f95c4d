package io.artifex.models.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.ConditionalPreviewSampling;
import io.artifex.core.model.GuidedSteppedSampling;
import io.artifex.core.random.Rng;

/**
 * A class-conditional {@link DiffusionModel} with classifier-free guidance (Ho and Salimans
 * 2022). The class embedding has one extra row, the "null" class (index
 * {@link #numClasses()}), which training uses with probability {@code labelDropout}; sampling
 * combines the conditional and the null-class outputs as
 * {@code uncond + guidanceScale * (cond - uncond)} (scale 1: plain conditional sampling; 0:
 * unconditional; above 1: stronger guidance). Unlabelled {@link #generate(int, NDManager, Rng)}
 * samples unconditionally.
 *
 * <p>Thread-safety: as for every model (docs/testing.md, "Concurrent sampling"): sampling and
 * likelihood calls may run on several threads at once, each with its own {@code Rng} and
 * sub-manager; training, loading weights and {@code close} must not overlap any other call.
 */
public final class ConditionalDiffusionModel extends DiffusionModel implements ConditionalPreviewSampling, GuidedSteppedSampling {

    /** The guidance scale of {@link #generate(NDArray, NDManager, Rng)}. */
    public static final double DEFAULT_GUIDANCE_SCALE = 2.0;

    ConditionalDiffusionModel(ModelConfig config, NDManager manager, Block network, DiffusionSpec spec) {
        super(config, manager, network, spec);
    }

    @Override
    public int numClasses() {
        return classCount();
    }

    /** One sample per label by DDPM over all steps with the default guidance scale. */
    @Override
    public NDArray generate(NDArray labels, NDManager target, Rng rng) {
        return generate(labels, DEFAULT_GUIDANCE_SCALE, ddpmScheduler(), null, target, rng);
    }

    /**
     * One sample per label by the preview sampler ({@link #generatePreview(int, NDManager, Rng)}'s
     * DDIM steps) with the default guidance scale.
     */
    @Override
    public NDArray generatePreview(NDArray labels, NDManager target, Rng rng) {
        return generate(labels, DEFAULT_GUIDANCE_SCALE, previewScheduler(), null, target, rng);
    }

    /** One sample per label by DDPM over all steps with the given guidance scale. */
    @Override
    public NDArray generate(NDArray labels, double guidanceScale, NDManager target, Rng rng) {
        return generate(labels, guidanceScale, ddpmScheduler(), null, target, rng);
    }

    /** One sample per label by the preview sampler's DDIM steps with the given guidance scale. */
    @Override
    public NDArray generatePreview(NDArray labels, double guidanceScale, NDManager target, Rng rng) {
        return generate(labels, guidanceScale, previewScheduler(), null, target, rng);
    }

    /** {@value #DEFAULT_GUIDANCE_SCALE}. */
    @Override
    public double defaultGuidanceScale() {
        return DEFAULT_GUIDANCE_SCALE;
    }

    /** One sample per label with the given guidance scale by {@link #generate(int, int, NDManager, Rng)}'s sampler of {@code steps}. */
    @Override
    public NDArray generate(NDArray labels, double guidanceScale, int steps, NDManager target, Rng rng) {
        return generate(labels, guidanceScale, schedulerFor(steps), null, target, rng);
    }

    /**
     * One sample per label (int, shape {@code (n)}, values in [0, numClasses)) with the given
     * guidance scale and scheduler; progress to {@code listener} (may be null).
     */
    public NDArray generate(NDArray labels, double guidanceScale, DiffusionScheduler scheduler,
                            SamplingListener listener, NDManager target, Rng rng) {
        if (labels == null || labels.getShape().dimension() != 1) {
            throw new IllegalArgumentException("labels must be a 1-D array of class indices, got "
                    + (labels == null ? "null" : labels.getShape()));
        }
        long[] y = labels.toType(DataType.INT64, false).toLongArray();
        for (long label : y) {
            if (label < 0 || label >= numClasses()) {
                throw new IllegalArgumentException("labels must be in [0, " + numClasses() + "), got " + label);
            }
        }
        requirePositive(y.length);
        return new DiffusionSampler(scheduler, listener).sample(denoiser(y, guidanceScale), batchShape(y.length),
                target, rng);
    }
}
