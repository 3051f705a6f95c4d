package io.artifex.data.folder;

import io.artifex.data.ImageDataset;

/**
 * How images are scaled to a chosen size. Both filters act separately on rows and columns, use
 * pixel centres at {@code i + 0.5}, and weigh source pixels so that every output pixel's weights
 * sum to 1; both antialias when shrinking. Values are rounded to the nearest byte.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum Resize {
    /**
     * The triangle (bilinear) filter, widened by the shrink factor when shrinking so that every
     * source pixel contributes (antialiasing, like Pillow's {@code BILINEAR} and PyTorch's
     * {@code interpolate(mode="bilinear", antialias=True)}); when enlarging it is plain bilinear
     * interpolation between the two nearest source pixels, edges clamped
     * ({@code align_corners=False}). Smooth; the better choice for enlarging.
     */
    BILINEAR,
    /**
     * Area averaging (a box filter): each output pixel is the mean of the source area it covers,
     * partial pixels weighted by their overlap (like OpenCV's {@code INTER_AREA} and PyTorch's
     * {@code adaptive_avg_pool} for integer ratios). The default: exact for shrinking; when
     * enlarging it repeats pixels and blends only at their borders (blocky).
     */
    AREA;

    /** The source pixels {@code start .. start + weights.length - 1} and their weights for one output pixel. */
    record Kernel(int start, double[] weights) {
    }

    /** Channel values of one source row: {@code dst[c][x]} for every channel {@code c} and column {@code x}. */
    interface Rows {
        void read(int y, double[][] dst);
    }

    /** The kernels that map {@code in} source pixels of one axis to {@code out} target pixels. */
    Kernel[] kernels(int in, int out) {
        Kernel[] kernels = new Kernel[out];
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            if (this == BILINEAR) {
                double support = Math.max(scale, 1.0);
                double centre = (o + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(centre - support));
                int hi = Math.min(in, (int) Math.ceil(centre + support));
                double[] w = new double[hi - lo];
                double sum = 0; // > 0: the pixel under the centre is within half a pixel of it
                for (int i = lo; i < hi; i++) {
                    double t = Math.max(0.0, 1.0 - Math.abs(i + 0.5 - centre) / support);
                    w[i - lo] = t;
                    sum += t;
                }
                for (int k = 0; k < w.length; k++) {
                    w[k] /= sum;
                }
                kernels[o] = new Kernel(lo, w);
            } else {
                double lo = o * scale;
                double hi = (o + 1) * scale;
                int first = (int) Math.floor(lo);
                int last = Math.min(in, (int) Math.ceil(hi));
                double[] w = new double[last - first];
                for (int i = first; i < last; i++) {
                    double overlap = Math.min(hi, i + 1) - Math.max(lo, i);
                    w[i - first] = overlap > 0 ? overlap / scale : 0.0;
                }
                kernels[o] = new Kernel(first, w);
            }
        }
        return kernels;
    }

    /**
     * Resamples an image given row by row ({@code channels x h x w} values in [0, 255]) to
     * {@code channels x oh x ow} bytes (CHW). Holds two rows of the source at a time, so a large
     * image costs no more than its decoded raster.
     */
    byte[] resample(Rows rows, int channels, int h, int w, int oh, int ow) {
        Kernel[] ky = kernels(h, oh);
        Kernel[] kx = kernels(w, ow);
        double[][] row = new double[channels][w];
        double[][] acc = new double[channels][w];
        byte[] out = new byte[channels * oh * ow];
        int loaded = -1;
        for (int o = 0; o < oh; o++) {
            for (double[] a : acc) {
                java.util.Arrays.fill(a, 0.0);
            }
            Kernel k = ky[o];
            for (int j = 0; j < k.weights().length; j++) {
                double weight = k.weights()[j];
                if (weight == 0) {
                    continue;
                }
                int y = k.start() + j;
                if (y != loaded) {
                    rows.read(y, row);
                    loaded = y;
                }
                for (int c = 0; c < channels; c++) {
                    double[] a = acc[c];
                    double[] r = row[c];
                    for (int x = 0; x < w; x++) {
                        a[x] += weight * r[x];
                    }
                }
            }
            for (int c = 0; c < channels; c++) {
                double[] a = acc[c];
                int base = c * oh * ow + o * ow;
                for (int q = 0; q < ow; q++) {
                    Kernel kq = kx[q];
                    double s = 0;
                    for (int i = 0; i < kq.weights().length; i++) {
                        s += kq.weights()[i] * a[kq.start() + i];
                    }
                    out[base + q] = (byte) Math.max(0, Math.min(255, (int) Math.round(s)));
                }
            }
        }
        return out;
    }

    /**
     * Converts one row of {@code src.length} channels to {@code dst.length} channels: the same
     * count is copied, RGB to grey takes ITU-R 601 luma {@code 0.299 R + 0.587 G + 0.114 B},
     * grey to RGB repeats the grey value.
     */
    static void convert(double[][] src, double[][] dst, int w) {
        if (src.length == dst.length) {
            for (int c = 0; c < src.length; c++) {
                System.arraycopy(src[c], 0, dst[c], 0, w);
            }
        } else if (dst.length == 1) {
            for (int x = 0; x < w; x++) {
                dst[0][x] = 0.299 * src[0][x] + 0.587 * src[1][x] + 0.114 * src[2][x];
            }
        } else {
            for (double[] d : dst) {
                System.arraycopy(src[0], 0, d, 0, w);
            }
        }
    }

    /**
     * {@code data} with every image converted to {@code channels} (1 or 3, see
     * {@link ImageFolderDataset} for the rules) and resized to {@code height x width} with this
     * filter; labels are kept. Returns {@code data} itself when nothing changes.
     *
     * @throws IllegalArgumentException when {@code channels} is not 1 or 3, a size is not positive,
     *         or {@code data} has other than 1 or 3 channels and a conversion is asked for
     */
    public ImageDataset apply(ImageDataset data, int channels, int height, int width) {
        if (data == null) {
            throw new IllegalArgumentException("resize: data set must not be null");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("resize of " + data.name() + ": channels must be 1 or 3, got " + channels);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("resize of " + data.name() + ": size must be positive, got "
                    + height + "x" + width);
        }
        int sc = data.channels();
        int h = data.height();
        int w = data.width();
        if (sc == channels && h == height && w == width) {
            return data;
        }
        if (sc != channels && sc != 1 && sc != 3) {
            throw new IllegalArgumentException("resize of " + data.name() + ": cannot convert " + sc
                    + " channels to " + channels + " (only 1 <-> 3)");
        }
        int n = data.size();
        int per = channels * height * width;
        if ((long) n * per > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("resize of " + data.name() + ": " + n + " images of " + channels
                    + "x" + height + "x" + width + " need more than 2 GiB");
        }
        byte[] pixels = new byte[n * per];
        double[][] src = new double[sc][w];
        for (int i = 0; i < n; i++) {
            final int image = i;
            Rows rows = (y, dst) -> {
                for (int c = 0; c < sc; c++) {
                    int base = c * h * w + y * w;
                    for (int x = 0; x < w; x++) {
                        src[c][x] = data.pixel(image, base + x);
                    }
                }
                convert(src, dst, w);
            };
            byte[] one = resample(rows, channels, h, w, height, width);
            System.arraycopy(one, 0, pixels, i * per, per);
        }
        byte[] labels = null;
        if (data.hasLabels()) {
            labels = new byte[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (byte) data.label(i);
            }
        }
        return ImageDataset.of(data.name() + " at " + channels + "x" + height + "x" + width, channels, height, width,
                pixels, labels, Math.max(1, data.numClasses()));
    }
}
