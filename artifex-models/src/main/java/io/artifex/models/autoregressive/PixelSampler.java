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
 * Draws the pixels of a batch of images one at a time in raster order, one Gumbel-max draw per
 * channel from {@code softmax(logits / temperature)} at each pixel, in one of two ways that give
 * the same logits (up to float rounding) and so, for the same seed, the same samples:
 * <ul>
 *   <li>{@link Mode#CACHED} (the default): the network is evaluated at the one position being
 *       drawn, layer by layer, from cached activations of the positions before it
 *       ({@link PixelCache}); every pixel runs in its own sub-manager, the caches in one for the
 *       whole call.</li>
 *   <li>{@link Mode#NAIVE}: for pixel (i, j), one pass of the whole network over rows 0..i of
 *       the canvas (the rows below cannot influence row i), each pass in its own sub-manager
 *       with its own copy of the weights. The reference the cached sampler is tested against.</li>
 * </ul>
 * The system property {@value Mode#PROPERTY} ({@code cached} or {@code naive}) chooses the mode
 * of the models' {@code generate}, {@code sample} and {@code complete}; it exists to measure one
 * against the other. Memory stays flat over the H * W pixels in both modes. The canvas lives on
 * the host.
 */
final class PixelSampler {

    private static final Logger LOG = LoggerFactory.getLogger(PixelSampler.class);

    /** How the network is evaluated for each pixel. */
    enum Mode {
        /** One position per layer per pixel, from cached activations. */
        CACHED,
        /** A pass of the whole network over the rows up to the pixel's, per pixel. */
        NAIVE;

        /** The system property that chooses the mode of the models' sampling methods. */
        static final String PROPERTY = "artifex.pixelcnn.sampler";

        /** The mode named by {@value #PROPERTY}: {@code cached} when unset; an unknown name is an error. */
        static Mode configured() {
            String value = System.getProperty(PROPERTY);
            if (value == null || value.isBlank()) {
                return CACHED;
            }
            for (Mode mode : values()) {
                if (mode.name().equalsIgnoreCase(value.trim())) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("system property " + PROPERTY + " must be 'cached' or 'naive', got '"
                    + value + "'");
        }
    }

    private final BasePixelCnn model;
    private final int n;
    private final float[] oneHot;
    private final Mode mode;

    /**
     * @param model the model
     * @param n images in the batch
     * @param oneHot labels as a row-major {@code (n, K)} one-hot matrix, or null when unconditional
     * @param mode how the network is evaluated
     */
    PixelSampler(BasePixelCnn model, int n, float[] oneHot, Mode mode) {
        this.model = model;
        this.n = n;
        this.oneHot = oneHot;
        this.mode = mode;
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
        fill(canvas, startPixel, (row, col, logits) -> new Categorical(logits, 2).sample(rng, temperature)
                .toLongArray(), target);
        return target.create(canvas, new Shape(n, model.channels, model.height, model.width));
    }

    /** Chooses the levels of one pixel from its logits. */
    @FunctionalInterface
    interface PixelDraw {
        /**
         * @param row the pixel's row
         * @param col the pixel's column
         * @param logits {@code (n, C, levels)} given the pixels before (row, col)
         * @return the chosen levels, {@code n * C} values in [0, levels), row-major (image, channel)
         */
        long[] draw(int row, int col, NDArray logits);
    }

    /**
     * Fills {@code canvas} from pixel {@code startPixel} on in raster order, each pixel's levels
     * chosen by {@code draw} from its logits (called for every such pixel, in order, inside the
     * pixel's own sub-manager of {@code target}).
     */
    void fill(float[] canvas, int startPixel, PixelDraw draw, NDManager target) {
        if (startPixel < 0 || startPixel > model.height * model.width) {
            throw new IllegalArgumentException("startPixel must be in [0, " + model.height * model.width + "], got "
                    + startPixel);
        }
        int pixels = model.height * model.width;
        ProgressLog progress = ProgressLog.start(LOG, "sampling " + n + " images pixel by pixel",
                Math.max(1, pixels - startPixel));
        PixelDraw counted = (row, col, logits) -> {
            long[] levels = draw.draw(row, col, logits);
            progress.done((long) row * model.width + col + 1L - startPixel);
            return levels;
        };
        if (mode == Mode.NAIVE) {
            LOG.debug("PixelCNN '{}': naive sampling, one network pass per pixel", model.config().name());
            fillNaive(canvas, startPixel, counted, target);
        } else {
            fillCached(canvas, startPixel, counted, target);
        }
    }

    private void fillCached(float[] canvas, int startPixel, PixelDraw draw, NDManager target) {
        int c = model.channels;
        int h = model.height;
        int w = model.width;
        if (startPixel == h * w) {
            return;
        }
        int startRow = startPixel / w;
        try (NDManager scope = target.newSubManager();
             PixelCache cache = model.pixelNetwork().newCache(scope, n, h, w, canvas, oneHot)) {
            for (int row = 0; row < h; row++) {
                cache.beginRow(row);
                if (row < startRow && !cache.needsEveryPixel()) {
                    continue;
                }
                for (int col = 0; col < w; col++) {
                    try (NDManager step = scope.newSubManager()) {
                        if (row * w + col < startPixel) {
                            cache.features(row, col, step);
                            continue;
                        }
                        long[] drawn = draw.draw(row, col, cache.logits(row, col, step));
                        for (int b = 0; b < n; b++) {
                            for (int ch = 0; ch < c; ch++) {
                                store(canvas, drawn, b, ch, row, col);
                            }
                        }
                    }
                }
            }
        }
    }

    private void fillNaive(float[] canvas, int startPixel, PixelDraw draw, NDManager target) {
        int c = model.channels;
        int h = model.height;
        int w = model.width;
        for (int p = startPixel; p < h * w; p++) {
            int row = p / w;
            int col = p % w;
            try (NDManager step = target.newSubManager()) {
                NDArray x = step.create(crop(canvas, c, h, w, row + 1), new Shape(n, c, row + 1, w));
                NDArray labels = oneHot == null ? null
                        : step.create(oneHot, new Shape(n, oneHot.length / n));
                NDArray logits = model.logitsOf(x, labels, new ParameterStore(step, true), false);
                long[] drawn = draw.draw(row, col, logits.get(new NDIndex(":, :, :, {}, {}", row, col)));
                for (int b = 0; b < n; b++) {
                    for (int ch = 0; ch < c; ch++) {
                        store(canvas, drawn, b, ch, row, col);
                    }
                }
            }
        }
    }

    /** Writes the drawn level of (image b, channel ch) at (row, col) into the canvas as a value in [0, 1]. */
    private void store(float[] canvas, long[] drawn, int b, int ch, int row, int col) {
        int c = model.channels;
        canvas[((b * c + ch) * model.height + row) * model.width + col] = drawn[b * c + ch] / (float) (model.levels - 1);
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
