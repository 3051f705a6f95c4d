package io.artifex.models.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-position evaluator of {@link GatedPixelCnnNetwork} (see {@link PixelCache}), following
 * {@link GatedLayer} and {@link StackConv2d}: a stack convolution with padding (pr, pc) and
 * kernel (kr, kc) gives output (i, j) from input rows i-pr..i-pr+kr-1 and columns
 * j-pc..j-pc+kc-1.
 *
 * <ul>
 *   <li><b>Vertical stack, once per row</b> ({@link #prepareRow}): it reads only rows above i
 *       (the image rows i-c..i-1 in the first layer, the previous layer's vertical map rows
 *       i-c..i after), so row i of every layer is final once row i-1 is drawn. Per layer, one
 *       convolution of the slab of kr rows gives the row's pre-activations {@code vPre};
 *       {@code gate(vPre)} goes into the next layer's vertical cache (zero-padded by pr rows
 *       above and pc columns either side), and {@code link(vPre)} plus the horizontal
 *       convolution's bias and per-class bias is kept per column.</li>
 *   <li><b>Horizontal stack, once per pixel</b> ({@link #featuresAt}): row i only, columns
 *       j-c..j-1 of the image in the first layer (read from the canvas), columns j-c..j of the
 *       previous layer's horizontal map after ({@link RowConv}); then the gate, the output 1x1
 *       and the residual.</li>
 * </ul>
 * Rows above the first drawn one need only the vertical stack.
 */
final class GatedPixelCnnCache extends PixelCache {

    private final List<Layer> layers = new ArrayList<>();

    /** One gated layer: its prepared weights, the vertical cache it reads, and its row state. */
    private static final class Layer {
        private boolean first;
        private NDArray vWeight;
        private NDArray vBias;
        private NDArray vClassBias;
        private int vRows;
        private int vPadRows;
        private int vPadCols;
        private NDArray linkWeight;
        /** The link's bias plus the horizontal convolution's. */
        private NDArray linkBias;
        private NDArray hClassBias;
        private NDArray outWeight;
        private NDArray outBias;
        /** First layer: the horizontal weight as (2p, C * c) and c; the columns of the row's link terms. */
        private NDArray hRowWeight;
        private int hTaps;
        private List<NDArray> linkColumns;
        /** Later layers: the horizontal convolution over the previous layer's map, and the vertical cache. */
        private RowConv row;
        private NDArray vIn;
    }

    GatedPixelCnnCache(GatedPixelCnnNetwork network, NDManager parent, int n, int height, int width, float[] canvas,
                       float[] oneHot) {
        super(network, parent, n, height, width, canvas);
        NDArray labels = oneHot == null ? null : scope.create(oneHot, new Shape(n, oneHot.length / n));
        for (GatedLayer gated : network.layers()) {
            StackConv2d v = gated.vertical();
            StackConv2d h = gated.horizontal();
            Layer layer = new Layer();
            layer.first = gated.isFirst();
            layer.vWeight = value(v, "weight");
            layer.vBias = value(v, "bias");
            layer.vClassBias = classBias(gated.vBias(), labels);
            layer.vRows = (int) v.kernelShape().get(0);
            layer.vPadRows = (int) v.padding().get(0);
            layer.vPadCols = (int) v.padding().get(1);
            layer.linkWeight = value(gated.link(), "weight");
            layer.linkBias = value(gated.link(), "bias").add(value(h, "bias"));
            layer.hClassBias = classBias(gated.hBias(), labels);
            layer.outWeight = matrix(gated.hOut());
            layer.outBias = value(gated.hOut(), "bias");
            NDArray hWeight = value(h, "weight");
            int span = (int) h.kernelShape().get(1);
            int pad = (int) h.padding().get(1);
            if (layer.first) {
                // columns j - pad .. j - pad + span - 1 must be the pixels left of j
                requireGeometry(span == pad, span, pad);
                layer.hTaps = span;
                layer.hRowWeight = hWeight.reshape(hWeight.getShape().get(0), (long) inputChannels * span);
            } else {
                // ... and here those up to j, the last kernel column being the centre
                requireGeometry(span == pad + 1, span, pad);
                NDArray[] taps = new NDArray[span];
                for (int d = 0; d < span; d++) {
                    taps[d] = hWeight.get(new NDIndex(":, :, 0, {}", span - 1 - d));
                }
                layer.row = new RowConv(this, taps);
                layer.vIn = scope.zeros(new Shape(n, layer.vWeight.getShape().get(1), height + layer.vPadRows,
                        width + 2L * layer.vPadCols));
            }
            layers.add(layer);
        }
    }

    private static void requireGeometry(boolean holds, int span, int pad) {
        if (!holds) {
            throw new IllegalStateException("Gated PixelCNN cache: unexpected horizontal kernel width " + span
                    + " with padding " + pad);
        }
    }

    @Override
    boolean needsEveryPixel() {
        return false;
    }

    @Override
    void prepareRow(int row, NDManager rows) {
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            // the rows row - pr .. row - pr + kr - 1: from the canvas, or at padded rows row .. row + kr - 1
            NDArray slab = layer.first ? inputRows(row - layer.vPadRows, layer.vRows, layer.vPadCols, rows)
                    : window(layer.vIn, row, row + layer.vRows, 0, width + 2L * layer.vPadCols, rows);
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
            if (layer.first) {
                layer.linkColumns = columns(link);
            } else {
                layer.row.beginRow(columns(link));
            }
        }
    }

    @Override
    NDArray featuresAt(int row, int col, NDManager step) {
        NDArray h = null;
        for (Layer layer : layers) {
            NDArray hPre = layer.first
                    ? linear(inputTaps(row, col, layer.hTaps, step), layer.hRowWeight, layer.linkColumns.get(col))
                    : layer.row.apply(col, h);
            NDArray hNew = linear(GatedLayer.gate(hPre), layer.outWeight, layer.outBias);
            h = layer.first ? hNew : h.add(hNew);
        }
        return h;
    }
}
