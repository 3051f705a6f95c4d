package io.artifex.models.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.image.ValueRange;
import io.artifex.core.model.AbstractGenerativeModel;
import io.artifex.core.model.Batch;
import io.artifex.core.model.DataContract;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.ParameterGroup;
import io.artifex.core.model.StepContext;
import io.artifex.core.model.TrainingPhase;
import io.artifex.core.model.TruncatedSampling;
import io.artifex.core.random.Rng;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the unconditional {@link Gan} and the {@link ConditionalGan} share: a generator and a
 * discriminator (convolutional DCGAN or MLP), an adversarial loss with optional WGAN-GP and R1
 * penalties, and two training phases for the generic trainer.
 *
 * <p><b>Training.</b> {@link #trainingPhases()} returns a {@code "discriminator"} phase (optimizer
 * key {@code "discriminator"}, run {@code nCritic} times per step) and a {@code "generator"} phase
 * (optimizer key {@code "generator"}); see {@link DiscriminatorObjective} and
 * {@link GeneratorObjective}. The trainer freezes the other network during each phase.
 *
 * <p><b>{@link #forward}/{@link #loss}</b> (used by the trainer's validation) give the
 * discriminator's adversarial loss on real data and fresh fakes, without penalties (those need
 * gradient recording), with the generator's loss as a term.
 *
 * <p><b>Sampling</b> runs the generator in evaluation mode: batch norm uses its running
 * statistics, so a sample does not depend on the other samples of its batch.
 *
 * <p>Thread-safety: as for every model (docs/testing.md, "Concurrent sampling"): sampling and
 * likelihood calls may run on several threads at once, each with its own {@code Rng} and
 * sub-manager; training, loading weights and {@code close} must not overlap any other call.
 */
public abstract class BaseGan extends AbstractGenerativeModel<ModelConfig> implements TruncatedSampling {

    protected final GanSettings settings;
    private final GanNetwork network;

    BaseGan(ModelConfig config, GanSettings settings, NDManager manager, GanNetwork network) {
        super(config, network, manager, settings.dataShape());
        this.settings = settings;
        this.network = network;
    }

    /** The generator block (its parameters form the "generator" group). */
    public Block generator() {
        return network.generator();
    }

    /** The discriminator (critic) block (its parameters form the "discriminator" group). */
    public Block discriminator() {
        return network.discriminator();
    }

    /** The size of the latent vector z. */
    public int latentDim() {
        return settings.latentDim();
    }

    /**
     * What the generator can write: a DCGAN with a {@code tanh} output reads values in [-1, 1]
     * ({@code scale11}), with a {@code sigmoid} output values in [0, 1] ({@code scale01}); any other
     * output and the MLP GAN's linear output read any real values. Examples of {@link #exampleShape()}.
     */
    @Override
    public DataContract dataContract() {
        if (config() instanceof DcganConfig dcgan) {
            ActivationType out = dcgan.generator().outputActivation();
            if (out == ActivationType.TANH) {
                return DataContract.of(ValueRange.MINUS_ONE_ONE, exampleShape());
            }
            if (out == ActivationType.SIGMOID) {
                return DataContract.of(ValueRange.ZERO_ONE, exampleShape());
            }
        }
        return DataContract.real(exampleShape());
    }

    /** Latent vectors from the prior N(0, I), shape {@code (n, latentDim)}. */
    public NDArray samplePrior(int n, NDManager target, Rng rng) {
        requirePositive(n);
        return rng.normal(target, new Shape(n, latentDim()));
    }

    /**
     * Latent vectors from the truncated prior: each coordinate is N(0, 1) redrawn until
     * {@code |z| <= truncation} (the "truncation trick": less variety, more typical samples).
     */
    public NDArray samplePrior(int n, double truncation, NDManager target, Rng rng) {
        requirePositive(n);
        return LatentSampling.truncatedNormal(n, latentDim(), truncation, target, rng);
    }

    @Override
    public NDArray generate(int n, NDManager target, Rng rng) {
        return generateFrom(samplePrior(n, target, rng), target, rng);
    }

    /** {@code n} samples from latents drawn with the truncation trick (see {@link #samplePrior(int, double, NDManager, Rng)}). */
    @Override
    public NDArray generate(int n, double truncation, NDManager target, Rng rng) {
        return generateFrom(samplePrior(n, truncation, target, rng), target, rng);
    }

