package io.artifex.models.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Argument checks and canvas set-up shared by the sampling methods. */
final class Sampling {

    private Sampling() {
    }

    static void checkCount(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("number of samples must be >= 1, got " + n);
        }
    }

    /** The checked images as a host canvas with the rows from {@code knownRows} on cleared. */
    static float[] canvas(BasePixelCnn model, NDArray images, int knownRows, NDManager target) {
        if (images == null) {
            throw new IllegalArgumentException("images must not be null");
        }
        if (knownRows < 0 || knownRows > model.height) {
            throw new IllegalArgumentException("knownRows must be in [0, " + model.height + "], got " + knownRows);
        }
        float[] canvas;
        try (NDManager scope = target.newSubManager()) {
            canvas = model.checkedImages(BasePixelCnn.local(images, scope)).toFloatArray();
        }
        int plane = model.height * model.width;
        for (int start = 0; start < canvas.length; start += plane) {
            java.util.Arrays.fill(canvas, start + knownRows * model.width, start + plane, 0f);
        }
        return canvas;
    }
}
