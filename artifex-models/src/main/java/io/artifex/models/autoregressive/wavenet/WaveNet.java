package io.artifex.models.autoregressive.wavenet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.model.AbstractGenerativeModel;
import io.artifex.core.model.Batch;
import io.artifex.core.model.LikelihoodModel;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.StepContext;
import io.artifex.core.model.TemperatureSampling;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WaveNet over mu-law codes (see {@link WaveNetConfig} for the layers).
 *
 * <p><b>Data space.</b> Clips of integer codes in {@code [0, numLevels)}, {@code (N, 1, T)} as
 * {@code dataset: audio} serves them with {@code audio.muLaw: true} (int32), or {@code (N, T)}. The
 * logits at position {@code t} predict code {@code t} from the codes before it; before the start of
 * a clip every layer sees zeros, so all {@code T} codes of a clip are scored, the first from no
 * context.
 *
 * <p><b>Loss.</b> Cross-entropy in nats per sample, averaged over the batch's samples; term
 * {@code bitsPerSample}. {@link #logProb} is the exact {@code sum_t log p(x_t | x_<t)} of each clip;
 * {@link #bitsPerDim} is bits per sample, {@code -logProb / (T ln 2)} (8 for a uniform model of
 * 256 levels).
 *
 * <p><b>Sampling.</b> {@link #generate(int, int, double, boolean, NDManager, Rng)} draws clips one
 * sample at a time. With the cache (the default) each new sample costs one step per layer: every
 * layer keeps a queue of its past inputs as long as its dilation. Without it every sample reruns
 * the whole network over the last {@link #receptiveField()} codes; both give the same codes for the
 * same seed. A class-conditional model ({@code numClasses > 0}, a {@link ConditionalWaveNet})
 * needs labelled batches and takes labels when sampling; this class-less one ignores the labels of
 * a batch (speaker ids of a LibriSpeech layout) and refuses labels passed to it.
 *
 * <pre>{@code
 * WaveNetConfig config = WaveNetConfig.builder().name("wavenet").residualChannels(64).dilationChannels(64)
 *         .skipChannels(128).numLayers(16).dilationCycle(8).build();      // receptive field 512
 * try (WaveNet model = (WaveNet) Models.create(config, 0)) {
 *     NDArray codes = model.generate(2, 8000, 1.0, true, manager, new Rng(1));   // (2, 1, 8000) int32
 * }
 * }</pre>
 *
 * <p>Thread-safety: sampling ({@code generate}, {@code sample} and the capability methods) may run
 * on several threads at once, each call with its own {@code Rng} and its own sub-manager, and gives
 * the samples of the same seed drawn alone; training, loading weights and {@code close} must not
 * overlap any other call.
 */
public class WaveNet extends AbstractGenerativeModel<WaveNetConfig> implements LikelihoodModel, TemperatureSampling {

    private static final double LN2 = Math.log(2);

    private final WaveNetNetwork network;
    private final int levels;
    private final int receptiveField;

    WaveNet(WaveNetConfig config, NDManager manager, WaveNetNetwork network) {
        super(config, network, manager, new Shape(1, config.sampleLength()));
        this.network = network;
        this.levels = config.numLevels();
        this.receptiveField = config.receptiveField();
    }

    /** The number of past codes each position's logits depend on ({@link WaveNetConfig#receptiveField()}). */
    public int receptiveField() {
        return receptiveField;
    }

    /** The number of code levels (the categorical's size). */
    public int numLevels() {
        return levels;
    }

    /** The network, for tests that set weights. */
    WaveNetNetwork wavenetNetwork() {
        return network;
    }

    /** Logits {@code (N, T, L)} of every code of the batch's clips ("logits"). */
    @Override
    public ModelOutputs forward(Batch batch, StepContext context) {
        NDArray codes = checkedCodes(batch.x());
        NDArray logits = network.logits(context.parameterStore(), codes, batchClasses(batch, context.manager()),
                context.training());
        Map<String, NDArray> out = new LinkedHashMap<>();
        out.put("logits", logits);
        return ModelOutputs.of(out);
    }

    /** Mean cross-entropy in nats per sample over the batch; term {@code bitsPerSample}. */
    @Override
    public LossResult loss(Batch batch, ModelOutputs outputs, StepContext context) {
        NDArray codes = checkedCodes(batch.x());
        NDArray logp = codeLogProbs(outputs.get("logits"), codes);
        NDArray mean = Scalars.div(logp.sum().neg(), codes.size());
        Map<String, NDArray> terms = new LinkedHashMap<>();
        terms.put("bitsPerSample", Scalars.div(mean, LN2));
        return new LossResult(mean, terms);
    }

    /** Exact {@code sum_t log p(x_t | x_<t)} in nats of each clip, shape {@code (N)}, on {@code target}; {@code rng} is not used. */
    @Override
    public NDArray logProb(Batch batch, NDManager target, Rng rng) {
        try (NDManager scope = target.newSubManager()) {
            NDArray codes = checkedCodes(local(batch.x(), scope));
            NDArray logits = network.logits(new ParameterStore(scope, false), codes, batchClasses(batch, scope), false);
            NDArray result = codeLogProbs(logits, codes).sum(new int[] {1});
            result.attach(target);
            return result;
        }
    }

    /** True: the likelihood of code sequences is exact. */
    @Override
    public boolean isExact() {
        return true;
    }

    /** Bits per sample of each clip, {@code -logProb / (T ln 2)}, shape {@code (N)}. */
    @Override
    public NDArray bitsPerDim(Batch batch, NDManager target, Rng rng) {
        try (NDManager scope = target.newSubManager()) {
            NDArray logProb = logProb(batch, scope, rng);
            long t = checkedShape(batch.x())[1];
            NDArray bits = Scalars.div(logProb.neg(), t * LN2);
            bits.attach(target);
            return bits;
        }
    }

    /** The logits {@code (N, T, L)} of codes {@code (N, T)} or {@code (N, 1, T)}, on {@code target}; position t predicts code t. */
    public NDArray logits(NDArray codes, NDManager target) {
        return logitsOf(codes, null, target);
    }

    /**
     * As {@link #logits(NDArray, NDManager)} for the classes {@code labels} (int64 {@code (N)}) of a
     * class-conditional model; a class-less model refuses labels.
     */
    public NDArray logits(NDArray codes, NDArray labels, NDManager target) {
        if (labels == null) {
            throw new IllegalArgumentException("labels must not be null; use logits(codes, manager) without classes");
        }
        return logitsOf(codes, labels, target);
    }

    private NDArray logitsOf(NDArray codes, NDArray labels, NDManager target) {
        try (NDManager scope = target.newSubManager()) {
            NDArray checked = checkedCodes(local(codes, scope));
            NDArray oneHot = classes(labels, (int) checked.getShape().get(0), scope);
            NDArray logits = network.logits(new ParameterStore(scope, false), checked, oneHot, false);
            logits.attach(target);
            return logits;
        }
    }

    /** {@code n} clips of {@code sampleLength} codes, {@code (n, 1, sampleLength)} int32, cached, temperature 1. */
    @Override
    public NDArray generate(int n, NDManager target, Rng rng) {
        return generate(n, 1.0, target, rng);
    }

    /** As {@link #generate(int, NDManager, Rng)} with the logits divided by {@code temperature} (positive). */
    @Override
    public NDArray generate(int n, double temperature, NDManager target, Rng rng) {
        return generate(n, config().sampleLength(), temperature, true, target, rng);
    }

    /**
     * {@code n} clips of {@code length} codes, {@code (n, 1, length)} int32 on {@code target}, drawn
     * at {@code temperature}; with {@code useCache} false every sample reruns the network over the
     * last {@link #receptiveField()} codes (the same codes for the same seed; for measuring the cache).
     */
    public NDArray generate(int n, int length, double temperature, boolean useCache, NDManager target, Rng rng) {
        return draw(n, length, temperature, useCache, null, target, rng, null);
    }

    /**
     * One clip of {@code length} codes per entry of {@code labels} (int64 {@code (n)}) of a
     * class-conditional model, {@code (n, 1, length)} int32; a class-less model refuses labels.
     */
    public NDArray generate(NDArray labels, int length, double temperature, boolean useCache, NDManager target,
                            Rng rng) {
        if (labels == null) {
            throw new IllegalArgumentException("labels must not be null");
        }
        return draw((int) labels.getShape().size(), length, temperature, useCache, labels, target, rng, null);
    }

    /** The sampler with a listener that sees every position's logits (tests). */
    NDArray draw(int n, int length, double temperature, boolean useCache, NDArray labels, NDManager target, Rng rng,
                 WaveNetSampler.StepListener listener) {
        if (n < 1 || length < 1) {
            throw new IllegalArgumentException("WaveNet '" + config().name() + "': number of clips and length must be"
                    + " >= 1, got " + n + " and " + length);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
        if (target == null || rng == null) {
            throw new IllegalArgumentException("manager and rng must not be null");
        }
        try (NDManager scope = target.newSubManager()) {
            NDArray oneHot = classes(labels, n, scope);
            int[] codes = new WaveNetSampler(network, levels, receptiveField)
                    .run(n, length, temperature, useCache, oneHot, scope, rng, listener);
            return target.create(codes, new Shape(n, 1, length));
        }
    }

    /** The one-hot classes of a labelled batch for a conditional model; null for a class-less one (labels ignored). */
    NDArray batchClasses(Batch batch, NDManager scope) {
        return null;
    }

    /**
     * {@code labels} (n entries in {@code [0, numClasses)}) as a one-hot {@code (n, K)} float32 on
     * {@code scope}, or null when {@code labels} is null and the model is class-less.
     */
    NDArray classes(NDArray labels, int n, NDManager scope) {
        int k = config().numClasses();
        if (labels == null) {
            if (k > 0) {
                throw new IllegalArgumentException("WaveNet '" + config().name() + "' is class-conditional (numClasses = "
                        + k + "): give one label per clip");
            }
            return null;
        }
        if (k == 0) {
            throw new IllegalArgumentException("WaveNet '" + config().name() + "' has no class conditioning (numClasses"
                    + " = 0) and cannot take labels; set model.numClasses to train a class-conditional WaveNet");
        }
        long[] values;
        // the copy lives on the labels' manager (the caller's): closed here, not left there
        try (NDArray asLong = labels.toType(DataType.INT64, true)) {
            values = asLong.toLongArray();
        }
        if (values.length != n) {
            throw new IllegalArgumentException("labels must hold one entry per clip (" + n + "), got shape "
                    + labels.getShape());
        }
        float[] oneHot = new float[n * k];
        for (int i = 0; i < n; i++) {
            if (values[i] < 0 || values[i] >= k) {
                throw new IllegalArgumentException("label " + values[i] + " is outside [0, " + k + ") (numClasses)");
            }
            oneHot[i * k + (int) values[i]] = 1f;
        }
        return scope.create(oneHot, new Shape(n, k));
    }

    /** {@code log softmax(logits)[code]} per position, {@code (N, T)}. */
    private static NDArray codeLogProbs(NDArray logits, NDArray codes) {
        return logits.logSoftmax(-1).gather(codes.expandDims(-1), -1).squeeze(-1);
    }

    static NDArray local(NDArray x, NDManager scope) {
        NDArray copy = x.duplicate();
        copy.attach(scope);
        return copy;
    }

    /** {@code (N, T)} of a batch shaped {@code (N, T)} or {@code (N, 1, T)}, checked. */
    private long[] checkedShape(NDArray x) {
        if (x == null) {
            throw new IllegalArgumentException("WaveNet '" + config().name() + "': the batch's codes must not be null");
        }
        Shape s = x.getShape();
        boolean flat = s.dimension() == 2;
        boolean channel = s.dimension() == 3 && s.get(1) == 1;
        if (!(flat || channel) || s.get(0) < 1 || s.get(s.dimension() - 1) < 1) {
            throw new IllegalArgumentException("WaveNet '" + config().name() + "' expects mu-law codes (N, 1, T) or (N, T)"
                    + " (one channel; data.audio.mono: true), got " + s);
        }
        return new long[] {s.get(0), s.get(s.dimension() - 1)};
    }

    /** The clips as int64 {@code (N, T)}, checked: integer codes in {@code [0, numLevels)}. */
    NDArray checkedCodes(NDArray x) {
        long[] nt = checkedShape(x);
        NDArray flat = x.getShape().dimension() == 3 ? x.reshape(nt[0], nt[1]) : x;
        if (x.getDataType().isFloating()) {
            if (flat.neq(flat.floor()).any().getBoolean()) {
                throw new IllegalArgumentException("WaveNet '" + config().name() + "' expects integer mu-law codes, got"
                        + " fractional values (" + x.getDataType() + "): set data.audio.muLaw: true");
            }
        }
        NDArray codes = flat.getDataType() == DataType.INT64 ? flat : flat.toType(DataType.INT64, false);
        if (codes.lt(0L).logicalOr(codes.gte((long) levels)).any().getBoolean()) {
            throw new IllegalArgumentException("WaveNet '" + config().name() + "' expects codes in [0, " + levels
                    + ") (numLevels), got codes in [" + codes.min().getLong() + ", " + codes.max().getLong() + "]");
        }
        return codes;
    }
}
