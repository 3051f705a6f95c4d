package io.artifex.models.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.artifex.core.config.ActivationType;
import io.artifex.core.nn.ConvTranspose2d;
import java.util.ArrayList;
import java.util.List;

/**
 * The DCGAN generator: {@code Lin(latent -> w0 * s0 * s0)} [BN] act, reshape to
 * {@code (w0, s0, s0)}, then one transposed convolution [BN] act per further hidden width
 * (geometry from {@link GanGeometry}), then {@code Conv(w_last -> C, 3, 1, 1)} and the output
 * activation. Batch norm, when on, follows every hidden layer (over the projection's features
 * and over channels); it uses batch statistics in training and running statistics otherwise.
 *
 * <p>Input {@code (N, latentDim [+ numClasses])}; output {@code (N, C, H, W)}.
 */
final class DcganGenerator extends AbstractBlock {

    private final Linear projection;
    private final BatchNorm projectionNorm;
    private final List<ConvTranspose2d> ups = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();
    private final Conv2d output;
    private final ActivationType activation;
    private final ActivationType outputActivation;
    private final Shape start;
    private final int startChannels;
    private final Shape outputShape;

    DcganGenerator(ConvGeneratorConfig config) {
        this.activation = config.activation();
        this.outputActivation = config.outputActivation();
        this.start = GanGeometry.generatorStart(config);
        this.startChannels = config.hiddenDims().get(0);
        List<Integer> hwc = config.outputShape();
        this.outputShape = new Shape(hwc.get(2), hwc.get(0), hwc.get(1));
        boolean bn = config.batchNorm();
        projection = addChildBlock("projection",
                Linear.builder().setUnits(startChannels * start.size()).build());
        projectionNorm = bn ? addChildBlock("projectionNorm", BatchNorm.builder().build()) : null;
        List<ConvLayerSpec> layers = GanGeometry.generatorLayers(config);
        for (int i = 0; i < layers.size(); i++) {
            ConvLayerSpec s = layers.get(i);
            ups.add(addChildBlock("up" + i, new ConvTranspose2d(s.inChannels(), s.outChannels(), s.kernel(),
                    s.stride(), s.padding(), new Shape(0, 0), true)));
            norms.add(bn ? addChildBlock("upNorm" + i, BatchNorm.builder().build()) : null);
        }
        output = addChildBlock("output", Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                .setFilters(hwc.get(2)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray z = inputs.singletonOrThrow();
        NDArray h = run(projection, store, z, training);
        h = activation.apply(projectionNorm == null ? h : run(projectionNorm, store, h, training));
        h = h.reshape(new Shape(z.getShape().get(0), startChannels).addAll(start));
        for (int i = 0; i < ups.size(); i++) {
            h = run(ups.get(i), store, h, training);
            h = activation.apply(norms.get(i) == null ? h : run(norms.get(i), store, h, training));
        }
        return new NDList(outputActivation.apply(run(output, store, h, training)));
    }

    private static NDArray run(Block block, ParameterStore store, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0)).addAll(outputShape)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        projection.initialize(manager, dataType, inputShapes[0]);
        Shape flat = new Shape(n, startChannels * start.size());
        if (projectionNorm != null) {
            projectionNorm.initialize(manager, dataType, flat);
        }
        Shape shape = new Shape(n, startChannels).addAll(start);
        for (int i = 0; i < ups.size(); i++) {
            ups.get(i).initialize(manager, dataType, shape);
            shape = ups.get(i).getOutputShapes(new Shape[] {shape})[0];
            if (norms.get(i) != null) {
                norms.get(i).initialize(manager, dataType, shape);
            }
        }
        output.initialize(manager, dataType, shape);
    }
}
