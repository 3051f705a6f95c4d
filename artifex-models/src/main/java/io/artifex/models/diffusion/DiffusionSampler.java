package io.artifex.models.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.progress.ProgressLog;
import io.artifex.core.random.Rng;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reverse-process loop: start from pure noise, and at each of the scheduler's timesteps
 * ask the {@link Denoiser} for its output and let the {@link DiffusionScheduler} step. Every
 * step runs in its own sub-manager that is closed when the step ends, so 1,000 steps hold no
 * more native memory than one. Progress goes to an optional {@link SamplingListener} and to
 * SLF4J (start and end at INFO; in between, a long run logs its progress at INFO through
 * {@link ProgressLog}: every tenth of the steps or ten seconds, silent for the first two seconds).
 *
 * <p>{@link #inpaint} samples the unknown part of an image given the known part: before each
 * step the known region of {@code x_t} is replaced by a fresh draw of q(x_t | x_0) of the
 * known image, and the final sample takes the known pixels exactly (the replacement method
 * of Song et al. 2021 and RePaint without resampling).
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public final class DiffusionSampler {

    private static final Logger LOG = LoggerFactory.getLogger(DiffusionSampler.class);

    private final DiffusionScheduler scheduler;
    private final SamplingListener listener;

    /** A sampler with the given scheduler and no listener. */
    public DiffusionSampler(DiffusionScheduler scheduler) {
        this(scheduler, null);
    }

    /** A sampler that reports each step to {@code listener} (may be null). */
    public DiffusionSampler(DiffusionScheduler scheduler, SamplingListener listener) {
        if (scheduler == null) {
            throw new IllegalArgumentException("scheduler must not be null");
        }
        this.scheduler = scheduler;
        this.listener = listener;
    }

    /** The scheduler. */
    public DiffusionScheduler scheduler() {
        return scheduler;
    }

    /**
     * Draws a batch of the given shape (batch axis first), returned on {@code target}.
     *
     * @param denoiser the network
     * @param shape the batch shape, e.g. (16, 1, 28, 28)
     * @param target the manager of the result
     * @param rng the only source of randomness
     */
    public NDArray sample(Denoiser denoiser, Shape shape, NDManager target, Rng rng) {
        NDArray nothingKnown = null;
        NDArray noMask = null;
        return run(denoiser, shape, nothingKnown, noMask, target, rng);
    }

    /**
     * Samples the unknown region of {@code known} (where {@code mask} is 0) consistent with the
     * known region (where {@code mask} is 1). {@code mask} broadcasts against {@code known}
     * (e.g. one mask (1, C, H, W) for a batch); values strictly between 0 and 1 blend.
     */
    public NDArray inpaint(Denoiser denoiser, NDArray known, NDArray mask, NDManager target, Rng rng) {
        if (known == null || mask == null) {
            throw new IllegalArgumentException("known image and mask must not be null");
        }
        if (mask.getShape().dimension() != known.getShape().dimension()) {
            throw new IllegalArgumentException("mask must have the image's number of axes ("
                    + known.getShape() + "), got " + mask.getShape());
        }
        return run(denoiser, known.getShape(), known, mask, target, rng);
    }

    private NDArray run(Denoiser denoiser, Shape shape, NDArray known, NDArray mask, NDManager target, Rng rng) {
        if (denoiser == null || shape == null || target == null || rng == null) {
            throw new IllegalArgumentException("denoiser, shape, target manager and rng must not be null");
        }
        int[] timesteps = scheduler.timesteps();
        int total = timesteps.length;
        long start = System.nanoTime();
        LOG.info("sampling {} with {} over {} steps", shape, scheduler.getClass().getSimpleName(), total);
        // the known image and mask go to the host once and are re-created on each step's
        // manager, so that nothing a step computes from them outlives the step
        float[] knownValues = known == null ? null : known.toType(DataType.FLOAT32, false).toFloatArray();
        float[] maskValues = mask == null ? null : mask.toType(DataType.FLOAT32, false).toFloatArray();
        Shape maskShape = mask == null ? null : mask.getShape();
        ProgressLog progress = ProgressLog.start(LOG, "sampling " + shape, total);
        try (NDManager loop = target.newSubManager()) {
            NDArray x = rng.normal(loop, shape);
            for (int i = 0; i < total; i++) {
                int t = timesteps[i];
                try (NDManager step = loop.newSubManager()) {
                    x.attach(step);
                    if (knownValues != null) {
                        NDArray knownHere = step.create(knownValues, shape);
                        NDArray maskHere = step.create(maskValues, maskShape);
                        NDArray noised = scheduler.addNoise(knownHere, rng.normal(step, shape), t);
                        x = x.sub(noised).mul(maskHere.neg().add(1f)).add(noised);
                    }
                    NDArray output = denoiser.predict(x, t);
                    NDArray next = scheduler.step(output, t, x, rng);
                    next.attach(loop);
                    x = next;
                }
                report(i + 1, total);
                progress.done(i + 1);
            }
            if (knownValues != null) {
                NDArray knownHere = loop.create(knownValues, shape);
                x = x.sub(knownHere).mul(loop.create(maskValues, maskShape).neg().add(1f)).add(knownHere);
            }
            x.attach(target);
            LOG.info("sampled {} in {} ms", shape, (System.nanoTime() - start) / 1_000_000);
            return x;
        }
    }

    private void report(int step, int total) {
        if (listener != null) {
            listener.onStep(step, total);
        }
        if (LOG.isDebugEnabled() && (step == total || step % Math.max(1, total / 10) == 0)) {
            LOG.debug("sampling step {}/{}", step, total);
        }
    }
}
