package io.artifex.models.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.image.ValueRange;
import io.artifex.core.model.AbstractGenerativeModel;
import io.artifex.core.model.Batch;
import io.artifex.core.model.DataContract;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.PreviewSampling;
import io.artifex.core.model.SteppedSampling;
import io.artifex.core.model.StepContext;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A denoising diffusion model (Ho et al. 2020): a network (the U-Net, or an MLP for vector
 * data) trained to predict epsilon, x0 or v from {@code x_t ~ q(x_t | x_0)}, and samplers that
 * run the reverse process with it.
 *
 * <p><b>Training</b> ({@link #forward}, {@link #loss}; the default single phase): for each
 * example a timestep uniform over {0 .. T-1} and noise {@code eps ~ N(0, I)};
 * {@code x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps}; loss = batch mean of
 * {@code w_t * mean((f(x_t, t) - target)^2)}, with {@code w_t = 1} or the Min-SNR-gamma weight
 * ({@link PredictionTargets#minSnrWeight}). A class-conditional model replaces each label by
 * the null class with probability {@code labelDropout}.
 *
 * <p><b>Sampling</b>: {@link #generate(int, NDManager, Rng)} runs DDPM ancestral sampling over
 * all T steps; {@link #generate(int, DiffusionScheduler, SamplingListener, NDManager, Rng)}
 * takes any scheduler ({@link #ddimScheduler} for fast deterministic sampling;
 * {@link #generatePreview} is DDIM with {@value #PREVIEW_STEPS} steps, which training grids use),
 * and {@link #inpaint} fills a masked region. Samples are in the data space of the training
 * batches (images: [-1, 1], with x0 estimates clipped there).
 *
 * <p><b>EMA.</b> Sample from an exponential moving average of the weights: the trainer keeps
 * one when its config's {@code emaDecay} is above 0 (the DDPM config's {@code emaDecay} is the
 * recommended value) and sampling should run inside its {@code applied()} scope. The model
 * itself does not depend on the trainer.
 *
 * <p>Thread-safety: sampling ({@code generate}, {@code sample} and the capability methods) may run on several threads at once, each call with its own {@code Rng} and its own sub-manager, and gives the samples of the same seed drawn alone; training, loading weights and {@code close} must not overlap any other call.
 */
public class DiffusionModel extends AbstractGenerativeModel<ModelConfig> implements PreviewSampling, SteppedSampling {

    /** DDIM steps of {@link #generatePreview} (eta 0). */
    public static final int PREVIEW_STEPS = 50;

    private final DiffusionSpec spec;

    DiffusionModel(ModelConfig config, NDManager manager, Block network, DiffusionSpec spec) {
        super(config, network, manager, spec.exampleShape());
        this.spec = spec;
    }

    /** The forward-process schedule. */
    public NoiseSchedule schedule() {
        return spec.schedule();
    }

    /** What the network predicts. */
    public PredictionType predictionType() {
        return spec.predictionType();
    }

    /**
     * The DDPM family (x0 estimates clipped to [-1, 1]) reads values in [-1, 1] ({@code scale11});
     * a model without clipping (the MLP family) reads any real values. Examples of {@link #exampleShape()}.
     */
    @Override
    public DataContract dataContract() {
        double clip = spec.clipX0();
        if (clip <= 0) {
            return DataContract.real(spec.exampleShape());
        }
        return clip == 1.0 ? DataContract.of(ValueRange.MINUS_ONE_ONE, spec.exampleShape())
                : DataContract.bounded(-clip, clip, spec.exampleShape());
    }

    /** 0 for an unconditional model, else the number of classes (label {@code numClasses} is "null"). */
    int classCount() {
        return spec.numClasses();
    }

    /** A DDPM ancestral sampler over all T steps for this model. */
    public DdpmScheduler ddpmScheduler() {
        return new DdpmScheduler(spec.schedule(), spec.predictionType(), spec.clipX0());
    }

    /** A DDIM sampler over {@code steps} steps with stochasticity {@code eta} in [0, 1]. */
    public DdimScheduler ddimScheduler(int steps, double eta) {
        return new DdimScheduler(spec.schedule(), spec.predictionType(), spec.clipX0(), eta, steps);
    }

    @Override
    public ModelOutputs forward(Batch batch, StepContext context) {
        NDArray x0 = checkedData(batch.x());
        NDManager m = context.manager();
        int n = (int) x0.getShape().get(0);
        Rng rng = context.rng();
        int[] t = new int[n];
        float[] weights = new float[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(spec.schedule().numTimesteps());
            weights[i] = (float) PredictionTargets.minSnrWeight(spec.predictionType(), spec.schedule().snr(t[i]),
                    spec.minSnrGamma());
        }
        NDArray noise = rng.normal(m, x0.getShape());
        NDArray[] ab = ddpmScheduler().coefficients(noise, t);
        NDArray xt = noise.mul(ab[1]).add(x0.mul(ab[0]));
        NDList inputs = new NDList(xt, m.create(toFloats(t)));
        if (spec.numClasses() > 0) {
            inputs.add(m.create(droppedLabels(batch, n, rng)));
        }
        NDArray prediction = network().forward(context.parameterStore(), inputs, context.training()).singletonOrThrow();
        Map<String, NDArray> out = new LinkedHashMap<>();
        out.put("prediction", prediction);
        out.put("target", PredictionTargets.target(spec.predictionType(), x0, noise, ab[0], ab[1]));
        out.put("weights", m.create(weights));
        out.put("timesteps", m.create(t));
        return ModelOutputs.of(out);
    }

    @Override
    public LossResult loss(Batch batch, ModelOutputs outputs, StepContext context) {
        NDArray diff = outputs.get("prediction").sub(outputs.get("target"));
        NDArray perExample = diff.square().reshape(diff.getShape().get(0), -1).mean(new int[] {1});
        NDArray total = perExample.mul(outputs.get("weights")).mean();
        return new LossResult(total, Map.of("mse", perExample.mean()));
    }

    private long[] droppedLabels(Batch batch, int n, Rng rng) {
        NDArray labels = batch.labels().orElseThrow(() -> new IllegalArgumentException(
                "class-conditional diffusion model '" + config().name() + "' needs labelled batches"));
        long[] y = labels.toType(DataType.INT64, false).toLongArray();
        for (int i = 0; i < n; i++) {
            if (y[i] < 0 || y[i] >= spec.numClasses()) {
                throw new IllegalArgumentException("labels must be in [0, " + spec.numClasses() + "), got " + y[i]);
            }
            if (rng.nextDouble() < spec.labelDropout()) {
                y[i] = spec.numClasses();
            }
        }
        return y;
    }

    /**
     * The network as a {@link Denoiser} for inference: unconditional when {@code labels} is null
     * (a conditional model then uses the null class); otherwise conditioned on {@code labels}
     * (one per example, {@code numClasses} meaning "none") with classifier-free guidance
     * {@code out = uncond + guidanceScale * (cond - uncond)} when the scale is not 1.
     */
    public Denoiser denoiser(long[] labels, double guidanceScale) {
        if (labels != null && spec.numClasses() == 0) {
            throw new IllegalArgumentException("model '" + config().name() + "' is unconditional; labels must be null");
        }
        if (!Double.isFinite(guidanceScale)) {
            throw new IllegalArgumentException("guidanceScale must be finite, got " + guidanceScale);
        }
        long[] y = labels == null ? null : labels.clone();
        boolean guided = y != null && guidanceScale != 1.0;
        return (xt, t) -> {
            NDManager m = xt.getManager();
            ParameterStore store = new ParameterStore(m, false);
            long n = xt.getShape().get(0);
            long[] cond = y != null ? y : nullLabels(n);
            if (cond.length != n) {
                throw new IllegalArgumentException("got " + cond.length + " labels for a batch of " + n);
            }
            if (!guided) {
                return network().forward(store, inputs(m, xt, t, cond), false).singletonOrThrow();
            }
            long[] both = new long[(int) (2 * n)];
            System.arraycopy(cond, 0, both, 0, (int) n);
            System.arraycopy(nullLabels(n), 0, both, (int) n, (int) n);
            NDArray out = network().forward(store, inputs(m, xt.concat(xt, 0), t, both), false).singletonOrThrow();
            NDArray conditional = out.get("0:" + n);
            NDArray unconditional = out.get(n + ":");
            return unconditional.add(Scalars.mul(conditional.sub(unconditional), (float) guidanceScale));
        };
    }

    private NDList inputs(NDManager m, NDArray x, int t, long[] labels) {
        long n = x.getShape().get(0);
        float[] ts = new float[(int) n];
        java.util.Arrays.fill(ts, t);
        NDList list = new NDList(x, m.create(ts));
        if (spec.numClasses() > 0) {
            list.add(m.create(labels));
        }
        return list;
    }

    private long[] nullLabels(long n) {
        long[] y = new long[(int) n];
        java.util.Arrays.fill(y, spec.numClasses());
        return y;
    }

    /** {@code n} samples by DDPM ancestral sampling over all T steps. */
    @Override
    public NDArray generate(int n, NDManager target, Rng rng) {
        return generate(n, ddpmScheduler(), null, target, rng);
    }

    /**
     * {@code n} samples by {@value #PREVIEW_STEPS} deterministic DDIM steps (eta 0), 20 times
     * cheaper than {@link #generate(int, NDManager, Rng)} over 1,000 steps; a schedule of at most
     * {@value #PREVIEW_STEPS} steps is already cheap and is sampled as {@code generate} does.
     */
    @Override
    public NDArray generatePreview(int n, NDManager target, Rng rng) {
        return generate(n, previewScheduler(), null, target, rng);
    }

    /** The number of timesteps: {@link #generate(int, int, NDManager, Rng)} takes 1 to this many steps. */
    @Override
    public int maxSamplingSteps() {
        return spec.schedule().numTimesteps();
    }

    /**
     * {@code n} samples by {@code steps} deterministic DDIM steps (eta 0) over evenly spaced
     * timesteps, or by DDPM ancestral sampling when {@code steps} is all of them (as
     * {@link #generate(int, NDManager, Rng)}).
     */
    @Override
    public NDArray generate(int n, int steps, NDManager target, Rng rng) {
        return generate(n, schedulerFor(steps), null, target, rng);
    }

    /** DDPM over all timesteps for {@code steps == T}, else DDIM over {@code steps}, eta 0. */
    DiffusionScheduler schedulerFor(int steps) {
        int all = spec.schedule().numTimesteps();
        if (steps < 1 || steps > all) {
            throw new IllegalArgumentException("sampling steps must be in 1.." + all + " (the model's timesteps), got "
                    + steps);
        }
        return steps == all ? ddpmScheduler() : ddimScheduler(steps, 0.0);
    }

    /** The scheduler of the preview sampler: DDPM over a short schedule, else DDIM-{@value #PREVIEW_STEPS}, eta 0. */
    DiffusionScheduler previewScheduler() {
        return spec.schedule().numTimesteps() <= PREVIEW_STEPS ? ddpmScheduler() : ddimScheduler(PREVIEW_STEPS, 0.0);
    }

    @Override
    public String previewSampler() {
        return spec.schedule().numTimesteps() <= PREVIEW_STEPS ? "DDPM ancestral, all "
                + spec.schedule().numTimesteps() + " steps" : "DDIM, " + PREVIEW_STEPS + " steps, eta 0";
    }

    /** {@code n} samples with the given scheduler, reporting each step to {@code listener} (may be null). */
    public NDArray generate(int n, DiffusionScheduler scheduler, SamplingListener listener, NDManager target, Rng rng) {
        requirePositive(n);
        return new DiffusionSampler(scheduler, listener).sample(denoiser(null, 1.0), batchShape(n), target, rng);
    }

    /**
     * Fills the region of {@code image} where {@code mask} is 0 with samples consistent with the
     * region where it is 1 (see {@link DiffusionSampler#inpaint}). {@code image} is a batch
     * {@code (N, ...)} in the data space; {@code mask} broadcasts against it.
     */
    public NDArray inpaint(NDArray image, NDArray mask, DiffusionScheduler scheduler, SamplingListener listener,
                           NDManager target, Rng rng) {
        NDArray known = checkedData(image);
        return new DiffusionSampler(scheduler, listener).inpaint(denoiser(null, 1.0), known, mask, target, rng);
    }

    /** The shape of a batch of {@code n} examples. */
    Shape batchShape(int n) {
        return new Shape(n).addAll(spec.exampleShape());
    }

    static void requirePositive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("number of samples must be >= 1, got " + n);
        }
    }

    /** Accepts {@code (N, example shape)} or any {@code (N, ...)} with as many values per example. */
    NDArray checkedData(NDArray x) {
        Shape shape = x.getShape();
        long perExample = spec.exampleShape().size();
        if (shape.dimension() < 2 || shape.size() != shape.get(0) * perExample) {
            throw new IllegalArgumentException("diffusion model '" + config().name() + "' expects data of shape (N, "
                    + spec.exampleShape() + "), got " + shape);
        }
        return shape.slice(1).equals(spec.exampleShape()) ? x : x.reshape(batchShape((int) shape.get(0)));
    }

    private static float[] toFloats(int[] t) {
        float[] f = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            f[i] = t[i];
        }
        return f;
    }
}
