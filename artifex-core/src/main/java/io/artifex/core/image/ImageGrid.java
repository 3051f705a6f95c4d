package io.artifex.core.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/**
 * Lays a batch of images out as one grid picture (like torchvision's {@code make_grid}) and
 * writes it as PNG. Accepted shapes: {@code (N, C, H, W)} with C = 1 (grayscale) or 3 (RGB),
 * {@code (N, H, W)} (grayscale), and {@code (N, D)} with D a perfect square (grayscale
 * {@code sqrt(D) x sqrt(D)}, e.g. flattened MNIST). Images fill rows of {@code nrow} from the
 * top left; {@code padding} black pixels separate them and frame the grid.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class ImageGrid {

    private ImageGrid() {
    }

    /** The grid as an image: grayscale ({@code TYPE_BYTE_GRAY}) for one channel, else RGB. */
    public static BufferedImage toImage(NDArray images, ValueRange range, int nrow, int padding) {
        if (images == null) {
            throw new IllegalArgumentException("images must not be null");
        }
        if (range == null) {
            throw new IllegalArgumentException("value range must not be null");
        }
        if (nrow < 1) {
            throw new IllegalArgumentException("nrow (images per row) must be >= 1, got " + nrow);
        }
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + padding);
        }
        int[] chw = layout(images.getShape());
        int n = (int) images.getShape().get(0);
        int c = chw[0];
        int h = chw[1];
        int w = chw[2];
        float[] values = readFloats(images);
        int cols = Math.min(nrow, n);
        int rows = (n + cols - 1) / cols;
        int width = cols * w + (cols + 1) * padding;
        int height = rows * h + (rows + 1) * padding;
        BufferedImage out = new BufferedImage(width, height,
                c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            int x0 = padding + (i % cols) * (w + padding);
            int y0 = padding + (i / cols) * (h + padding);
            int base = i * c * plane;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int offset = base + y * w + x;
                    if (c == 1) {
                        int g = range.toByte(values[offset]);
                        out.getRaster().setSample(x0 + x, y0 + y, 0, g);
                    } else {
                        int r = range.toByte(values[offset]);
                        int g = range.toByte(values[offset + plane]);
                        int b = range.toByte(values[offset + 2 * plane]);
                        out.setRGB(x0 + x, y0 + y, (r << 16) | (g << 8) | b);
                    }
                }
            }
        }
        return out;
    }

    /** Builds the grid and writes it as a PNG file, atomically (temporary file, then rename). */
    public static void writePng(NDArray images, ValueRange range, int nrow, int padding, Path file)
            throws IOException {
        writePng(toImage(images, range, nrow, padding), file);
    }

    /** Writes an image as PNG atomically: a reader never sees a half-written file. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("output file must not be null");
        }
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available for " + file);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static int[] layout(Shape shape) {
        switch (shape.dimension()) {
            case 4 -> {
                int c = (int) shape.get(1);
                if (c != 1 && c != 3) {
                    throw new IllegalArgumentException("images (N, C, H, W) must have 1 or 3 channels, got shape " + shape);
                }
                return new int[] {c, (int) shape.get(2), (int) shape.get(3)};
            }
            case 3 -> {
                return new int[] {1, (int) shape.get(1), (int) shape.get(2)};
            }
            case 2 -> {
                long d = shape.get(1);
                int side = (int) Math.round(Math.sqrt(d));
                if ((long) side * side != d) {
                    throw new IllegalArgumentException("flat images (N, D) need D to be a perfect square, got shape " + shape);
                }
                return new int[] {1, side, side};
            }
            default -> throw new IllegalArgumentException(
                    "images must be (N, C, H, W), (N, H, W) or (N, H*W), got shape " + shape);
        }
    }

    private static float[] readFloats(NDArray images) {
        if (images.getShape().get(0) < 1) {
            throw new IllegalArgumentException("images must hold at least one image, got shape " + images.getShape());
        }
        if (images.getDataType() == DataType.FLOAT32) {
            return images.toFloatArray();
        }
        try (NDArray converted = images.toType(DataType.FLOAT32, true)) {
            return converted.toFloatArray();
        }
    }
}
