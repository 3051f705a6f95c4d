package io.artifex.models.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;

/**
 * DDIM sampling (Song et al. 2021) over any number of steps. From {@code x_t} with estimates
 * {@code x0} and {@code eps} (the eps consistent with the possibly clipped x0), to the next
 * visited timestep {@code s} ({@code abar_{-1} = 1}):
 *
 * <pre>
 *   sigma = eta sqrt((1 - abar_s) / (1 - abar_t)) sqrt(1 - abar_t / abar_s)
 *   x_s   = sqrt(abar_s) x0 + sqrt(1 - abar_s - sigma^2) eps + sigma z,  z ~ N(0, I)
 * </pre>
 *
 * {@code eta = 0} is the deterministic sampler; {@code eta = 1} has DDPM's posterior variance.
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public final class DdimScheduler extends DiffusionScheduler {

    private final double eta;

    /**
     * @param schedule the forward-process schedule
     * @param predictionType what the model outputs
     * @param clipX0 x0 clipping bound, 0 = off
     * @param eta stochasticity in [0, 1]
     * @param numSteps how many timesteps to visit (1 .. T)
     */
    public DdimScheduler(NoiseSchedule schedule, PredictionType predictionType, double clipX0, double eta,
                         int numSteps) {
        super(schedule, predictionType, clipX0);
        if (!(eta >= 0 && eta <= 1)) {
            throw new IllegalArgumentException("DDIM eta must be in [0, 1], got " + eta);
        }
        this.eta = eta;
        setTimesteps(numSteps);
    }

    /** The stochasticity eta. */
    public double eta() {
        return eta;
    }

    @Override
    protected NDArray stepFrom(NDArray modelOutput, int t, int prev, NDArray xt, Rng rng) {
        NoiseSchedule s = schedule();
        double abarT = s.alphaBar(t);
        double abarS = s.alphaBar(prev);
        double sigma = eta * Math.sqrt((1 - abarS) / (1 - abarT)) * Math.sqrt(Math.max(0, 1 - abarT / abarS));
        NDManager m = xt.getManager();
        NDArray x0 = predictX0(modelOutput, t, xt);
        NDArray eps = predictEpsilon(modelOutput, t, xt, x0);
        double direction = Math.sqrt(Math.max(0, 1 - abarS - sigma * sigma));
        NDArray next = Scalars.mul(x0, (float) Math.sqrt(abarS)).add(Scalars.mul(eps, (float) direction));
        if (sigma > 0) {
            next = next.add(Scalars.mul(rng.normal(m, xt.getShape()), (float) sigma));
        }
        return next;
    }
}
