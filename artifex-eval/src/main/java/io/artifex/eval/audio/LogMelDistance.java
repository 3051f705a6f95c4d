package io.artifex.eval.audio;

import io.artifex.eval.metrics.FrechetDistance;
import java.util.ArrayList;
import java.util.List;

/**
 * Distances between a set of generated clips and a set of real clips, in log-mel terms
 * ({@link LogMelSpectrogram}, dB).
 *
 * <ul>
 *   <li><b>Profile distance</b> ({@link #profileDistance}): the log-mel profile of a set is the mean
 *       log-mel vector over every frame of every clip, {@code P[m] = mean_frames L[frame][m]} (dB,
 *       one value per band); the distance is the mean absolute difference of the two profiles over
 *       the bands, {@code (1 / nMels) sum_m |P_gen[m] - P_real[m]|}, in dB. It is 0 for identical
 *       sets, does not depend on clip order or count, and grows as the spectral envelope moves
 *       (a shifted pitch, missing high frequencies, noise where speech has formants).</li>
 *   <li><b>Frame Frechet distance</b> ({@link #frameFrechet}): the squared Frechet distance between
 *       Gaussians fitted to the per-frame log-mel vectors of the two sets ({@link FrechetDistance},
 *       dB squared), which also compares how frames vary; it needs at least two frames a set, and many
 *       more than {@code nMels} for a stable covariance.</li>
 * </ul>
 *
 * Thread-safety: stateless and thread-safe.
 */
public final class LogMelDistance {

    private LogMelDistance() {
    }

    /**
     * The log-mel profile of {@code clips}: the mean over all their frames of the log-mel vector, dB.
     *
     * @param what names the set in errors, e.g. "generated"
     * @throws IllegalArgumentException for no clips or an empty clip
     */
    public static double[] profile(List<float[]> clips, LogMelSpectrogram mel, String what) {
        checkClips(clips, what);
        double[] sum = new double[mel.nMels()];
        long frames = 0;
        for (float[] clip : clips) {
            for (double[] frame : mel.logMel(clip)) {
                for (int m = 0; m < sum.length; m++) {
                    sum[m] += frame[m];
                }
                frames++;
            }
        }
        for (int m = 0; m < sum.length; m++) {
            sum[m] /= frames;
        }
        return sum;
    }

    /**
     * The profile distance between {@code generated} and {@code real}, dB: the mean over mel bands of
     * the absolute difference of their {@link #profile}s.
     *
     * @throws IllegalArgumentException naming the set that is empty or holds an empty clip
     */
    public static double profileDistance(List<float[]> generated, List<float[]> real, LogMelSpectrogram mel) {
        double[] g = profile(generated, mel, "generated");
        double[] r = profile(real, mel, "real");
        double sum = 0;
        for (int m = 0; m < g.length; m++) {
            sum += Math.abs(g[m] - r[m]);
        }
        return sum / g.length;
    }

    /**
     * The squared Frechet distance between Gaussians fitted to the per-frame log-mel vectors of
     * {@code generated} and of {@code real}, dB squared.
     *
     * @throws IllegalArgumentException naming the set that is empty, holds an empty clip or has fewer than 2 frames
     */
    public static double frameFrechet(List<float[]> generated, List<float[]> real, LogMelSpectrogram mel) {
        return FrechetDistance.between(frames(generated, mel, "generated"), frames(real, mel, "real"));
    }

    private static double[][] frames(List<float[]> clips, LogMelSpectrogram mel, String what) {
        checkClips(clips, what);
        List<double[]> out = new ArrayList<>();
        for (float[] clip : clips) {
            for (double[] frame : mel.logMel(clip)) {
                out.add(frame);
            }
        }
        if (out.size() < 2) {
            throw new IllegalArgumentException("log-mel Frechet distance: the " + what + " clips give " + out.size()
                    + " frame(s); at least 2 are needed");
        }
        return out.toArray(new double[0][]);
    }

    private static void checkClips(List<float[]> clips, String what) {
        if (clips == null || clips.isEmpty()) {
            throw new IllegalArgumentException("log-mel distance: no " + what + " clips given");
        }
        for (int i = 0; i < clips.size(); i++) {
            if (clips.get(i) == null || clips.get(i).length == 0) {
                throw new IllegalArgumentException("log-mel distance: " + what + " clip " + i + " is empty");
            }
        }
    }
}
