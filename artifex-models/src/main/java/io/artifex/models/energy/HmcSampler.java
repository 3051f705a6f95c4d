package io.artifex.models.energy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;
import java.util.Objects;

/**
 * Hamiltonian Monte Carlo (Duane et al., 1987; Neal, 2011) with a unit mass matrix. Per step
 * and chain: draw a momentum {@code p ~ N(0, I)}, follow {@code leapfrogSteps} leapfrog steps
 * of size {@code eps} through {@code H(x, p) = E(x) + |p|^2 / 2}, and accept the end point with
 * probability {@code min(1, exp(H(start) - H(end)))}. An end point outside the domain is
 * rejected, so {@code exp(-E)} restricted to the domain stays exactly invariant. The acceptance
 * rate over all chains and steps is reported.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public final class HmcSampler implements EnergySampler {

    private final int steps;
    private final float stepSize;
    private final int leapfrogSteps;
    private final Domain domain;

    /**
     * @param steps number of proposals per chain, at least 1
     * @param stepSize the leapfrog step {@code eps}, positive
     * @param leapfrogSteps leapfrog steps per proposal, at least 1
     * @param domain end points outside this box are rejected
     */
    public HmcSampler(int steps, double stepSize, int leapfrogSteps, Domain domain) {
        this.steps = SamplerChecks.positive("steps", steps);
        this.stepSize = (float) SamplerChecks.positive("stepSize", stepSize);
        this.leapfrogSteps = SamplerChecks.positive("leapfrogSteps", leapfrogSteps);
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
        float half = stepSize / 2f;
        return ChainLoop.run(start, steps, (x, acceptance) -> {
            NDManager m = x.getManager();
            long n = x.getShape().get(0);
            NDArray momentum0 = rng.normal(m, x.getShape());
            NDArray p = momentum0.sub(Scalars.mul(energy.gradient(x), half));
            NDArray q = x;
            for (int l = 1; l <= leapfrogSteps; l++) {
                q = q.add(Scalars.mul(p, stepSize));
                NDArray grad = energy.gradient(q);
                p = p.sub(Scalars.mul(grad, l < leapfrogSteps ? stepSize : half));
            }
            NDArray hStart = energy.energy(x).reshape(n).add(Scalars.mul(SamplerChecks.sumSquaresPerExample(momentum0), 0.5f));
            NDArray hEnd = energy.energy(q).reshape(n).add(Scalars.mul(SamplerChecks.sumSquaresPerExample(p), 0.5f));
            NDArray accept = rng.uniform(m, 0f, 1f, new Shape(n)).log().lt(hStart.sub(hEnd))
                    .logicalAnd(domain.contains(q));
            acceptance.record(SamplerChecks.count(accept), n);
            return NDArrays.where(SamplerChecks.broadcastMask(accept, x), q, x);
        });
    }
}
