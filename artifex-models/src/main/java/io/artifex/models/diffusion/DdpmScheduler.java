package io.artifex.models.diffusion;

import ai.djl.ndarray.NDArray;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;

/**
 * Ancestral sampling of DDPM (Ho et al. 2020): from {@code x_t}, estimate {@code x0}, then
 * draw {@code x_s} from the forward-process posterior q(x_s | x_t, x0), with {@code s} the
 * next visited timestep. With all T steps ({@code s = t - 1}, the default) this is the
 * posterior of {@link NoiseSchedule}; with fewer steps the same formulas use
 * {@code alpha = abar_t / abar_s}:
 *
 * <pre>
 *   mean = sqrt(abar_s) (1 - alpha) / (1 - abar_t) x0 + sqrt(alpha) (1 - abar_s) / (1 - abar_t) x_t
 *   var  = (1 - alpha) (1 - abar_s) / (1 - abar_t)          (0 at the last step, s = -1)
 *   x_s  = mean + sqrt(var) z,  z ~ N(0, I)
 * </pre>
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public final class DdpmScheduler extends DiffusionScheduler {

    /** A DDPM sampler over all T timesteps. */
    public DdpmScheduler(NoiseSchedule schedule, PredictionType predictionType, double clipX0) {
        super(schedule, predictionType, clipX0);
    }

    @Override
    protected NDArray stepFrom(NDArray modelOutput, int t, int prev, NDArray xt, Rng rng) {
        NoiseSchedule s = schedule();
        double abarT = s.alphaBar(t);
        double abarS = s.alphaBar(prev);
        double alpha = abarT / abarS;
        double coefX0 = Math.sqrt(abarS) * (1 - alpha) / (1 - abarT);
        double coefXt = Math.sqrt(alpha) * (1 - abarS) / (1 - abarT);
        double variance = (1 - alpha) * (1 - abarS) / (1 - abarT);
        NDArray x0 = predictX0(modelOutput, t, xt);
        NDArray mean = Scalars.mul(xt, (float) coefXt).add(Scalars.mul(x0, (float) coefX0));
        if (prev < 0 || variance <= 0) {
            return mean;
        }
        NDArray z = rng.normal(xt.getManager(), xt.getShape());
        return mean.add(Scalars.mul(z, (float) Math.sqrt(variance)));
    }
}
