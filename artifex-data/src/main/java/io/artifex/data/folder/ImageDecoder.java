package io.artifex.data.folder;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Decodes one PNG/JPEG with {@code javax.imageio}, converts its channels and resizes it. */
final class ImageDecoder {

    /** The largest image decoded, in pixels (width x height, checked in the header): 2^24, e.g. 4096 x 4096. */
    static final long MAX_PIXELS = 1L << 24;

    private ImageDecoder() {
    }

    /**
     * The image at {@code file} as {@code channels x height x width} bytes (CHW). Grey images
     * are read from their raster (no colour-space conversion); colour images through
     * {@code getRGB} (sRGB, alpha ignored). Colour to grey uses ITU-R 601 luma
     * {@code 0.299 R + 0.587 G + 0.114 B}; grey to colour repeats the channel.
     *
     * @throws IOException when the file cannot be read or is not a decodable image
     */
    static byte[] decode(Path file, int channels, int height, int width, Resize resize) throws IOException {
        BufferedImage img = read(file);
        int h = img.getHeight();
        int w = img.getWidth();
        double[][] planes = planes(img);
        double[][] converted = new double[channels][];
        if (channels == planes.length) {
            converted = planes;
        } else if (channels == 1) {
            double[] grey = new double[h * w];
            for (int k = 0; k < grey.length; k++) {
                grey[k] = 0.299 * planes[0][k] + 0.587 * planes[1][k] + 0.114 * planes[2][k];
            }
            converted[0] = grey;
        } else {
            for (int c = 0; c < channels; c++) {
                converted[c] = planes[0];
            }
        }
        byte[] out = new byte[channels * height * width];
        for (int c = 0; c < channels; c++) {
            byte[] plane = resize.apply(converted[c], h, w, height, width);
            System.arraycopy(plane, 0, out, c * height * width, plane.length);
        }
        return out;
    }

    /**
     * Reads the image after checking the size its header declares against {@link #MAX_PIXELS}, so
     * that a small file claiming huge dimensions is refused before any pixel memory is allocated.
     */
    private static BufferedImage read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); ImageInputStream in = ImageIO.createImageInputStream(raw)) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("not a readable PNG/JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new IOException("image header declares " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " pixels, more than the limit of " + MAX_PIXELS);
                }
                BufferedImage img = reader.read(0);
                if (img == null) {
                    throw new IOException("not a readable PNG/JPEG image");
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (RuntimeException e) {
            throw new IOException("decoder failed: " + e, e);
        }
    }

    /** One plane for a grey image, three (R, G, B) otherwise; values in [0, 255]. */
    private static double[][] planes(BufferedImage img) {
        int h = img.getHeight();
        int w = img.getWidth();
        boolean grey = img.getColorModel().getNumColorComponents() == 1
                && img.getColorModel().getPixelSize() <= 16
                && img.getRaster().getNumBands() <= 2
                && img.getType() != BufferedImage.TYPE_BYTE_INDEXED
                && img.getType() != BufferedImage.TYPE_BYTE_BINARY;
        if (grey) {
            Raster r = img.getRaster();
            int bits = img.getColorModel().getComponentSize(0);
            double scale = 255.0 / ((1 << bits) - 1);
            double[] g = new double[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    g[y * w + x] = Math.round(r.getSample(x, y, 0) * scale);
                }
            }
            return new double[][] {g};
        }
        double[][] rgb = new double[3][h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                rgb[0][y * w + x] = (p >> 16) & 0xFF;
                rgb[1][y * w + x] = (p >> 8) & 0xFF;
                rgb[2][y * w + x] = p & 0xFF;
            }
        }
        return rgb;
    }
}
