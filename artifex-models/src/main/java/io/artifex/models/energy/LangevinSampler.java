package io.artifex.models.energy;

import ai.djl.ndarray.NDArray;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;
import java.util.Objects;

/**
 * Stochastic-gradient Langevin dynamics as energy-based models use it (Du and Mordatch,
 * 2019), with benchmark network 5's update per step:
 * <pre>
 *   x &lt;- clamp( x - stepSize * clip(dE/dx, -gradClip, gradClip) + noiseScale * N(0, I), domain )
 * </pre>
 * {@code gradClip = 0} turns the gradient clip off. With {@code noiseScale = sqrt(2 * stepSize)},
 * no clip and an unbounded domain this is the unadjusted Langevin algorithm, which samples
 * {@code exp(-E)} up to an O(stepSize) bias; EBM training usually takes a much smaller noise
 * (a lower temperature). There is no Metropolis test, so no acceptance rate is reported.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public final class LangevinSampler implements EnergySampler {

    private final int steps;
    private final float stepSize;
    private final float noiseScale;
    private final float gradClip;
    private final Domain domain;

    /**
     * @param steps number of updates, at least 1
     * @param stepSize gradient step, positive
     * @param noiseScale standard deviation of the added Gaussian noise, at least 0
     * @param gradClip clip each gradient element to [-gradClip, gradClip]; 0 = no clip
     * @param domain box the state is clamped to after every step
     */
    public LangevinSampler(int steps, double stepSize, double noiseScale, double gradClip, Domain domain) {
        this.steps = SamplerChecks.positive("steps", steps);
        this.stepSize = (float) SamplerChecks.positive("stepSize", stepSize);
        this.noiseScale = (float) SamplerChecks.nonNegative("noiseScale", noiseScale);
        this.gradClip = (float) SamplerChecks.nonNegative("gradClip", gradClip);
        this.domain = Objects.requireNonNull(domain, "domain");
    }

    /** The unadjusted Langevin algorithm: noise {@code sqrt(2 * stepSize)}, no clip, no domain. */
    public static LangevinSampler unadjusted(int steps, double stepSize) {
        return new LangevinSampler(steps, stepSize, Math.sqrt(2 * stepSize), 0, Domain.unbounded());
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public ChainResult run(EnergyFunction energy, NDArray start, Rng rng) {
        Objects.requireNonNull(energy, "energy");
        Objects.requireNonNull(rng, "rng");
        return ChainLoop.run(start, steps, (x, acceptance) -> {
            NDArray grad = energy.gradient(x);
            if (gradClip > 0) {
                grad = grad.clip(-gradClip, gradClip);
            }
            NDArray moved = x.sub(Scalars.mul(grad, stepSize));
            if (noiseScale > 0) {
                moved = moved.add(Scalars.mul(rng.normal(x.getManager(), x.getShape()), noiseScale));
            }
            return domain.clamp(moved);
        });
    }
}
