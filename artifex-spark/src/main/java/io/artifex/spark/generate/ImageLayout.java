package io.artifex.spark.generate;

import ai.djl.ndarray.types.Shape;
import io.artifex.core.image.ValueRange;
import io.artifex.core.model.GenerativeModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The picture a model's example is: channels (1 grey or 3 RGB), height, width and the value range
 * its pixels are in. Example shapes {@code (C, H, W)}, {@code (H, W)} and {@code (D)} with
 * {@code D} a perfect square (a flattened grey image) are pictures when the model's data contract
 * declares a [0, 1] or [-1, 1] range.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param channels 1 or 3
 * @param height   rows
 * @param width    columns
 * @param range    the value range that maps to 0..255
 */
public record ImageLayout(int channels, int height, int width, ValueRange range) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The layout of {@code model}'s examples, or empty when they are not pictures. */
    public static Optional<ImageLayout> of(GenerativeModel model) {
        Optional<ValueRange> range = model.dataContract().valueRange();
        if (range.isEmpty()) {
            return Optional.empty();
        }
        Shape s = model.exampleShape();
        if (s.dimension() == 3 && (s.get(0) == 1 || s.get(0) == 3)) {
            return Optional.of(new ImageLayout((int) s.get(0), (int) s.get(1), (int) s.get(2), range.get()));
        }
        if (s.dimension() == 2) {
            return Optional.of(new ImageLayout(1, (int) s.get(0), (int) s.get(1), range.get()));
        }
        if (s.dimension() == 1) {
            int side = (int) Math.round(Math.sqrt(s.get(0)));
            if ((long) side * side == s.get(0)) {
                return Optional.of(new ImageLayout(1, side, side, range.get()));
            }
        }
        return Optional.empty();
    }

    /** The number of values of one image. */
    public int size() {
        return channels * height * width;
    }

    /** The image whose values start at {@code offset} of {@code values} (CHW order) as PNG bytes. */
    public byte[] png(float[] values, int offset) {
        BufferedImage image = new BufferedImage(width, height,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = offset + y * width + x;
                if (channels == 1) {
                    image.getRaster().setSample(x, y, 0, range.toByte(values[at]));
                } else {
                    int r = range.toByte(values[at]);
                    int g = range.toByte(values[at + plane]);
                    int b = range.toByte(values[at + 2 * plane]);
                    image.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a sample as PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** The value of {@code v} in [0, 1]: clipped, after mapping [-1, 1] to [0, 1] for signed images. */
    public float toUnit(float v) {
        float t = (v - range.low()) / (range.high() - range.low());
        return Float.isNaN(t) ? 0f : Math.max(0f, Math.min(1f, t));
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width + " in [" + range.low() + ", " + range.high() + "]";
    }
}
