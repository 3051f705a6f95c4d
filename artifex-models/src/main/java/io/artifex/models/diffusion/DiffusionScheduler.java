package io.artifex.models.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;
import java.util.Arrays;

/**
 * A sampler of the reverse diffusion process, separate from the network (the diffusers
 * design). Three verbs:
 * <ul>
 *   <li>{@link #setTimesteps(int)} chooses the timesteps sampling visits, from high to low;
 *   <li>{@link #step} takes the model output at one of them and returns the sample at the next;
 *   <li>{@link #addNoise} draws from the forward process q(x_t | x_0).
 * </ul>
 * The model output may be an epsilon, x0 or v prediction ({@link PredictionTargets} converts).
 * With {@code n} steps the visited timesteps are evenly spaced down to 0, as in DDIM
 * (Song et al. 2021) and diffusers' "leading" spacing: {@code t_i = floor((n - 1 - i) T / n)},
 * {@code i = 0 .. n-1} (all of T-1 .. 0 when n = T); the step after {@code t = 0} goes to
 * {@code t = -1}, where {@code abar = 1} (the clean sample). Starting below T-1 keeps
 * {@code abar} of the first visited step away from 0 (for cosine and n = 50: t = 980,
 * abar ~ 1e-3 instead of ~ 1e-9), where an epsilon prediction's small errors would be
 * multiplied by {@code 1 / sqrt(abar)} in the x0 estimate.
 *
 * <p>Arrays made by {@link #step} and {@link #addNoise} belong to the manager of their first
 * array argument ({@code x_t} or {@code x0}); a sampling loop attaches x_t to a per-step
 * sub-manager (see {@link DiffusionSampler}).
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public abstract class DiffusionScheduler {

    private final NoiseSchedule schedule;
    private final PredictionType predictionType;
    private final double clipX0;
    private int[] timesteps;
    private int[] previous;

    /**
     * @param schedule the forward-process schedule
     * @param predictionType what the model outputs
     * @param clipX0 if &gt; 0, x0 estimates are clamped to [-clipX0, clipX0] (1 for images in [-1, 1]); 0 = off
     */
    protected DiffusionScheduler(NoiseSchedule schedule, PredictionType predictionType, double clipX0) {
        if (schedule == null) {
            throw new IllegalArgumentException("schedule must not be null");
        }
        if (predictionType == null) {
            throw new IllegalArgumentException("predictionType must not be null");
        }
        if (!(clipX0 >= 0) || Double.isInfinite(clipX0)) {
            throw new IllegalArgumentException("clipX0 must be >= 0 and finite (0 = no clipping), got " + clipX0);
        }
        this.schedule = schedule;
        this.predictionType = predictionType;
        this.clipX0 = clipX0;
        setTimesteps(schedule.numTimesteps());
    }

    /** The forward-process schedule. */
    public NoiseSchedule schedule() {
        return schedule;
    }

    /** What the model outputs. */
    public PredictionType predictionType() {
        return predictionType;
    }

    /** The x0 clipping bound, 0 when off. */
    public double clipX0() {
        return clipX0;
    }

    /**
     * Chooses {@code n} timesteps to visit (1 &lt;= n &lt;= T), evenly spaced down to 0, highest first.
     *
     * @return this scheduler
     */
    public DiffusionScheduler setTimesteps(int n) {
        int total = schedule.numTimesteps();
        if (n < 1 || n > total) {
            throw new IllegalArgumentException("number of sampling steps must be in [1, " + total + "], got " + n);
        }
        int[] ts = new int[n];
        int[] prev = new int[total];
        Arrays.fill(prev, Integer.MIN_VALUE);
        for (int i = 0; i < n; i++) {
            ts[i] = (int) Math.floor((n - 1 - i) * (double) total / n);
        }
        for (int i = 0; i < n; i++) {
            prev[ts[i]] = i + 1 < n ? ts[i + 1] : -1;
        }
        this.timesteps = ts;
        this.previous = prev;
        return this;
    }

    /** The timesteps sampling visits, highest first (a copy). */
    public int[] timesteps() {
        return timesteps.clone();
    }

    /** The timestep sampling moves to from {@code t}: the next one visited, or -1 after the last. */
    public int previousTimestep(int t) {
        if (t < 0 || t >= previous.length || previous[t] == Integer.MIN_VALUE) {
            throw new IllegalArgumentException("timestep " + t + " is not one of the sampling timesteps "
                    + Arrays.toString(timesteps) + "; call setTimesteps first");
        }
        return previous[t];
    }

    /**
     * One reverse step: from the model output at {@code x_t} (timestep {@code t}, one of
     * {@link #timesteps()}) to the sample at {@link #previousTimestep(int)}.
     *
     * @param modelOutput the network's prediction, same shape as {@code xt}
     * @param t the current timestep
     * @param xt the current sample
     * @param rng noise for stochastic samplers
     * @return the next sample, on {@code xt}'s manager
     */
    public final NDArray step(NDArray modelOutput, int t, NDArray xt, Rng rng) {
        if (modelOutput == null || xt == null || rng == null) {
            throw new IllegalArgumentException("modelOutput, xt and rng must not be null");
        }
        if (!modelOutput.getShape().equals(xt.getShape())) {
            throw new IllegalArgumentException("modelOutput shape " + modelOutput.getShape()
                    + " must equal the sample's shape " + xt.getShape());
        }
        return stepFrom(modelOutput, t, previousTimestep(t), xt, rng);
    }

    /** The sampler-specific step from {@code t} to {@code prev} ({@code -1} = clean). */
    protected abstract NDArray stepFrom(NDArray modelOutput, int t, int prev, NDArray xt, Rng rng);

    /** The x0 estimate of a model output at timestep {@code t}, clipped if configured. */
    protected NDArray predictX0(NDArray modelOutput, int t, NDArray xt) {
        NDManager m = xt.getManager();
        NDArray x0 = PredictionTargets.toX0(predictionType, modelOutput, xt,
                scalar(m, schedule.sqrtAlphaBar(t)), scalar(m, schedule.sqrtOneMinusAlphaBar(t)));
        return clipX0 > 0 ? x0.clip(-clipX0, clipX0) : x0;
    }

    /**
     * The noise estimate at timestep {@code t} that goes with {@code x0} from
     * {@link #predictX0}: converted directly from the output when nothing is clipped, else
     * recomputed from the clipped x0 so that both stay consistent with {@code x_t}.
     */
    protected NDArray predictEpsilon(NDArray modelOutput, int t, NDArray xt, NDArray x0) {
        NDManager m = xt.getManager();
        NDArray a = scalar(m, schedule.sqrtAlphaBar(t));
        NDArray b = scalar(m, schedule.sqrtOneMinusAlphaBar(t));
        return clipX0 > 0 ? PredictionTargets.epsilonFromX0(x0, xt, a, b)
                : PredictionTargets.toEpsilon(predictionType, modelOutput, xt, a, b);
    }

    /** {@code x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) noise}, one timestep for the whole batch. */
    public NDArray addNoise(NDArray x0, NDArray noise, int t) {
        requireSameShape(x0, noise);
        return Scalars.mul(x0, (float) schedule.sqrtAlphaBar(t)).add(Scalars.mul(noise, (float) schedule.sqrtOneMinusAlphaBar(t)));
    }

    /** {@code x_t} with one timestep per example: {@code t.length} must equal the batch size. */
    public NDArray addNoise(NDArray x0, NDArray noise, int[] t) {
        requireSameShape(x0, noise);
        NDArray[] ab = coefficients(x0, t);
        return x0.mul(ab[0]).add(noise.mul(ab[1]));
    }

    /**
     * Per-example {@code sqrt(abar_t)} and {@code sqrt(1 - abar_t)} shaped {@code (N, 1, ..., 1)}
     * to broadcast against a batch like {@code x}, on {@code x}'s manager.
     */
    public NDArray[] coefficients(NDArray x, int[] t) {
        long n = x.getShape().get(0);
        if (t == null || t.length != n) {
            throw new IllegalArgumentException("need one timestep per example (" + n + "), got "
                    + (t == null ? "null" : t.length));
        }
        float[] a = new float[t.length];
        float[] b = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            a[i] = (float) schedule.sqrtAlphaBar(t[i]);
            b[i] = (float) schedule.sqrtOneMinusAlphaBar(t[i]);
        }
        long[] dims = new long[x.getShape().dimension()];
        Arrays.fill(dims, 1);
        dims[0] = n;
        Shape shape = new Shape(dims);
        NDManager m = x.getManager();
        return new NDArray[] {m.create(a, shape), m.create(b, shape)};
    }

    /** A float scalar array on {@code manager}. */
    protected static NDArray scalar(NDManager manager, double value) {
        return manager.create((float) value);
    }

    private static void requireSameShape(NDArray x0, NDArray noise) {
        if (x0 == null || noise == null) {
            throw new IllegalArgumentException("x0 and noise must not be null");
        }
        if (!x0.getShape().equals(noise.getShape())) {
            throw new IllegalArgumentException("noise shape " + noise.getShape() + " must equal x0's shape "
                    + x0.getShape());
        }
    }
}
