package io.artifex.eval.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.artifex.data.audio.MuLaw;
import io.artifex.eval.audio.LinearPredictionBaseline.Residual;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The LPC baseline: a proper distribution over 256 ids, coefficient recovery, entropy of noise, a reference. */
class LinearPredictionBaselineTest {

    private static final List<int[]> TINY_TRAIN = List.of(new int[] {128, 140, 150, 145, 130, 120, 115, 125},
            new int[] {100, 110, 131, 160, 170, 150});
    private static final List<int[]> TINY_TEST = List.of(new int[] {128, 135, 140, 120, 119});

    // planted bug caught: id 255's interval ending at +1 (or id 0's at -1) instead of reaching infinity
    @Test
    void massesOverThe256IdsSumToOne() {
        for (Residual residual : Residual.values()) {
            LinearPredictionBaseline lpc = LinearPredictionBaseline.fit(TINY_TRAIN, 2, residual);
            for (double prediction : new double[] {0, 0.003, -0.2, 0.97, -1.5, 3}) {
                double[] p = lpc.probabilities(prediction);
                assertThat(p).hasSize(256);
                double sum = 0;
                for (double v : p) {
                    assertThat(v).isGreaterThanOrEqualTo(LinearPredictionBaseline.FLOOR);
                    sum += v;
                }
                assertThat(sum).as("%s at %s", residual, prediction).isCloseTo(1.0, within(1e-12));
            }
        }
    }

    // planted bug caught: a sign slip in the Levinson-Durbin update (a_j + k a_{i-j}), which breaks order 2 and up
    @Test
    void recoversTheCoefficientsOfAnAr2Process() {
        List<int[]> clips = new ArrayList<>();
        Random rng = new Random(7);
        for (int n = 0; n < 3; n++) {
            float[] x = new float[8000];
            double x1 = 0;
            double x2 = 0;
            for (int t = 0; t < x.length; t++) {
                double v = 1.5 * x1 - 0.7 * x2 + 0.02 * rng.nextGaussian();
                x[t] = (float) v;
                x2 = x1;
                x1 = v;
            }
            clips.add(MuLaw.MU_255.encode(x));
        }
        double[] a2 = LinearPredictionBaseline.fit(clips, 2, Residual.LAPLACE).coefficients();
        assertThat(a2[0]).isCloseTo(1.5, within(0.02));
        assertThat(a2[1]).isCloseTo(-0.7, within(0.02));
        double[] a4 = LinearPredictionBaseline.fit(clips, 4, Residual.LAPLACE).coefficients();
        assertThat(a4[0]).isCloseTo(1.5, within(0.03));
        assertThat(a4[1]).isCloseTo(-0.7, within(0.03));
        assertThat(a4[2]).isCloseTo(0, within(0.03));
        assertThat(a4[3]).isCloseTo(0, within(0.03));
    }

    // planted bugs caught: the mass of id c taken from id c-1's interval; the floor added without the (1 - 256 eps) factor
    @Test
    void whiteNoiseCostsAboutTheEntropyOfItsQuantisedDistribution() {
        Random rng = new Random(11);
        List<int[]> train = List.of(MuLaw.MU_255.encode(laplaceNoise(rng, 40_000, 0.05)));
        int[] test = MuLaw.MU_255.encode(laplaceNoise(rng, 40_000, 0.05));
        LinearPredictionBaseline lpc = LinearPredictionBaseline.fit(train, 4, Residual.LAPLACE);
        double bits = lpc.score(List.of(test)).bitsPerSample();
        // the plug-in entropy of the held-out ids (scored positions 1..), independent of the model
        long[] counts = new long[256];
        for (int t = 1; t < test.length; t++) {
            counts[test[t]]++;
        }
        double entropy = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = c / (double) (test.length - 1);
                entropy -= p * Math.log(p) / Math.log(2);
            }
        }
        assertThat(entropy).isBetween(6.0, 7.9);
        assertThat(bits).isCloseTo(entropy, within(0.02));
        assertThat(lpc.scale()).isCloseTo(0.05, within(0.002));
    }

    // planted bugs caught: the first sample scored; the Laplace scale fitted as a standard deviation
    @Test
    void matchesAnIndependentReferenceOnATinyCase() {
        // numbers from numpy/scipy: Toeplitz solve of r[0..2], scipy.stats.laplace/logistic cdf on the
        // interval of each id, the logistic scale by scipy's bounded minimiser of the negative log-likelihood
        LinearPredictionBaseline laplace = LinearPredictionBaseline.fit(TINY_TRAIN, 2, Residual.LAPLACE);
        assertThat(laplace.coefficients()).containsExactly(new double[] {0.90485896, -0.49638661}, within(1e-8));
        assertThat(laplace.scale()).isCloseTo(0.003334444791784377, within(1e-15));
        AudioBits bits = laplace.score(TINY_TEST);
        assertThat(bits.samples()).isEqualTo(4);
        assertThat(bits.nats()).isCloseTo(15.28362877138595, within(1e-9));
        LinearPredictionBaseline logistic = LinearPredictionBaseline.fit(TINY_TRAIN, 2, Residual.LOGISTIC);
        assertThat(logistic.scale()).isCloseTo(0.0025917358091899273, within(1e-9));
        assertThat(logistic.score(TINY_TEST).nats()).isCloseTo(15.447660757725068, within(1e-5));
    }

    @Test
    void badInputIsRefusedWithARule() {
        assertThatThrownBy(() -> LinearPredictionBaseline.fit(List.of(new int[] {3, 256}), 2, Residual.LAPLACE))
                .hasMessageContaining("training clip 0 holds id 256 at sample 1; mu-law ids must be in 0..255");
        assertThatThrownBy(() -> LinearPredictionBaseline.fit(TINY_TRAIN, 0, Residual.LAPLACE))
                .hasMessageContaining("LPC order must be in 1..1024, got 0");
        assertThatThrownBy(() -> LinearPredictionBaseline.fit(List.of(new int[] {5}), 1, Residual.LAPLACE))
                .hasMessageContaining("no sample at or after position 1");
        LinearPredictionBaseline lpc = LinearPredictionBaseline.fit(TINY_TRAIN, 1, Residual.LAPLACE);
        assertThatThrownBy(() -> lpc.score(List.of(new int[0]), "test")).hasMessageContaining("test clip 0 is empty");
        assertThatThrownBy(() -> lpc.probability(-1, 0)).hasMessageContaining("mu-law id must be in 0..255, got -1");
    }

    private static float[] laplaceNoise(Random rng, int n, double b) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble() - 0.5;
            x[i] = (float) (-b * Math.signum(u) * Math.log(1 - 2 * Math.abs(u)));
        }
        return x;
    }
}
