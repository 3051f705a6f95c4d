package io.artifex.models.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Gated PixelCNN: {@code numLayers} {@link GatedLayer}s (the first with 7-wide causal kernels
 * reading the encoded image, C or C * levels channels, the others 3-wide), then the shared output head on the horizontal stack.
 * After L layers the output at (i, j) sees every earlier pixel in rows i-(L+2)..i-1 and columns
 * j-(L+2)..j+(L+2), and in row i the L+2 pixels to its left: a full window, no blind spot.
 */
final class GatedPixelCnnNetwork extends PixelNetwork {

    /** Kernel width of the first layer. */
    static final int FIRST_KERNEL = 7;
    /** Kernel width of the later layers. */
    static final int LAYER_KERNEL = 3;

    private final List<GatedLayer> layers = new ArrayList<>();

    GatedPixelCnnNetwork(int channels, int levels, int hidden, int numLayers, int numClasses,
                         PixelCnnInputEncoding encoding) {
        super(channels, levels, hidden, numClasses, encoding);
        for (int i = 0; i < numLayers; i++) {
            boolean first = i == 0;
            layers.add(addChildBlock("gated" + i, new GatedLayer(first, first ? inputChannels : hidden, hidden,
                    first ? FIRST_KERNEL : LAYER_KERNEL, numClasses)));
        }
    }

    @Override
    NDArray features(ParameterStore store, NDArray x, NDArray oneHot, boolean training) {
        NDArray v = x;
        NDArray h = x;
        for (GatedLayer layer : layers) {
            NDList in = oneHot == null ? new NDList(v, h) : new NDList(v, h, oneHot);
            NDList out = layer.forward(store, in, training);
            v = out.get(0);
            h = out.get(1);
        }
        return h;
    }

    /** The gated layers, in order. */
    List<GatedLayer> layers() {
        return List.copyOf(layers);
    }

    @Override
    PixelCache newCache(NDManager parent, int n, int height, int width, float[] canvas, float[] oneHot) {
        return new GatedPixelCnnCache(this, parent, n, height, width, canvas, oneHot);
    }

    @Override
    void initializeBody(NDManager manager, DataType dataType, Shape image, Shape labels) {
        Shape features = new Shape(image.get(0), hidden, image.get(2), image.get(3));
        for (int i = 0; i < layers.size(); i++) {
            Shape in = i == 0 ? image : features;
            if (labels == null) {
                layers.get(i).initialize(manager, dataType, in, in);
            } else {
                layers.get(i).initialize(manager, dataType, in, in, labels);
            }
        }
    }
}
