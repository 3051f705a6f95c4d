package io.artifex.models.energy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import java.util.Objects;

/**
 * The Metropolis-adjusted Langevin algorithm (Roberts and Tweedie, 1996). Per step and chain:
 * propose {@code x' = x - eps * dE/dx(x) + sqrt(2 eps) * N(0, I)} and accept it with
 * probability {@code min(1, exp(E(x) - E(x')) q(x | x') / q(x' | x))}, where
 * {@code log q(b | a) = -|b - a + eps * dE/dx(a)|^2 / (4 eps)}. The chain leaves
 * {@code exp(-E)} restricted to the domain exactly invariant: a proposal outside the domain is
 * rejected (never clamped). The acceptance rate over all chains and steps is reported.
 */
public final class MalaSampler implements EnergySampler {

    private final int steps;
    private final float stepSize;
    private final Domain domain;

    /**
     * @param steps number of proposals per chain, at least 1
     * @param stepSize the Langevin step {@code eps}, positive; the noise is {@code sqrt(2 eps)}
     * @param domain proposals leaving this box are rejected
     */
    public MalaSampler(int steps, double stepSize, Domain domain) {
        this.steps = SamplerChecks.positive("steps", steps);
        this.stepSize = (float) SamplerChecks.positive("stepSize", stepSize);
        this.domain = Objects.requireNonNull(domain, "domain");
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public ChainResult run(EnergyFunction energy, NDArray start, Rng rng) {
        Objects.requireNonNull(energy, "energy");
        Objects.requireNonNull(rng, "rng");
        float noise = (float) Math.sqrt(2.0 * stepSize);
        float inverseFourEps = 1f / (4f * stepSize);
        return ChainLoop.run(start, steps, (x, acceptance) -> {
            NDManager m = x.getManager();
            long n = x.getShape().get(0);
            NDArray meanFromX = x.sub(energy.gradient(x).mul(stepSize));
            NDArray proposal = meanFromX.add(rng.normal(m, x.getShape()).mul(noise));
            NDArray meanFromProposal = proposal.sub(energy.gradient(proposal).mul(stepSize));
            NDArray logForward = SamplerChecks.sumSquaresPerExample(proposal.sub(meanFromX)).mul(-inverseFourEps);
            NDArray logBackward = SamplerChecks.sumSquaresPerExample(x.sub(meanFromProposal)).mul(-inverseFourEps);
            NDArray logAlpha = energy.energy(x).reshape(n).sub(energy.energy(proposal).reshape(n))
                    .add(logBackward).sub(logForward);
            NDArray accept = rng.uniform(m, 0f, 1f, new Shape(n)).log().lt(logAlpha)
                    .logicalAnd(domain.contains(proposal));
            acceptance.record(SamplerChecks.count(accept), n);
            return NDArrays.where(SamplerChecks.broadcastMask(accept, x), proposal, x);
        });
    }
}
