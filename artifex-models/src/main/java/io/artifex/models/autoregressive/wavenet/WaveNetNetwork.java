package io.artifex.models.autoregressive.wavenet;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The WaveNet layers of {@link WaveNetConfig}, computed channels-last ({@code (N, T, C)}): a causal
 * convolution of kernel 2 is {@code W0 x[t - d] + W1 x[t] + b} with {@code x[t - d] = 0} before the
 * start, so the full pass ({@link #logits}) and the one-position step of the cache
 * ({@link #step}) run the same arithmetic ({@link #gatedLayer}).
 *
 * <p>Parameters; a kernel-2 convolution keeps its two taps apart ({@code _past} multiplies the
 * input {@code d} steps back, {@code _current} the input at the position; PyTorch's
 * {@code Conv1d.weight[:, :, 0]} and {@code [:, :, 1]}), so that no step slices a weight:
 * {@code input_weight_past (L, R)} and {@code input_weight_current (L, R)} (embedding tables of the
 * codes {@code t - 2} and {@code t - 1}), {@code input_bias (R)}; per layer
 * {@code l<i>_dilated_weight_past (2D, R)}, {@code l<i>_dilated_weight_current (2D, R)} and
 * {@code l<i>_dilated_bias (2D)} (rows {@code [0, D)} feed the tanh half, {@code [D, 2D)} the
 * sigmoid half), {@code l<i>_residual_weight (R, D)} and
 * {@code _bias (R)}, {@code l<i>_skip_weight (S, D)} and {@code _bias (S)}, and with classes
 * {@code l<i>_class_weight (K, 2D)}; {@code head1_weight (S, S)}, {@code head1_bias (S)},
 * {@code head2_weight (L, S)}, {@code head2_bias (L)}. Weights start from
 * {@code N(0, 1 / fan_in)}, biases and class tables at 0.
 *
 * <p>The logits at position {@code t} read codes {@code t - receptiveField .. t - 1} only: the input
 * convolution sees codes {@code t - 2} and {@code t - 1} (the sequence shifted right by one).
 */
final class WaveNetNetwork extends AbstractBlock {

    private static final byte VERSION = 1;

    /** The parameters of one gated layer. */
    private record LayerParameters(int dilation, Parameter dilatedPast, Parameter dilatedCurrent, Parameter dilatedBias,
                                   Parameter residualWeight, Parameter residualBias, Parameter skipWeight,
                                   Parameter skipBias, Parameter classWeight) {
    }

    private final int levels;
    private final int residual;
    private final int gate;
    private final int skip;
    private final int classes;
    private final Parameter inputPast;
    private final Parameter inputCurrent;
    private final Parameter inputBias;
    private final List<LayerParameters> layers = new ArrayList<>();
    private final Parameter head1Weight;
    private final Parameter head1Bias;
    private final Parameter head2Weight;
    private final Parameter head2Bias;

    WaveNetNetwork(WaveNetConfig config) {
        super(VERSION);
        levels = config.numLevels();
        residual = config.residualChannels();
        gate = config.dilationChannels();
        skip = config.skipChannels();
        classes = config.numClasses();
        inputPast = weight("input_weight_past", new Shape(levels, residual), 2);
        inputCurrent = weight("input_weight_current", new Shape(levels, residual), 2);
        inputBias = bias("input_bias", residual);
        for (int i = 0; i < config.numLayers(); i++) {
            String p = "l" + i + "_";
            layers.add(new LayerParameters(config.dilation(i),
                    weight(p + "dilated_weight_past", new Shape(2L * gate, residual), 2L * residual),
                    weight(p + "dilated_weight_current", new Shape(2L * gate, residual), 2L * residual),
                    bias(p + "dilated_bias", 2 * gate),
                    weight(p + "residual_weight", new Shape(residual, gate), gate),
                    bias(p + "residual_bias", residual),
                    weight(p + "skip_weight", new Shape(skip, gate), gate),
                    bias(p + "skip_bias", skip),
                    classes == 0 ? null : addParameter(Parameter.builder().setName(p + "class_weight")
                            .setType(Parameter.Type.WEIGHT).optShape(new Shape(classes, 2L * gate))
                            .optInitializer(Initializer.ZEROS).build())));
        }
        head1Weight = weight("head1_weight", new Shape(skip, skip), skip);
        head1Bias = bias("head1_bias", skip);
        head2Weight = weight("head2_weight", new Shape(levels, skip), skip);
        head2Bias = bias("head2_bias", levels);
    }

    private Parameter weight(String name, Shape shape, long fanIn) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape)
                .optInitializer(new NormalInitializer((float) Math.sqrt(1.0 / fanIn))).build());
    }

    private Parameter bias(String name, int size) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.BIAS).optShape(new Shape(size))
                .optInitializer(Initializer.ZEROS).build());
    }

    /** The number of gated layers. */
    int numLayers() {
        return layers.size();
    }

    /** The dilation of gated layer {@code layer}. */
    int dilation(int layer) {
        return layers.get(layer).dilation();
    }

    /** The residual stream's width. */
    int residualChannels() {
        return residual;
    }

    /** The output head's second 1x1 convolution (tests zero it). */
    Parameter head2Weight() {
        return head2Weight;
    }

    /** The output head's last bias (tests zero it). */
    Parameter head2Bias() {
        return head2Bias;
    }

    /**
     * The logits {@code (N, T, L)} of codes {@code (N, T)} (int64): position {@code t} predicts code
     * {@code t} from the codes before it (zeros before the start). {@code oneHot} {@code (N, K)}
     * carries the classes of a conditional network (null without).
     */
    NDArray logits(ParameterStore store, NDArray codes, NDArray oneHot, boolean training) {
        Device device = codes.getDevice();
        NDArray current = store.getValue(inputCurrent, device, training);
        NDArray past = store.getValue(inputPast, device, training);
        NDArray h = shift(Embedding.embedding(codes, current, SparseFormat.DENSE).singletonOrThrow(), 1)
                .add(shift(Embedding.embedding(codes, past, SparseFormat.DENSE).singletonOrThrow(), 2))
                .add(store.getValue(inputBias, device, training));
        NDArray skipSum = null;
        for (LayerParameters layer : layers) {
            NDArray[] out = gatedLayer(store, layer, shift(h, layer.dilation()), h, oneHot, training);
            h = out[0];
            skipSum = skipSum == null ? out[1] : skipSum.add(out[1]);
        }
        return head(store, skipSum, training);
    }

    /**
     * One position of every row: the logits {@code (N, 1, L)} for the code after {@code previous}
     * (codes {@code t - 1}, {@code (N, 1)} int64, or null at {@code t = 0}) and {@code beforePrevious}
     * (codes {@code t - 2}, or null at {@code t < 2}), reading each layer's input of {@code dilation}
     * steps ago from {@code cache} and storing this step's input there.
     */
    NDArray step(ParameterStore store, NDManager manager, NDArray previous, NDArray beforePrevious, NDArray oneHot,
                 LayerCache cache) {
        Device device = manager.getDevice();
        long n = cache.rows();
        NDArray h = manager.zeros(new Shape(n, 1, residual)).add(store.getValue(inputBias, device, false));
        if (previous != null) {
            h = h.add(Embedding.embedding(previous, store.getValue(inputCurrent, device, false), SparseFormat.DENSE)
                    .singletonOrThrow());
        }
        if (beforePrevious != null) {
            h = h.add(Embedding.embedding(beforePrevious, store.getValue(inputPast, device, false), SparseFormat.DENSE)
                    .singletonOrThrow());
        }
        NDArray skipSum = null;
        for (int i = 0; i < layers.size(); i++) {
            NDArray past = cache.exchange(i, h);
            NDArray[] out = gatedLayer(store, layers.get(i), past, h, oneHot, false);
            h = out[0];
            skipSum = skipSum == null ? out[1] : skipSum.add(out[1]);
        }
        cache.advance();
        return head(store, skipSum, false);
    }

    /**
     * One gated layer on its input {@code current} {@code (N, T, R)} and the same input
     * {@code dilation} steps earlier {@code past}: {@code {current + residual(z), skip(z)}} with
     * {@code z = tanh(a) * sigmoid(b)}, {@code [a, b] = W0 past + W1 current + bias (+ class bias)}.
     */
    private NDArray[] gatedLayer(ParameterStore store, LayerParameters layer, NDArray past, NDArray current,
                                 NDArray oneHot, boolean training) {
        Device device = current.getDevice();
        NDArray pre = Linear.linear(past, store.getValue(layer.dilatedPast(), device, training)).singletonOrThrow()
                .add(Linear.linear(current, store.getValue(layer.dilatedCurrent(), device, training),
                        store.getValue(layer.dilatedBias(), device, training)).singletonOrThrow());
        if (layer.classWeight() != null) {
            NDArray bias = oneHot.matMul(store.getValue(layer.classWeight(), device, training));
            pre = pre.add(bias.expandDims(1));
        }
        NDArray z = pre.get(new NDIndex("..., 0:{}", gate)).tanh()
                .mul(Activation.sigmoid(pre.get(new NDIndex("..., {}:", gate))));
        NDArray next = current.add(Linear.linear(z, store.getValue(layer.residualWeight(), device, training),
                store.getValue(layer.residualBias(), device, training)).singletonOrThrow());
        NDArray skipOut = Linear.linear(z, store.getValue(layer.skipWeight(), device, training),
                store.getValue(layer.skipBias(), device, training)).singletonOrThrow();
        return new NDArray[] {next, skipOut};
    }

    private NDArray head(ParameterStore store, NDArray skipSum, boolean training) {
        Device device = skipSum.getDevice();
        NDArray hidden = Linear.linear(Activation.relu(skipSum), store.getValue(head1Weight, device, training),
                store.getValue(head1Bias, device, training)).singletonOrThrow();
        return Linear.linear(Activation.relu(hidden), store.getValue(head2Weight, device, training),
                store.getValue(head2Bias, device, training)).singletonOrThrow();
    }

    /** {@code x} {@code (N, T, C)} delayed by {@code d} steps along T, zeros in front. */
    private static NDArray shift(NDArray x, int d) {
        Shape s = x.getShape();
        long t = s.get(1);
        if (d >= t) {
            return x.zerosLike();
        }
        NDArray zeros = x.getManager().zeros(new Shape(s.get(0), d, s.get(2)), x.getDataType());
        return NDArrays.concat(new NDList(zeros, x.get(new NDIndex(":, 0:{}, :", t - d))), 1);
    }

    /** Logits {@code (N, T, L)} of int64 codes {@code (N, T)} (unconditional use; no class input). */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray codes = inputs.get(0);
        NDArray longCodes = codes.getDataType() == DataType.INT64 ? codes : codes.toType(DataType.INT64, false);
        NDArray oneHot = inputs.size() > 1 ? inputs.get(1) : null;
        return new NDList(logits(store, longCodes, oneHot, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), levels)};
    }
}
