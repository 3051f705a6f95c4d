package io.artifex.models.energy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.artifex.core.image.ValueRange;
import io.artifex.core.model.AbstractGenerativeModel;
import io.artifex.core.model.Batch;
import io.artifex.core.model.DataContract;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.ParameterGroup;
import io.artifex.core.model.PersistentChainSampling;
import io.artifex.core.model.StepContext;
import io.artifex.core.model.TrainingPhase;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An energy-based model {@code p(x) ∝ exp(-E(x))} (Du and Mordatch, 2019), trained by
 * persistent contrastive divergence with MCMC negatives from a {@link ReplayBuffer}.
 *
 * <p>Data: {@code (N, sample...)} or anything with the same number of values per example, in
 * the MCMC domain (e.g. pixels scaled to [-1, 1]); the sample shape is {@code (inputDim)} for
 * a dense energy network and {@code (C, H, W)} for a convolutional one.
 *
 * <p>Training (one phase, {@link ContrastiveDivergence}): prepare draws chain starts from the
 * buffer, runs the configured sampler with the energy network frozen; the loss is
 * {@code mean E(real) - mean E(fake) + alpha * (mean E(real)^2 + mean E(fake)^2)}; after the
 * update the chains are written back. {@link #forward} and {@link #loss} (used for validation)
 * take the negatives straight from the buffer without running a chain.
 *
 * <p>Thread-safety: treat it as not thread-safe: its replay buffer is model state shared by every call, and it is not covered by the concurrency test; use one model per thread.
 */
public final class Ebm extends AbstractGenerativeModel<EbmConfig> implements PersistentChainSampling {

    private final EbmNetwork network;
    private final EnergySampler sampler;
    private final Domain domain;
    private final ReplayBuffer buffer;

    Ebm(EbmConfig config, NDManager manager, EbmNetwork network, Shape sampleShape) {
        super(config, network, manager, sampleShape);
        this.network = network;
        this.sampler = EnergySampler.fromConfig(config.mcmc());
        this.domain = new Domain(config.mcmc().domainMin(), config.mcmc().domainMax());
        this.buffer = new ReplayBuffer(network.buffer(), config.sampleBuffer().reinitProb(), domain);
    }

    /** The energy network alone (the parameters that are trained). */
    public Block energyNetwork() {
        return network.energy();
    }

    /** The sampler the MCMC config describes. */
    public EnergySampler sampler() {
        return sampler;
    }

    /** The box samples live in. */
    public Domain domain() {
        return domain;
    }

    /** The replay buffer of persistent chains (stored in the network's {@code replay_buffer} parameter). */
    public ReplayBuffer replayBuffer() {
        return buffer;
    }

    /** The learned weights of the energy network; the replay buffer is state, not a weight, and is not counted. */
    @Override
    public long parameterCount() {
        long total = 0;
        for (Parameter p : network.energy().getParameters().values()) {
            if (ParameterGroup.isLearned(p) && p.isInitialized()) {
                total += p.getArray().size();
            }
        }
        return total;
    }

    /**
     * The MCMC domain the negatives live in: data must lie in {@code [domainMin, domainMax]}
     * ({@code scale11} for the default [-1, 1], {@code scale01} for [0, 1]); any real values when
     * the domain is unbounded. Examples of {@link #exampleShape()} (or flat).
     */
    @Override
    public DataContract dataContract() {
        if (domain.isUnbounded()) {
            return DataContract.real(exampleShape());
        }
        for (ValueRange range : ValueRange.values()) {
            if (range.low() == domain.min() && range.high() == domain.max()) {
                return DataContract.of(range, exampleShape());
            }
        }
        return DataContract.bounded(domain.min(), domain.max(), exampleShape());
    }

    /** Per-example energies {@code E(x)}, shape {@code (N)}, in {@code x}'s manager (inference mode). */
    public NDArray energy(NDArray x) {
        return energy(x, new ParameterStore(x.getManager(), false), false);
    }

    /** The unnormalised log-density {@code -E(x)} per example, shape {@code (N)}. */
    public NDArray unnormalizedLogDensity(NDArray x) {
        return energy(x).neg();
    }

    /** This model's energy as an {@link EnergyFunction}, for any sampler. */
    public EnergyFunction energyFunction() {
        return this::energy;
    }

    NDArray energy(NDArray x, ParameterStore store, boolean training) {
        NDArray batch = checkedSamples(x);
        return network.forward(store, new NDList(batch), training).singletonOrThrow().reshape(batch.getShape().get(0));
    }

    /**
     * Runs the configured sampler from {@code start} {@code (N, sample...)} with the energy
     * network's parameters frozen (they neither record nor gather gradients). Call it outside
     * any gradient collector. The result lives in {@code start}'s manager.
     */
    public ChainResult runChain(NDArray start, Rng rng) {
        NDArray checked = checkedSamples(start);
        try (FrozenParameters ignored = FrozenParameters.of(network.energy())) {
            return sampler.run(energyFunction(), checked, rng);
        }
    }

    /** {@code n} samples: the configured chain run from uniform noise on the domain. */
    @Override
    public NDArray generate(int n, NDManager target, Rng rng) {
        return generate(n, target, rng, false);
    }

    /**
     * {@code n} samples from the configured chain, started from uniform noise
     * ({@code fromBuffer = false}) or from {@code n} distinct replay-buffer states.
     * Shape {@code (n, sample...)}, on {@code target}.
     */
    public NDArray generate(int n, NDManager target, Rng rng, boolean fromBuffer) {
        if (n < 1) {
            throw new IllegalArgumentException("number of samples must be >= 1, got " + n);
        }
        NDArray start = fromBuffer ? buffer.sample(n, target, rng)
                : rng.uniform(target, (float) domain.min(), (float) domain.max(), new Shape(n).addAll(exampleShape()));
        NDArray samples = runChain(start, rng).samples();
        start.close();
        return samples;
    }

    /** The replay buffer's capacity: every stored state can start a chain. */
    @Override
    public int persistentStates() {
        return buffer.capacity();
    }

    /** {@code n} samples from chains continued from distinct replay-buffer states: {@code generate(n, target, rng, true)}. */
    @Override
    public NDArray generateFromPersistentStates(int n, NDManager target, Rng rng) {
        return generate(n, target, rng, true);
    }

    /**
     * Energies of the batch ({@code energyReal}) and of as many replay-buffer states
     * ({@code negatives}, {@code energyFake}); no chain is run, so this works anywhere.
     */
    @Override
    public ModelOutputs forward(Batch batch, StepContext context) {
        NDArray real = checkedSamples(batch.x());
        NDArray negatives = buffer.sample(Math.min(batch.size(), buffer.capacity()), context.manager(), context.rng());
        Map<String, NDArray> out = new LinkedHashMap<>();
        out.put("energyReal", energy(real, context.parameterStore(), context.training()));
        out.put("energyFake", energy(negatives, context.parameterStore(), context.training()));
        out.put("negatives", negatives);
        return ModelOutputs.of(out);
    }

    /** The contrastive-divergence loss of {@link #forward}'s energies. */
    @Override
    public LossResult loss(Batch batch, ModelOutputs outputs, StepContext context) {
        return contrastiveLoss(outputs.get("energyReal"), outputs.get("energyFake"));
    }

    LossResult contrastiveLoss(NDArray energyReal, NDArray energyFake) {
        NDArray meanReal = energyReal.mean();
        NDArray meanFake = energyFake.mean();
        NDArray contrastive = meanReal.sub(meanFake);
        NDArray regularizer = Scalars.mul(energyReal.square().mean().add(energyFake.square().mean()), config().alpha().floatValue());
        Map<String, NDArray> terms = new LinkedHashMap<>();
        terms.put("contrastive", contrastive);
        terms.put("regularizer", regularizer);
        terms.put("energyReal", meanReal);
        terms.put("energyFake", meanFake);
        return new LossResult(contrastive.add(regularizer), terms);
    }

    /** One phase over the energy network's weights with the default optimizer (see {@link ContrastiveDivergence}). */
    @Override
    public List<TrainingPhase> trainingPhases() {
        return List.of(TrainingPhase.single(ParameterGroup.of("energy", network.energy()), new ContrastiveDivergence(this)));
    }

    /** Accepts {@code (N, sample...)} or any shape with that many values per example. */
    NDArray checkedSamples(NDArray x) {
        if (x == null) {
            throw new IllegalArgumentException("EBM input must not be null");
        }
        Shape sampleShape = exampleShape();
        Shape shape = x.getShape();
        long perExample = shape.dimension() > 1 ? shape.size() / Math.max(1, shape.get(0)) : -1;
        if (perExample != sampleShape.size()) {
            throw new IllegalArgumentException("EBM '" + config().name() + "' expects inputs of shape (N, "
                    + sampleShape.toString().replaceAll("[()]", "") + ") or (N, " + sampleShape.size() + "), got " + shape);
        }
        return shape.slice(1).equals(sampleShape) ? x : x.reshape(new Shape(shape.get(0)).addAll(sampleShape));
    }
}
