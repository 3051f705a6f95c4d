package io.artifex.models.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-position evaluator of {@link GatedPixelCnnNetwork} (see {@link PixelCache}), following
 * {@link GatedLayer} and {@link StackConv2d}. A stack convolution with padding (pr, pc) and
 * kernel (kr, kc) gives output (i, j) from input rows i-pr..i-pr+kr-1 and columns
 * j-pc..j-pc+kc-1, so with the input cached zero-padded by pr rows above and pc columns on
 * each side, its window starts at padded (i, j).
 *
 * <ul>
 *   <li><b>Vertical stack, once per row</b> ({@link #beginRow}): it reads only rows above i (the
 *       image rows i-c..i-1 in the first layer, the previous layer's vertical map rows i-c..i
 *       after), so row i of every layer is final once row i-1 is drawn. Per layer: one
 *       convolution of the slab of kr cached rows gives the whole row of pre-activations
 *       {@code vPre}; {@code gate(vPre)} goes into the next layer's vertical cache, and
 *       {@code link(vPre) + classBias_h} is kept for the row's pixels.</li>
 *   <li><b>Horizontal stack, once per pixel</b> ({@link #features}): row i, columns j-c..j-1 of
 *       the image (first layer) or j-c..j of the previous layer's horizontal map; the map of the
 *       current row is all a later pixel reads, so one cached row per layer suffices, its left
 *       padding never written.</li>
 * </ul>
 * Rows above the first drawn one need only the vertical stack.
 */
final class GatedPixelCnnCache extends PixelCache {

    private final List<Layer> layers = new ArrayList<>();
    /** Image row i sits at row i + inputTop of the input cache. */
    private final int inputTop;
    /** Holds the current row's link terms; replaced at every row. */
    private NDManager rowScope;

    /** One gated layer: its prepared weights, the caches it reads, and its row of link terms. */
    private static final class Layer {
        private final boolean first;
        private final NDArray vWeight;
        private final NDArray vBias;
        private final NDArray vClassBias;
        private final NDArray hWeight;
        private final NDArray hBias;
        private final NDArray hClassBias;
        private final NDArray linkWeight;
        private final NDArray linkBias;
        private final NDArray outWeight;
        private final NDArray outBias;
        /** The vertical kernel (kr, kc) and padding (pr, pc); the horizontal kernel's columns and column padding. */
        private final int vRows;
        private final int vCols;
        private final int vPadRows;
        private final int vPadCols;
        private final int hCols;
        private final int hPadCols;
        /** The vertical convolution's input (padded by pr rows above), read from column vStart. */
        private NDArray vIn;
        private int vStart;
        /** The horizontal convolution's input, read from column col + hStart. */
        private NDArray hIn;
        private int hStart;
        /** {@code link(vPre) + classBias_h} of the current row, (n, 2p, 1, W). */
        private NDArray rowLink;

        private Layer(GatedLayer layer, GatedPixelCnnCache cache, NDArray labels) {
            first = layer.isFirst();
            StackConv2d v = layer.vertical();
            StackConv2d h = layer.horizontal();
            vWeight = cache.value(v, "weight");
            vBias = cache.value(v, "bias");
            vClassBias = cache.classBias(layer.vBias(), labels);
            hWeight = cache.value(h, "weight");
            hBias = cache.value(h, "bias");
            hClassBias = cache.classBias(layer.hBias(), labels);
            linkWeight = cache.value(layer.link(), "weight");
            linkBias = cache.value(layer.link(), "bias");
            outWeight = cache.value(layer.hOut(), "weight");
            outBias = cache.value(layer.hOut(), "bias");
            vRows = (int) v.kernelShape().get(0);
            vCols = (int) v.kernelShape().get(1);
            vPadRows = (int) v.padding().get(0);
            vPadCols = (int) v.padding().get(1);
            hCols = (int) h.kernelShape().get(1);
            hPadCols = (int) h.padding().get(1);
        }
    }

    GatedPixelCnnCache(GatedPixelCnnNetwork network, NDManager parent, int n, int height, int width, float[] canvas,
                       float[] oneHot) {
        this(network, parent, n, height, width, canvas, oneHot, network.layers().get(0));
    }

    private GatedPixelCnnCache(GatedPixelCnnNetwork network, NDManager parent, int n, int height, int width,
                               float[] canvas, float[] oneHot, GatedLayer firstLayer) {
        super(network, parent, n, height, width, canvas, rowsAbove(firstLayer), 0, columnsLeft(firstLayer),
                (int) firstLayer.vertical().padding().get(1));
        inputTop = rowsAbove(firstLayer);
        NDArray labels = oneHot == null ? null : scope.create(oneHot, new Shape(n, oneHot.length / n));
        for (GatedLayer g : network.layers()) {
            layers.add(new Layer(g, this, labels));
        }
        int left = columnsLeft(firstLayer);
        Layer first = layers.get(0);
        first.vIn = input;
        first.vStart = left - first.vPadCols;
        first.hIn = input;
        first.hStart = left - first.hPadCols;
        for (int l = 1; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            long channels = layers.get(l - 1).outWeight.getShape().get(0);
            layer.vIn = scope.zeros(new Shape(n, channels, height + layer.vPadRows, width + 2L * layer.vPadCols));
            layer.vStart = 0;
            layer.hIn = scope.zeros(new Shape(n, channels, 1, width + layer.hPadCols));
            layer.hStart = 0;
        }
    }

    /** The input cache's rows above the image: the first vertical convolution's row padding. */
    private static int rowsAbove(GatedLayer first) {
        return (int) first.vertical().padding().get(0);
    }

    /** The input cache's columns left of the image: enough for both of the first layer's convolutions. */
    private static int columnsLeft(GatedLayer first) {
        return (int) Math.max(first.vertical().padding().get(1), first.horizontal().padding().get(1));
    }

    @Override
    boolean needsEveryPixel() {
        return false;
    }

    @Override
    void beginRow(int row) {
        if (rowScope != null) {
            rowScope.close();
        }
        rowScope = scope.newSubManager();
        try (NDManager step = rowScope.newSubManager()) {
            for (int l = 0; l < layers.size(); l++) {
                Layer layer = layers.get(l);
                // padded rows [row, row + kr) are rows row - pr .. row - pr + kr - 1 of the layer's input
                NDArray slab = window(layer.vIn, row, row + layer.vRows, layer.vStart,
                        layer.vStart + width + layer.vCols - 1L, step);
                NDArray vPre = conv(slab, layer.vWeight, layer.vBias);
                if (layer.vClassBias != null) {
                    vPre = vPre.add(layer.vClassBias);
                }
                if (l + 1 < layers.size()) {
                    Layer next = layers.get(l + 1);
                    put(next.vIn, row + next.vPadRows, next.vPadCols, GatedLayer.gate(vPre));
                }
                NDArray link = conv(vPre, layer.linkWeight, layer.linkBias);
                if (layer.hClassBias != null) {
                    link = link.add(layer.hClassBias);
                }
                link.attach(rowScope);
                layer.rowLink = link;
            }
        }
    }

    @Override
    NDArray features(int row, int col, NDManager step) {
        NDArray h = null;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            long r = layer.first ? row + inputTop : 0;
            long c = col + layer.hStart;
            NDArray hPre = conv(window(layer.hIn, r, r + 1, c, c + layer.hCols, step), layer.hWeight, layer.hBias)
                    .add(window(layer.rowLink, 0, 1, col, col + 1, step));
            NDArray hNew = conv(GatedLayer.gate(hPre), layer.outWeight, layer.outBias);
            h = layer.first ? hNew : h.add(hNew);
            if (l + 1 < layers.size()) {
                Layer next = layers.get(l + 1);
                put(next.hIn, 0, col + next.hPadCols, h);
            }
        }
        return h;
    }

    @Override
    public void close() {
        if (rowScope != null) {
            rowScope.close();
        }
        super.close();
    }
}
