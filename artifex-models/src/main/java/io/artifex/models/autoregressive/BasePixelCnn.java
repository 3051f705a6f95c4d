package io.artifex.models.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.distributions.Categorical;
import io.artifex.core.model.AbstractGenerativeModel;
import io.artifex.core.model.Batch;
import io.artifex.core.model.DataContract;
import io.artifex.core.model.LikelihoodModel;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.StepContext;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link PixelCnn} and {@link ConditionalPixelCnn} share: an autoregressive model over the
 * pixels of an image in raster order, each pixel a {@code numLevels}-way categorical per channel
 * (the channels of one pixel are predicted jointly from the earlier pixels).
 *
 * <p><b>Data space.</b> Images {@code (N, C, H, W)} (or {@code (N, H, W)} for one channel, or flat
 * {@code (N, C*H*W)}) of quantised intensities scaled to [0, 1]: {@code x = k / (numLevels - 1)}
 * for an integer level k, which is what the data module's {@code scale01} preprocessing gives for
 * 8-bit images (x/255) and binary images already are. The target level is
 * {@code round(x * (numLevels - 1))}; the network sees {@code 2x - 1}, or with the {@code oneHot}
 * input encoding the level as {@code numLevels} indicator channels. Inputs outside [0, 1], or
 * more than 0.01 of a level away from a level (e.g. raw 0..255 intensities, or dequantised data),
 * are rejected. Samples come back in the same space.
 *
 * <p><b>Loss.</b> Cross-entropy over the levels (fused log-softmax and gather), averaged over
 * examples and dimensions (nats per dimension); terms {@code nll} (nats per example) and
 * {@code bitsPerDim}. {@link #logProb} is the exact log-likelihood in nats of the discrete data.
 *
 * <p>Thread-safety: as for every model (docs/testing.md, "Concurrent sampling"): sampling and
 * likelihood calls may run on several threads at once, each with its own {@code Rng} and
 * sub-manager; training, loading weights and {@code close} must not overlap any other call.
 */
public abstract class BasePixelCnn extends AbstractGenerativeModel<PixelCnnConfig> implements LikelihoodModel {

    private static final double LN2 = Math.log(2);
    private static final float GRID_TOLERANCE = 0.01f;

    private final PixelNetwork network;
    protected final int channels;
    protected final int height;
    protected final int width;
    protected final int levels;

    BasePixelCnn(PixelCnnConfig config, NDManager manager, PixelNetwork network) {
        super(config, network, manager, new Shape(config.inputShape().get(2), config.inputShape().get(0),
                config.inputShape().get(1)));
        this.network = network;
        this.height = config.inputShape().get(0);
        this.width = config.inputShape().get(1);
        this.channels = config.inputShape().get(2);
        this.levels = config.numLevels();
    }

    /** The number of intensity levels per channel (the softmax size). */
    public int numLevels() {
        return levels;
    }

    /** The number of dimensions D = C * H * W of one image. */
    public long dimensions() {
        return (long) channels * height * width;
    }

    /**
     * Discrete intensities {@code k / (numLevels - 1)} in [0, 1], images {@code (C, H, W)} (or flat):
     * for 256 levels {@code scale01} (8-bit pixels / 255) or {@code binarize}, for 2 levels
     * {@code binarize}; other level counts need the data quantised to that grid beforehand.
     */
    @Override
    public DataContract dataContract() {
        Preprocessing[] preprocessing = levels == 256 ? new Preprocessing[] {Preprocessing.SCALE01, Preprocessing.BINARIZE}
                : levels == 2 ? new Preprocessing[] {Preprocessing.BINARIZE} : new Preprocessing[0];
        return DataContract.discrete(levels, exampleShape(), preprocessing);
    }

    @Override
    public ModelOutputs forward(Batch batch, StepContext context) {
        NDArray x = checkedImages(batch.x());
        NDArray logits = logitsOf(x, conditioning(batch, x.getManager()), context.parameterStore(), context.training());
        Map<String, NDArray> out = new LinkedHashMap<>();
        out.put("logits", logits);
        return ModelOutputs.of(out);
    }

    @Override
    public LossResult loss(Batch batch, ModelOutputs outputs, StepContext context) {
        NDArray x = checkedImages(batch.x());
        NDArray nll = new Categorical(outputs.get("logits"), 2).logProb(targets(x)).neg();
        NDArray meanNll = nll.mean();
        Map<String, NDArray> terms = new LinkedHashMap<>();
        terms.put("nll", meanNll);
        terms.put("bitsPerDim", Scalars.div(meanNll, (float) (dimensions() * LN2)));
        return new LossResult(Scalars.div(meanNll, (float) dimensions()), terms);
    }

    /**
     * Exact per-example log-likelihood in nats of the discrete images, shape {@code (N)}, on
     * {@code target}. {@code rng} is not used (the likelihood is deterministic).
     */
    @Override
    public NDArray logProb(Batch batch, NDManager target, Rng rng) {
        try (NDManager scope = target.newSubManager()) {
            NDArray x = checkedImages(local(batch.x(), scope));
            NDArray logits = logitsOf(x, conditioning(batch, scope), new ParameterStore(scope, true), false);
            NDArray result = new Categorical(logits, 2).logProb(targets(x));
            result.attach(target);
            return result;
        }
    }

    @Override
    public boolean isExact() {
        return true;
    }

    /**
     * {@code -logProb / (D ln 2)}, shape {@code (N)}: bits per dimension of the
     * {@code numLevels}-level data (of 8-bit data for the default 256 levels).
     */
    @Override
    public NDArray bitsPerDim(Batch batch, NDManager target, Rng rng) {
        NDArray logProb = logProb(batch, target, rng);
        NDArray bits = Scalars.div(logProb.neg(), (float) (dimensions() * LN2));
        logProb.close();
        return bits;
    }

    /** The logits of every pixel's categoricals, shape {@code (N, C, numLevels, H, W)}, on {@code target}. */
    public NDArray logits(Batch batch, NDManager target) {
        try (NDManager scope = target.newSubManager()) {
            NDArray x = checkedImages(local(batch.x(), scope));
            NDArray logits = logitsOf(x, conditioning(batch, scope), new ParameterStore(scope, true), false);
            logits.attach(target);
            return logits;
        }
    }

    /** The probability of every level of every pixel, shape {@code (N, C, numLevels, H, W)}; sums to 1 over axis 2. */
    public NDArray pixelProbabilities(Batch batch, NDManager target) {
        NDArray logits = logits(batch, target);
        NDArray probs = logits.softmax(2);
        logits.close();
        return probs;
    }

    /** The logits {@code (N, C, L, H, W)} of images in [0, 1] {@code (N, C, rows, W)}. */
    NDArray logitsOf(NDArray x, NDArray oneHot, ParameterStore store, boolean training) {
        NDArray input = network.oneHotInput ? oneHotLevels(x) : Scalars.mul(x, 2f).sub(1f);
        NDList inputs = oneHot == null ? new NDList(input) : new NDList(input, oneHot);
        NDArray raw = network.forward(store, inputs, training).singletonOrThrow();
        Shape s = x.getShape();
        return raw.reshape(s.get(0), channels, levels, s.get(2), s.get(3));
    }

    /**
     * The one-hot input {@code (N, C * L, H, W)} of images in [0, 1] {@code (N, C, rows, W)}: channel
     * {@code c * L + k} is 1 where channel c holds level k, 0 elsewhere.
     */
    NDArray oneHotLevels(NDArray x) {
        Shape s = x.getShape();
        return targets(x).oneHot(levels).toType(DataType.FLOAT32, false).transpose(0, 1, 4, 2, 3)
                .reshape(s.get(0), (long) channels * levels, s.get(2), s.get(3));
    }

    /** The integer levels {@code round(x * (L - 1))} of images in [0, 1]. */
    NDArray targets(NDArray x) {
        return Scalars.mul(x, (float) (levels - 1)).round().toType(DataType.INT64, false);
    }

    /** The one-hot labels of a conditional model, created on {@code scope}; null when unconditional. */
    abstract NDArray conditioning(Batch batch, NDManager scope);

    /**
     * Samples from a canvas (see {@link PixelSampler}); pixels from {@code startPixel} on are drawn,
     * by the cached sampler unless the system property {@value PixelSampler.Mode#PROPERTY} says
     * {@code naive}.
     */
    NDArray sampleFrom(float[] canvas, int n, float[] oneHot, int startPixel, double temperature,
                       NDManager target, Rng rng) {
        return new PixelSampler(this, n, oneHot, PixelSampler.Mode.configured())
                .run(canvas, startPixel, temperature, target, rng);
    }

    /** The network, with the per-position evaluation the cached sampler uses. */
    PixelNetwork pixelNetwork() {
        return network;
    }

    /** A copy of the caller's array owned by {@code scope}, so that everything derived from it is too. */
    static NDArray local(NDArray x, NDManager scope) {
        NDArray copy = x.toType(DataType.FLOAT32, true);
        copy.attach(scope);
        return copy;
    }

    /**
     * The images as {@code (N, C, H, W)}, checked: the right size, and every value in [0, 1] on the
     * grid {@code k / (L - 1)}.
     */
    NDArray checkedImages(NDArray x) {
        Shape shape = x.getShape();
        long perExample = shape.dimension() > 0 ? shape.size() / Math.max(1, shape.get(0)) : 0;
        if (shape.dimension() < 2 || perExample != dimensions()) {
            throw new IllegalArgumentException("PixelCNN '" + config().name() + "' expects images of shape (N, "
                    + channels + ", " + height + ", " + width + ") or (N, " + dimensions() + "), got " + shape);
        }
        NDArray images = x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
        images = images.reshape(new Shape(shape.get(0), channels, height, width));
        NDArray scaled = Scalars.mul(images, (float) (levels - 1));
        NDArray offGrid = scaled.sub(scaled.round()).abs().gt(GRID_TOLERANCE);
        NDArray bad = images.lt(0f).logicalOr(images.gt(1f)).logicalOr(offGrid).any();
        if (bad.getBoolean()) {
            throw new IllegalArgumentException("PixelCNN '" + config().name() + "' expects intensities in [0, 1] of the form"
                    + " k / " + (levels - 1) + " (e.g. 8-bit pixels / 255, the 'scale01' preprocessing); got values in ["
                    + images.min().getFloat() + ", " + images.max().getFloat() + "]"
                    + (images.max().getFloat() > 1f ? ": divide raw intensities by " + (levels - 1) : ", off that grid"));
        }
        return images;
    }
}
