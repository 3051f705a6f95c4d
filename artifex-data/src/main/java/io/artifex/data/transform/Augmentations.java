package io.artifex.data.transform;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Random data augmentation for training batches shaped {@code (N, C, H, W)}: horizontal flips
 * and random crops after padding. Each op draws its per-example decisions from the batch's
 * {@link Rng} (host-side draws, in example order), so a batch source that seeds the Rng from
 * (seed, epoch, batch) reproduces the exact same augmented batch on resume. Padding happens in
 * the value space the op sees: applied before preprocessing (the usual place), zero padding is
 * black. Apply these to the training split only; the test split must see the images as stored.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class Augmentations {

    /** The padding {@link #parse} uses for {@code "crop"} and {@code "crop-reflect"}. */
    public static final int DEFAULT_CROP_PADDING = 4;

    /** The augmentation names {@link #parse} accepts. */
    public static final List<String> NAMES = List.of("hflip", "crop", "crop-reflect");

    /** How {@link #randomCrop} fills the border. */
    public enum Padding {
        /** Zeros outside the image. */
        ZERO,
        /** The mirror image without repeating the edge pixel (PyTorch's {@code reflect}). */
        REFLECT
    }

    private Augmentations() {
    }

    /** Flips each example left-right with probability {@code p} (one draw per example). */
    public static ImageTransform horizontalFlip(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("flip probability must be in [0, 1], got " + p);
        }
        return (x, rng) -> {
            Shape s = checkNchw(x, "horizontalFlip");
            int n = (int) s.get(0);
            int rows = (int) (s.get(1) * s.get(2));
            int w = (int) s.get(3);
            float[] v = x.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
            float[] out = v.clone();
            int per = rows * w;
            for (int i = 0; i < n; i++) {
                if (rng.nextDouble() < p) {
                    for (int r = 0; r < rows; r++) {
                        int base = i * per + r * w;
                        for (int c = 0; c < w; c++) {
                            out[base + c] = v[base + w - 1 - c];
                        }
                    }
                }
            }
            return x.getManager().create(out, s);
        };
    }

    /**
     * Pads each example by {@code padding} pixels on every side and crops a window of the
     * original size at a uniformly random offset {@code (dy, dx)} in {@code [0, 2*padding]^2}
     * (drawn per example: dy first, then dx). Output pixel {@code (y, x)} is padded pixel
     * {@code (y + dy, x + dx)}, i.e. source pixel {@code (y + dy - padding, x + dx - padding)}.
     */
    public static ImageTransform randomCrop(int padding, Padding mode) {
        if (padding < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0, got " + padding);
        }
        if (mode == null) {
            throw new IllegalArgumentException("crop padding mode must not be null");
        }
        return (x, rng) -> {
            Shape s = checkNchw(x, "randomCrop");
            int n = (int) s.get(0);
            int ch = (int) s.get(1);
            int h = (int) s.get(2);
            int w = (int) s.get(3);
            if (mode == Padding.REFLECT && (padding >= h || padding >= w)) {
                throw new IllegalArgumentException("reflect padding " + padding + " must be smaller than the image "
                        + h + "x" + w);
            }
            float[] v = x.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
            float[] out = new float[v.length];
            int plane = h * w;
            for (int i = 0; i < n; i++) {
                int dy = rng.nextInt(2 * padding + 1) - padding;
                int dx = rng.nextInt(2 * padding + 1) - padding;
                for (int c = 0; c < ch; c++) {
                    int base = (i * ch + c) * plane;
                    for (int y = 0; y < h; y++) {
                        int sy = source(y + dy, h, mode);
                        for (int xx = 0; xx < w; xx++) {
                            int sx = source(xx + dx, w, mode);
                            out[base + y * w + xx] = sy < 0 || sx < 0 ? 0f : v[base + sy * w + sx];
                        }
                    }
                }
            }
            return x.getManager().create(out, s);
        };
    }

    /**
     * The augmentations named, applied in the given order: {@code "hflip"} (p = 0.5),
     * {@code "crop"} (zero padding {@value #DEFAULT_CROP_PADDING}), {@code "crop-reflect"}
     * (reflect padding {@value #DEFAULT_CROP_PADDING}). Null or empty: the identity.
     */
    public static ImageTransform parse(List<String> names) {
        if (names == null || names.isEmpty()) {
            return Transforms.identity();
        }
        List<ImageTransform> ops = new ArrayList<>();
        for (String raw : names) {
            String name = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            ops.add(switch (name) {
                case "hflip" -> horizontalFlip(0.5);
                case "crop" -> randomCrop(DEFAULT_CROP_PADDING, Padding.ZERO);
                case "crop-reflect" -> randomCrop(DEFAULT_CROP_PADDING, Padding.REFLECT);
                default -> throw new IllegalArgumentException("unknown augmentation '" + raw + "'; valid names: " + NAMES);
            });
        }
        return Transforms.compose(ops);
    }

    private static int source(int p, int size, Padding mode) {
        if (p >= 0 && p < size) {
            return p;
        }
        if (mode == Padding.ZERO) {
            return -1;
        }
        return p < 0 ? -p : 2 * (size - 1) - p;
    }

    private static Shape checkNchw(NDArray x, String op) {
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException(op + " needs a batch shaped (N, C, H, W), got " + s
                    + "; augment before flattening");
        }
        return s;
    }
}
