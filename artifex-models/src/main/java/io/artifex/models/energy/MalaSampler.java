package io.artifex.models.energy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;
import java.util.Objects;

/**
 * The Metropolis-adjusted Langevin algorithm (Roberts and Tweedie, 1996). Per step and chain:
 * propose {@code x' = x - eps * dE/dx(x) + sqrt(2 eps) * N(0, I)} and accept it with
 * probability {@code min(1, exp(E(x) - E(x')) q(x | x') / q(x' | x))}, where
 * {@code log q(b | a) = -|b - a + eps * dE/dx(a)|^2 / (4 eps)}. The chain leaves
 * {@code exp(-E)} restricted to the domain exactly invariant: a proposal outside the domain is
 * rejected (never clamped). The acceptance rate over all chains and steps is reported.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
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
            NDArray meanFromX = x.sub(Scalars.mul(energy.gradient(x), stepSize));
            NDArray proposal = meanFromX.add(Scalars.mul(rng.normal(m, x.getShape()), noise));
            NDArray meanFromProposal = proposal.sub(Scalars.mul(energy.gradient(proposal), stepSize));
            NDArray logForward = Scalars.mul(SamplerChecks.sumSquaresPerExample(proposal.sub(meanFromX)), -inverseFourEps);
            NDArray logBackward = Scalars.mul(SamplerChecks.sumSquaresPerExample(x.sub(meanFromProposal)), -inverseFourEps);
            NDArray logAlpha = energy.energy(x).reshape(n).sub(energy.energy(proposal).reshape(n))
                    .add(logBackward).sub(logForward);
            NDArray accept = rng.uniform(m, 0f, 1f, new Shape(n)).log().lt(logAlpha)
                    .logicalAnd(domain.contains(proposal));
            acceptance.record(SamplerChecks.count(accept), n);
            return NDArrays.where(SamplerChecks.broadcastMask(accept, x), proposal, x);
        });
    }
}
