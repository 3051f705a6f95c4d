package io.artifex.models.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.artifex.core.config.ActivationType;
import java.util.ArrayList;
import java.util.List;

/**
 * The DCGAN discriminator (critic): one strided convolution per hidden width (geometry from
 * {@link GanGeometry}), batch norm after every convolution but the first (when on), the
 * activation after each, then flatten and one Linear logit. Spectral normalisation, when on,
 * applies to every convolution and to the head.
 *
 * <p>Input {@code (N, C [+ numClasses], H, W)}: a conditional model appends one constant plane
 * per class (the one-hot label). Output {@code (N, 1)} logits (scores for Wasserstein losses).
 */
final class DcganDiscriminator extends AbstractBlock {

    private final List<CriticConv2d> convs = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();
    private final CriticLinear head;
    private final ActivationType activation;

    DcganDiscriminator(ConvDiscriminatorConfig config, int labelChannels) {
        this.activation = config.activation();
        boolean spectral = config.spectralNorm();
        List<ConvLayerSpec> layers = GanGeometry.discriminatorLayers(config, labelChannels);
        for (int i = 0; i < layers.size(); i++) {
            convs.add(addChildBlock("conv" + i, new CriticConv2d(layers.get(i), spectral)));
            norms.add(config.batchNorm() && i > 0 ? addChildBlock("norm" + i, BatchNorm.builder().build()) : null);
        }
        ConvLayerSpec last = layers.get(layers.size() - 1);
        head = addChildBlock("head", new CriticLinear(last.outChannels() * last.outSize().size(), 1, spectral));
    }

    /** The convolutions, first to last (for tests and inspection). */
    List<CriticConv2d> convolutions() {
        return convs;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = inputs.singletonOrThrow();
        for (int i = 0; i < convs.size(); i++) {
            h = convs.get(i).forward(store, new NDList(h), training).singletonOrThrow();
            if (norms.get(i) != null) {
                h = norms.get(i).forward(store, new NDList(h), training).singletonOrThrow();
            }
            h = activation.apply(h);
        }
        return head.forward(store, new NDList(h), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        for (int i = 0; i < convs.size(); i++) {
            convs.get(i).initialize(manager, dataType, shape);
            shape = convs.get(i).getOutputShapes(new Shape[] {shape})[0];
            if (norms.get(i) != null) {
                norms.get(i).initialize(manager, dataType, shape);
            }
        }
        head.initialize(manager, dataType, new Shape(shape.get(0), shape.size() / shape.get(0)));
    }
}
