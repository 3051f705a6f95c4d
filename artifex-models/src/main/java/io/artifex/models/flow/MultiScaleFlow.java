package io.artifex.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.random.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * The multi-scale architecture of RealNVP with Glow's steps, on images {@code (N, C, H, W)}.
 * Each scale: {@code checkerboard} x [ActNorm, checkerboard coupling (alternating parity)],
 * squeeze, {@code steps} x [ActNorm, invertible 1x1 convolution, channel coupling (alternating
 * halves)]; then, except at the last scale, half the channels are factored out: they go
 * straight to the latent and the rest continue to the next scale. The output is every
 * factored-out part and the final part, flattened and concatenated: {@code (N, C H W)}.
 * An optional {@link LogitTransform} comes first.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class MultiScaleFlow extends FlowLayer {

    private final Shape image;
    private final LogitTransform logit;
    private final List<FlowSequence> scales = new ArrayList<>();
    private final List<Shape> factoredShapes = new ArrayList<>();
    private final List<ActNorm> actNorms = new ArrayList<>();
    private final Shape finalShape;

    /**
     * @param image the image shape {@code (C, H, W)}; H and W divisible by 2^numScales
     * @param numScales number of scales
     * @param steps Glow steps per scale
     * @param checkerboard checkerboard couplings per scale (before the squeeze)
     * @param hiddenChannels hidden width of each coupling network
     * @param logitAlpha alpha of a leading logit transform, or a negative number for none
     * @param rng initialises the 1x1 convolutions
     */
    public MultiScaleFlow(Shape image, int numScales, int steps, int checkerboard, int hiddenChannels,
                          double logitAlpha, Rng rng) {
        if (image.dimension() != 3 || numScales < 1 || image.get(1) % (1L << numScales) != 0
                || image.get(2) % (1L << numScales) != 0) {
            throw new IllegalArgumentException("multi-scale flow needs a (C, H, W) image with H and W divisible by 2^"
                    + numScales + ", got " + image);
        }
        this.image = image;
        this.logit = logitAlpha >= 0 ? addChildBlock("logit", new LogitTransform(logitAlpha)) : null;
        long c = image.get(0);
        long h = image.get(1);
        long w = image.get(2);
        for (int s = 0; s < numScales; s++) {
            List<FlowLayer> layers = new ArrayList<>();
            for (int i = 0; i < checkerboard; i++) {
                layers.add(actNorm((int) c));
                layers.add(new ConvCoupling((int) c, i % 2 == 0 ? CouplingMask.CHECKERBOARD_EVEN
                        : CouplingMask.CHECKERBOARD_ODD, hiddenChannels));
            }
            layers.add(new Squeeze());
            c *= 4;
            h /= 2;
            w /= 2;
            for (int i = 0; i < steps; i++) {
                layers.add(actNorm((int) c));
                layers.add(new InvertibleConv1x1((int) c, rng.fork("invconv-" + s + "-" + i)));
                layers.add(new ConvCoupling((int) c, i % 2 == 0 ? CouplingMask.CHANNEL_FIRST
                        : CouplingMask.CHANNEL_SECOND, hiddenChannels));
            }
            scales.add(addChildBlock("scale" + s, new FlowSequence(layers)));
            if (s < numScales - 1) {
                factoredShapes.add(new Shape(c / 2, h, w));
                c /= 2;
            }
        }
        finalShape = new Shape(c, h, w);
    }

    private ActNorm actNorm(int channels) {
        ActNorm layer = new ActNorm(channels);
        actNorms.add(layer);
        return layer;
    }

    /** Every activation normalisation layer, in order. */
    public List<ActNorm> actNorms() {
        return List.copyOf(actNorms);
    }

    /**
     * Runs the data-dependent initialisation of every activation normalisation that has not had
     * it, each from its own input on {@code x}. Call outside gradient recording.
     */
    public void initializeActNorms(ParameterStore parameterStore, NDArray x) {
        actNorms.forEach(a -> a.requestDataInit(true));
        try {
            transform(parameterStore, x, false);
        } finally {
            actNorms.forEach(a -> a.requestDataInit(false));
        }
    }

    @Override
    public FlowResult transform(ParameterStore parameterStore, NDArray x, boolean training) {
        checkInput(x);
        long n = x.getShape().get(0);
        NDArray logDet = zeroLogDet(x);
        NDArray h = x;
        if (logit != null) {
            FlowResult r = logit.transform(parameterStore, h, training);
            h = r.y();
            logDet = r.logDet();
        }
        NDList latents = new NDList();
        for (int s = 0; s < scales.size(); s++) {
            FlowResult r = scales.get(s).transform(parameterStore, h, training);
            logDet = logDet.add(r.logDet());
            h = r.y();
            if (s < scales.size() - 1) {
                NDList halves = h.split(2, 1);
                latents.add(halves.get(1).reshape(n, -1));
                h = halves.get(0);
            }
        }
        latents.add(h.reshape(n, -1));
        return new FlowResult(latents.size() == 1 ? latents.get(0) : NDArrays.concat(latents, 1), logDet);
    }

    @Override
    public NDArray inverse(ParameterStore parameterStore, NDArray z) {
        long n = z.getShape().get(0);
        if (z.getShape().dimension() != 2 || z.getShape().get(1) != image.size()) {
            throw new IllegalArgumentException("multi-scale flow latents must be (N, " + image.size() + "), got "
                    + z.getShape());
        }
        long[] cuts = new long[factoredShapes.size()];
        long offset = 0;
        for (int i = 0; i < factoredShapes.size(); i++) {
            offset += factoredShapes.get(i).size();
            cuts[i] = offset;
        }
        NDList parts = cuts.length == 0 ? new NDList(z) : z.split(cuts, 1);
        NDArray h = parts.get(parts.size() - 1).reshape(new Shape(n).addAll(finalShape));
        for (int s = scales.size() - 1; s >= 0; s--) {
            if (s < scales.size() - 1) {
                h = h.concat(parts.get(s).reshape(new Shape(n).addAll(factoredShapes.get(s))), 1);
            }
            h = scales.get(s).inverse(parameterStore, h);
        }
        return logit == null ? h : logit.inverse(parameterStore, h);
    }

    @Override
    public Shape outputShape(Shape x) {
        return new Shape(x.get(0), image.size());
    }

    private void checkInput(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || !s.slice(1).equals(image)) {
            throw new IllegalArgumentException("multi-scale flow expects (N, " + image.get(0) + ", " + image.get(1)
                    + ", " + image.get(2) + "), got " + s);
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        Shape shape = new Shape(n).addAll(image);
        if (logit != null) {
            logit.initialize(manager, dataType, shape);
        }
        for (int s = 0; s < scales.size(); s++) {
            scales.get(s).initialize(manager, dataType, shape);
            Shape out = scales.get(s).outputShape(shape);
            shape = new Shape(n, out.get(1) / (s < scales.size() - 1 ? 2 : 1), out.get(2), out.get(3));
        }
    }
}
