package io.artifex.models.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.distributions.Categorical;
import io.artifex.core.progress.ProgressLog;
import io.artifex.core.random.Rng;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws the pixels of a batch of images one at a time in raster order: for pixel (i, j), one
 * pass of the network over rows 0..i of the canvas (the rows below cannot influence row i, so
 * they are not computed), then one Gumbel-max draw per channel from
 * {@code softmax(logits / temperature)}. Every pass runs in its own sub-manager, closed at once
 * (with its own copy of the weights, so nothing a pass creates lands in the model's manager):
 * memory stays flat over the H * W passes. The canvas lives on the host. A long run logs its
 * progress through {@link ProgressLog} (INFO, every tenth of the pixels or ten seconds).
 */
final class PixelSampler {

    private static final Logger LOG = LoggerFactory.getLogger(PixelSampler.class);

    private final BasePixelCnn model;
    private final int n;
    private final float[] oneHot;

    /**
     * @param model the model
     * @param n images in the batch
     * @param oneHot labels as a row-major {@code (n, K)} one-hot matrix, or null when unconditional
     */
    PixelSampler(BasePixelCnn model, int n, float[] oneHot) {
        this.model = model;
        this.n = n;
        this.oneHot = oneHot;
    }

    /**
     * Fills {@code canvas} ({@code n * C * H * W} values in [0, 1], row-major NCHW) from pixel
     * {@code startPixel} (raster index) to the end, keeping the pixels before it.
     *
     * @return the completed images {@code (n, C, H, W)} on {@code target}
     */
    NDArray run(float[] canvas, int startPixel, double temperature, NDManager target, Rng rng) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
        int c = model.channels;
        int h = model.height;
        int w = model.width;
        float top = model.levels - 1;
        ProgressLog progress = h * w > startPixel
                ? ProgressLog.start(LOG, "sampling " + n + " images pixel by pixel", (long) h * w - startPixel) : null;
        for (int p = startPixel; p < h * w; p++) {
            int row = p / w;
            int col = p % w;
            try (NDManager step = target.newSubManager()) {
                NDArray x = step.create(crop(canvas, c, h, w, row + 1), new Shape(n, c, row + 1, w));
                NDArray labels = oneHot == null ? null
                        : step.create(oneHot, new Shape(n, oneHot.length / n));
                NDArray logits = model.logitsOf(x, labels, new ParameterStore(step, true), false);
                NDArray here = logits.get(new NDIndex(":, :, :, {}, {}", row, col));
                long[] drawn = new Categorical(here, 2).sample(rng, temperature).toLongArray();
                for (int b = 0; b < n; b++) {
                    for (int ch = 0; ch < c; ch++) {
                        canvas[((b * c + ch) * h + row) * w + col] = drawn[b * c + ch] / top;
                    }
                }
            }
            progress.done(p + 1L - startPixel);
        }
        return target.create(canvas, new Shape(n, c, h, w));
    }

    /** The first {@code rows} rows of every (image, channel) plane of the canvas. */
    private float[] crop(float[] canvas, int c, int h, int w, int rows) {
        if (rows == h) {
            return canvas;
        }
        float[] out = new float[n * c * rows * w];
        for (int plane = 0; plane < n * c; plane++) {
            System.arraycopy(canvas, plane * h * w, out, plane * rows * w, rows * w);
        }
        return out;
    }
}
