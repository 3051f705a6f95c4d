package io.artifex.eval.audio;

import io.artifex.core.image.ImageGrid;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Spectrogram pictures: one column of {@code scale} pixels per frame, one row of {@code scale}
 * pixels per band, the lowest band at the bottom. Levels are shown over a fixed range of
 * {@value #RANGE_DB} dB below the loudest cell (quieter cells are black), through a
 * black-purple-red-orange-yellow colour ramp ("magma"-like; brighter is louder). Thread-safety: stateless and
 * thread-safe.
 */
public final class SpectrogramImage {

    /** The dB range shown below the loudest cell (librosa's usual {@code top_db}). */
    public static final double RANGE_DB = 80;

    /** The largest picture side in pixels. */
    public static final int MAX_SIDE = 16_384;

    /** Colour ramp stops, from silence to the loudest cell. */
    private static final int[][] RAMP = {
        {0, 0, 4}, {59, 15, 112}, {140, 41, 129}, {222, 73, 104}, {254, 159, 109}, {252, 253, 191}};

    private SpectrogramImage() {
    }

    /**
     * The picture of a spectrogram {@code [frame][band]} in dB (e.g. {@link LogMelSpectrogram#logMel}).
     *
     * @param scale pixels per frame and per band, 1 to 16
     * @throws IllegalArgumentException for an empty or ragged spectrogram, a bad scale, or a picture over
     *         {@value #MAX_SIDE} pixels a side
     */
    public static BufferedImage toImage(double[][] db, int scale) {
        if (db == null || db.length == 0 || db[0].length == 0) {
            throw new IllegalArgumentException("spectrogram image: the spectrogram has no frames or no bands");
        }
        if (scale < 1 || scale > 16) {
            throw new IllegalArgumentException("spectrogram image: scale must be in 1..16, got " + scale);
        }
        int frames = db.length;
        int bands = db[0].length;
        if ((long) frames * scale > MAX_SIDE || (long) bands * scale > MAX_SIDE) {
            throw new IllegalArgumentException("spectrogram image: " + frames + " frames x " + bands + " bands at scale "
                    + scale + " exceed " + MAX_SIDE + " pixels a side");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < frames; f++) {
            if (db[f].length != bands) {
                throw new IllegalArgumentException("spectrogram image: frame " + f + " has " + db[f].length
                        + " bands, frame 0 has " + bands);
            }
            for (double v : db[f]) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        BufferedImage image = new BufferedImage(frames * scale, bands * scale, BufferedImage.TYPE_INT_RGB);
        for (int f = 0; f < frames; f++) {
            for (int m = 0; m < bands; m++) {
                double v = db[f][m];
                double level = Double.isFinite(v) && Double.isFinite(max) ? (v - (max - RANGE_DB)) / RANGE_DB : 0;
                int rgb = colour(Math.max(0, Math.min(1, level)));
                int y0 = (bands - 1 - m) * scale;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(f * scale + dx, y0 + dy, rgb);
                    }
                }
            }
        }
        return image;
    }

    /**
     * Writes the picture of {@code db} ({@link #toImage}) to {@code file} as PNG, atomically.
     *
     * @throws IOException naming the file when it cannot be written
     */
    public static void writePng(double[][] db, int scale, Path file) throws IOException {
        ImageGrid.writePng(toImage(db, scale), file);
    }

    /** The ramp colour of a level in [0, 1], as 0xRRGGBB. */
    static int colour(double level) {
        double pos = level * (RAMP.length - 1);
        int i = Math.min(RAMP.length - 2, (int) pos);
        double t = pos - i;
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
            int v = (int) Math.round(RAMP[i][c] + t * (RAMP[i + 1][c] - RAMP[i][c]));
            rgb = (rgb << 8) | v;
        }
        return rgb;
    }
}
