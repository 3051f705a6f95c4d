package io.artifex.data;

import java.util.Arrays;

/**
 * An in-memory image data set stored compactly: {@code N x C x H x W} unsigned bytes in NCHW
 * order, and optionally one class label (unsigned byte) per image. Immutable.
 *
 * <p>Thread-safety: not deeply immutable: it holds the arrays it was given without copying them;
 * safe to read from several threads as long as nobody mutates those arrays.
 */
public final class ImageDataset {

    private final String name;
    private final int channels;
    private final int height;
    private final int width;
    private final byte[] pixels;
    private final byte[] labels;
    private final int numClasses;

    private ImageDataset(String name, int channels, int height, int width, byte[] pixels, byte[] labels, int numClasses) {
        this.name = name;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.pixels = pixels;
        this.labels = labels;
        this.numClasses = numClasses;
    }

    /**
     * Wraps pixel and label bytes (not copied). {@code pixels.length} must be a multiple of
     * {@code channels * height * width}; {@code labels} may be null (unlabelled), otherwise it has
     * one entry per image, each in {@code [0, numClasses)}.
     */
    public static ImageDataset of(String name, int channels, int height, int width,
                                  byte[] pixels, byte[] labels, int numClasses) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dataset name must not be blank");
        }
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(name + ": channels, height and width must be positive, got "
                    + channels + "x" + height + "x" + width);
        }
        if (pixels == null) {
            throw new IllegalArgumentException(name + ": pixels must not be null");
        }
        long per = (long) channels * height * width;
        if (pixels.length % per != 0) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixel bytes is not a multiple of "
                    + channels + "x" + height + "x" + width + " = " + per);
        }
        int n = (int) (pixels.length / per);
        if (labels != null) {
            if (labels.length != n) {
                throw new IllegalArgumentException(name + ": " + n + " images but " + labels.length + " labels");
            }
            if (numClasses <= 0 || numClasses > 256) {
                throw new IllegalArgumentException(name + ": numClasses must be in 1..256, got " + numClasses);
            }
            for (int i = 0; i < n; i++) {
                int label = labels[i] & 0xFF;
                if (label >= numClasses) {
                    throw new IllegalArgumentException(name + ": label " + label + " of image " + i
                            + " is out of range [0, " + numClasses + ")");
                }
            }
        }
        return new ImageDataset(name, channels, height, width, pixels, labels, labels == null ? 0 : numClasses);
    }

    /** A short description of where the data came from, used in messages. */
    public String name() {
        return name;
    }

    /** The number of images. */
    public int size() {
        return pixels.length / exampleSize();
    }

    /** Channels per image (1 for MNIST). */
    public int channels() {
        return channels;
    }

    /** Image height in pixels. */
    public int height() {
        return height;
    }

    /** Image width in pixels. */
    public int width() {
        return width;
    }

    /** Values per image, {@code C * H * W}. */
    public int exampleSize() {
        return channels * height * width;
    }

    /** Whether every image has a class label. */
    public boolean hasLabels() {
        return labels != null;
    }

    /** The number of classes (0 when unlabelled). */
    public int numClasses() {
        return numClasses;
    }

    /** Value {@code offset} (NCHW order within the image) of image {@code index}, in [0, 255]. */
    public int pixel(int index, int offset) {
        return pixels[index * exampleSize() + offset] & 0xFF;
    }

    /** The class label of image {@code index}. */
    public int label(int index) {
        if (labels == null) {
            throw new IllegalArgumentException(name + " has no labels");
        }
        return labels[index] & 0xFF;
    }

    /** Copies image {@code index}'s raw values (0..255, as floats) into {@code dst} from {@code dstOffset}. */
    public void copyExample(int index, float[] dst, int dstOffset) {
        int per = exampleSize();
        int base = index * per;
        for (int k = 0; k < per; k++) {
            dst[dstOffset + k] = pixels[base + k] & 0xFF;
        }
    }

    /** How many images carry each label. */
    public int[] labelCounts() {
        int[] counts = new int[numClasses];
        if (labels != null) {
            for (byte b : labels) {
                counts[b & 0xFF]++;
            }
        }
        return counts;
    }

    /** The mean raw pixel value over all images, in [0, 255]. */
    public double meanPixel() {
        long sum = 0;
        for (byte b : pixels) {
            sum += b & 0xFF;
        }
        return pixels.length == 0 ? 0.0 : (double) sum / pixels.length;
    }

    /** The images {@code [from, to)} as a new data set (copies the bytes). */
    public ImageDataset subset(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException(name + ": subset [" + from + ", " + to + ") is outside [0, " + size() + "]");
        }
        int per = exampleSize();
        byte[] p = Arrays.copyOfRange(pixels, from * per, to * per);
        byte[] l = labels == null ? null : Arrays.copyOfRange(labels, from, to);
        return new ImageDataset(name + "[" + from + ":" + to + "]", channels, height, width, p, l, numClasses);
    }

    /**
     * The images at {@code indices}, in that order, as a new data set (copies the bytes);
     * {@code label} is appended to the name, e.g. {@code "train"}.
     */
    public ImageDataset select(int[] indices, String label) {
        if (indices == null) {
            throw new IllegalArgumentException(name + ": indices must not be null");
        }
        int per = exampleSize();
        byte[] p = new byte[indices.length * per];
        byte[] l = labels == null ? null : new byte[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size()) {
                throw new IllegalArgumentException(name + ": index " + i + " is outside [0, " + size() + ")");
            }
            System.arraycopy(pixels, i * per, p, k * per, per);
            if (l != null) {
                l[k] = labels[i];
            }
        }
        return new ImageDataset(name + " (" + label + ")", channels, height, width, p, l, numClasses);
    }

    @Override
    public String toString() {
        return "ImageDataset[" + name + ", " + size() + " x " + channels + "x" + height + "x" + width
                + (labels == null ? ", unlabelled" : ", " + numClasses + " classes") + "]";
    }
}
