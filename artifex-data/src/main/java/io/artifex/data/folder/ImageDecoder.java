package io.artifex.data.folder;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one PNG/JPEG with {@code javax.imageio}, header first: the reader reports the width
 * and height from the file's header, and an image above the pixel ceiling is refused before
 * its pixels are decoded. Then converts its channels and resizes it row by row.
 */
final class ImageDecoder {

    private ImageDecoder() {
    }

    /**
     * The image at {@code file} as {@code channels x height x width} bytes (CHW). Grey images
     * are read from their raster (no colour-space conversion); colour images through
     * {@code getRGB} (sRGB, alpha ignored). Colour to grey uses ITU-R 601 luma
     * {@code 0.299 R + 0.587 G + 0.114 B}; grey to colour repeats the channel.
     *
     * @throws IOException when the file cannot be read, is not a decodable image, or its header
     *         declares more than {@code maxPixels} pixels (the message says which, without the path:
     *         the caller names the file)
     */
    static byte[] decode(Path file, int channels, int height, int width, Resize resize, long maxPixels)
            throws IOException {
        BufferedImage img;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException("cannot be opened as an image stream");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a readable PNG/JPEG image (no image reader recognises its first bytes)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw new IOException(reader.getFormatName() + " header declares an empty image " + w + "x" + h);
                }
                long pixels = (long) w * h;
                if (pixels > maxPixels) {
                    throw new IOException(reader.getFormatName() + " header declares " + w + "x" + h + " = " + pixels
                            + " pixels, more than the limit of " + maxPixels + " (checked before decoding)");
                }
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (RuntimeException e) {
            throw new IOException("decoder failed: " + e, e);
        }
        if (img == null) {
            throw new IOException("not a readable PNG/JPEG image");
        }
        int h = img.getHeight();
        int w = img.getWidth();
        double[][] source = new double[isGrey(img) ? 1 : 3][w];
        Resize.Rows rows = isGrey(img) ? greyRows(img, source) : colourRows(img, source);
        return resize.resample(rows, channels, h, w, height, width);
    }

    private static boolean isGrey(BufferedImage img) {
        return img.getColorModel().getNumColorComponents() == 1
                && img.getColorModel().getPixelSize() <= 16
                && img.getRaster().getNumBands() <= 2
                && img.getType() != BufferedImage.TYPE_BYTE_INDEXED
                && img.getType() != BufferedImage.TYPE_BYTE_BINARY;
    }

    /** Rows of a grey image, each sample scaled to [0, 255] and rounded, then converted to the target channels. */
    private static Resize.Rows greyRows(BufferedImage img, double[][] source) {
        Raster r = img.getRaster();
        int w = img.getWidth();
        int bits = img.getColorModel().getComponentSize(0);
        double scale = 255.0 / ((1 << bits) - 1);
        int[] samples = new int[w];
        return (y, dst) -> {
            r.getSamples(0, y, w, 1, 0, samples);
            for (int x = 0; x < w; x++) {
                source[0][x] = Math.round(samples[x] * scale);
            }
            Resize.convert(source, dst, w);
        };
    }

    /** Rows of a colour image as sRGB, alpha ignored, converted to the target channels. */
    private static Resize.Rows colourRows(BufferedImage img, double[][] source) {
        int w = img.getWidth();
        int[] argb = new int[w];
        return (y, dst) -> {
            img.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                int p = argb[x];
                source[0][x] = (p >> 16) & 0xFF;
                source[1][x] = (p >> 8) & 0xFF;
                source[2][x] = p & 0xFF;
            }
            Resize.convert(source, dst, w);
        };
    }
}