    /** Samples for the given latents (a conditional model draws their labels from {@code rng}). */
    abstract NDArray generateFrom(NDArray z, NDManager target, Rng rng);

    /** The one-hot labels of a conditional model's batch, or null for an unconditional model. */
    abstract NDArray conditioning(Batch batch);

    @Override
    public ModelOutputs forward(Batch batch, StepContext context) {
        NDArray x = checkedData(batch.x());
        NDArray condition = conditioning(batch);
        NDArray z = samplePrior(batch.size(), context.manager(), context.rng());
        NDArray fake = generatorOutput(z, condition, context.parameterStore(), context.training());
        Map<String, NDArray> out = new LinkedHashMap<>();
        out.put("fake", fake);
        out.put("realLogits", discriminatorOutput(x, condition, context.parameterStore(), context.training()));
        out.put("fakeLogits", discriminatorOutput(fake, condition, context.parameterStore(), context.training()));
        return ModelOutputs.of(out);
    }

    @Override
    public LossResult loss(Batch batch, ModelOutputs outputs, StepContext context) {
        NDArray real = outputs.get("realLogits");
        NDArray fake = outputs.get("fakeLogits");
        Map<String, NDArray> terms = new LinkedHashMap<>();
        terms.put("generator", GanLosses.generator(settings.loss(), fake));
        terms.put("realScore", real.mean());
        terms.put("fakeScore", fake.mean());
        return new LossResult(GanLosses.discriminator(settings.loss(), real, fake), terms);
    }

    @Override
    public List<TrainingPhase> trainingPhases() {
        return List.of(
                new TrainingPhase(DiscriminatorObjective.PHASE, ParameterGroup.of("discriminator", discriminator()),
                        "discriminator", settings.nCritic(), new DiscriminatorObjective(this)),
                new TrainingPhase(GeneratorObjective.PHASE, ParameterGroup.of("generator", generator()),
                        "generator", 1, new GeneratorObjective(this)));
    }

    /** The generator on latents {@code (N, latentDim)} with optional one-hot labels. */
    NDArray generatorOutput(NDArray z, NDArray condition, ParameterStore store, boolean training) {
        NDArray input = condition == null ? z : z.concat(condition.toType(z.getDataType(), false), 1);
        return network.generator().forward(store, new NDList(input), training).singletonOrThrow();
    }

    /** The discriminator's logits, shape (N), for data {@code (N, ...)} with optional one-hot labels. */
    NDArray discriminatorOutput(NDArray x, NDArray condition, ParameterStore store, boolean training) {
        NDArray input = x;
        if (condition != null) {
            long n = x.getShape().get(0);
            long k = condition.getShape().get(1);
            if (settings.images()) {
                Shape maps = new Shape(n, k).addAll(settings.dataShape().slice(1));
                input = x.concat(condition.reshape(n, k, 1, 1).broadcast(maps), 1);
            } else {
                input = x.concat(condition, 1);
            }
        }
        NDArray logits = network.discriminator().forward(store, new NDList(input), training).singletonOrThrow();
        return logits.reshape(-1);
    }

    /** Generator output in evaluation mode for latents {@code (N, latentDim)}. */
    NDArray decodeWith(NDArray z, NDArray condition, NDManager target) {
        if (z == null || z.getShape().dimension() != 2 || z.getShape().get(1) != latentDim()) {
            throw new IllegalArgumentException("latent vectors must have shape (N, " + latentDim() + "), got "
                    + (z == null ? "null" : z.getShape()));
        }
        return generatorOutput(z.toType(DataType.FLOAT32, false), condition, new ParameterStore(target, false), false);
    }

    /** Accepts {@code (N, ...dataShape)} or flat {@code (N, size)}; returns {@code (N, ...dataShape)}. */
    NDArray checkedData(NDArray x) {
        Shape shape = x.getShape();
        long perExample = shape.dimension() > 0 ? shape.size() / Math.max(1, shape.get(0)) : 0;
        if (shape.dimension() < 2 || perExample != settings.dataShape().size()) {
            throw new IllegalArgumentException("GAN '" + settings.name() + "' expects data of shape (N, "
                    + settings.dataShape() + ") or (N, " + settings.dataShape().size() + "), got " + shape);
        }
        return x.reshape(new Shape(shape.get(0)).addAll(settings.dataShape()));
    }

    /** The settings taken from the config. */
    GanSettings settings() {
        return settings;
    }

    static void requirePositive(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("number of samples must be > 0, got " + n);
        }
    }
}
