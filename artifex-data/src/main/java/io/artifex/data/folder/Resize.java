package io.artifex.data.folder;

/**
 * How {@link ImageFolderDataset} scales an image to the chosen size. Both act separately on rows
 * and columns and use pixel centres at {@code i + 0.5}.
 */
public enum Resize {
    /**
     * Bilinear interpolation (half-pixel centres, edge clamped, no antialiasing), like
     * PyTorch's {@code interpolate(mode="bilinear", align_corners=False)}. Good for enlarging;
     * aliases when shrinking by much more than 2x.
     */
    BILINEAR,
    /**
     * Area averaging: each output pixel is the mean of the source area it covers, partial
     * pixels weighted by their overlap (like OpenCV's {@code INTER_AREA} and PyTorch's
     * {@code adaptive_avg_pool} for integer ratios). The default: exact for shrinking.
     */
    AREA;

    /**
     * The dense {@code out x in} matrix that maps one row (or column) of {@code in} source
     * pixels to {@code out} target pixels; every row sums to 1.
     */
    double[][] weights(int in, int out) {
        double[][] w = new double[out][in];
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            if (this == BILINEAR) {
                double src = Math.min(Math.max((o + 0.5) * scale - 0.5, 0.0), in - 1);
                int i0 = (int) Math.floor(src);
                int i1 = Math.min(i0 + 1, in - 1);
                double t = src - i0;
                w[o][i0] += 1 - t;
                w[o][i1] += t;
            } else {
                double lo = o * scale;
                double hi = (o + 1) * scale;
                for (int i = (int) Math.floor(lo); i < Math.min(in, (int) Math.ceil(hi)); i++) {
                    double overlap = Math.min(hi, i + 1) - Math.max(lo, i);
                    if (overlap > 0) {
                        w[o][i] = overlap / scale;
                    }
                }
            }
        }
        return w;
    }

    /**
     * Resizes one channel plane {@code src} ({@code h x w}, row-major) to {@code oh x ow},
     * rounding to the nearest integer in [0, 255].
     */
    byte[] apply(double[] src, int h, int w, int oh, int ow) {
        double[][] wy = weights(h, oh);
        double[][] wx = weights(w, ow);
        double[] rows = new double[oh * w];
        for (int o = 0; o < oh; o++) {
            for (int i = 0; i < h; i++) {
                double k = wy[o][i];
                if (k != 0) {
                    for (int x = 0; x < w; x++) {
                        rows[o * w + x] += k * src[i * w + x];
                    }
                }
            }
        }
        byte[] out = new byte[oh * ow];
        for (int o = 0; o < oh; o++) {
            for (int q = 0; q < ow; q++) {
                double s = 0;
                for (int x = 0; x < w; x++) {
                    s += wx[q][x] * rows[o * w + x];
                }
                out[o * ow + q] = (byte) Math.max(0, Math.min(255, (int) Math.round(s)));
            }
        }
        return out;
    }
}
