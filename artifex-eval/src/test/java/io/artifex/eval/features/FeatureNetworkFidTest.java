package io.artifex.eval.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.data.EmbeddedMnist;
import io.artifex.data.ImageDataset;
import io.artifex.eval.metrics.ClassHistogram;
import io.artifex.eval.metrics.ClassifierScore;
import io.artifex.eval.metrics.FrechetDistance;
import io.artifex.eval.metrics.SampleQualityReport;
import io.artifex.eval.metrics.Samples;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped MNIST feature network: accuracy, checksum, and FID behaviour on real digits. */
class FeatureNetworkFidTest {

    private static final int N = 1000;
    private static FeatureExtractor extractor;
    private static float[] images;
    private static double[][] features;

    @BeforeAll
    static void load() {
        extractor = FeatureExtractor.mnist();
        images = ImageArrays.toUnitFloats(EmbeddedMnist.test(), 0, N);
        features = Samples.toDouble(extractor.features(images));
    }

    @AfterAll
    static void close() {
        extractor.close();
    }

    @Test
    void shippedClassifierReachesNinetyEightPercentOnTheEmbeddedTestDigits() {
        ImageDataset test = EmbeddedMnist.test();
        double accuracy = extractor.accuracy(test);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.98);
        assertThat(accuracy).isCloseTo(extractor.info().testAccuracy(), within(1e-9));
        assertThat(extractor.info().testSize()).isEqualTo(test.size());
    }

    @Test
    void tamperedParametersAreRejectedByTheChecksum() throws Exception {
        byte[] bytes;
        try (InputStream in = FeatureExtractor.class.getResourceAsStream("mnist-classifier.params")) {
            bytes = in.readAllBytes();
        }
        bytes[bytes.length - 3] ^= 1;
        assertThatThrownBy(() -> FeatureExtractor.load(bytes, extractor.info(), "tampered"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA-256");
    }

    @Test
    void ndarrayAndHostInputsGiveTheSameFeaturesAndProbabilitiesSumToOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] first = new float[8 * 784];
            System.arraycopy(images, 0, first, 0, first.length);
            NDArray x = m.create(first, new Shape(8, 1, 28, 28));
            float[][] f = extractor.features(x);
            assertThat(f).hasDimensions(8, 128);
            for (int i = 0; i < 8; i++) {
                assertThat(f[i]).containsExactly(toFloat(features[i]), within(1e-4f));
            }
            for (float[] p : extractor.probabilities(x)) {
                double s = 0;
                for (float v : p) {
                    s += v;
                }
                assertThat(s).isCloseTo(1, within(1e-5));
            }
            assertThatThrownBy(() -> extractor.features(m.create(new float[] {2f}, new Shape(1, 1))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(N, 1, 28, 28)");
            assertThatThrownBy(() -> extractor.features(x.mul(3f)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
        }
    }

    @Test
    void fidIsZeroAgainstItselfAndSmallBetweenShuffledHalves() {
        assertThat(FrechetDistance.between(features, features)).isLessThan(1e-6);
        int[] order = permutation(N, 3);
        double[][] a = new double[N / 2][];
        double[][] b = new double[N / 2][];
        for (int i = 0; i < N / 2; i++) {
            a[i] = features[order[i]];
            b[i] = features[order[N / 2 + i]];
        }
        double halves = FrechetDistance.between(a, b);
        double lightNoise = FrechetDistance.between(features, featuresOf(noisy(images, 0.1, 1)));
        assertThat(halves).isGreaterThan(0).isLessThan(lightNoise);
    }

    @Test
    void fidGrowsMonotonicallyWithGaussianNoiseAndWithBlur() {
        double previous = 0;
        for (double sigma : new double[] {0.05, 0.1, 0.2, 0.4}) {
            double fid = FrechetDistance.between(features, featuresOf(noisy(images, sigma, 7)));
            assertThat(fid).as("FID at noise %s", sigma).isGreaterThan(previous);
            previous = fid;
        }
        previous = 0;
        for (int radius = 1; radius <= 3; radius++) {
            double fid = FrechetDistance.between(features, featuresOf(blurred(images, radius)));
            assertThat(fid).as("FID at blur radius %s", radius).isGreaterThan(previous);
            previous = fid;
        }
    }

    @Test
    void classifierScoreIsNearTenForRealDigitsAndNearOneForARepeatedDigit() {
        double[][] p = Samples.toDouble(extractor.probabilities(images));
        assertThat(ClassifierScore.compute(p, 10).mean()).isGreaterThan(8.5);
        ClassHistogram h = ClassHistogram.of(p, 0.9);
        assertThat(h.confidentFraction()).isGreaterThanOrEqualTo(0.9);
        assertThat(h.allClassesWithin(0.05, 0.15)).isTrue();
        float[] repeated = new float[200 * 784];
        for (int i = 0; i < 200; i++) {
            System.arraycopy(images, 0, repeated, i * 784, 784);
        }
        double[][] q = Samples.toDouble(extractor.probabilities(repeated));
        assertThat(ClassifierScore.compute(q, 1).mean()).isCloseTo(1, within(1e-3));
    }

    @Test
    void sampleQualityReportCarriesTheCaveatEverywhere() {
        float[] generated = noisy(images, 0.2, 5);
        SampleQualityReport.Options options = new SampleQualityReport.Options(200, 10, 3, 5, 0.9, 1);
        SampleQualityReport clean = SampleQualityReport.compute(java.util.Arrays.copyOf(images, 500 * 784),
                java.util.Arrays.copyOfRange(images, 500 * 784, N * 784), extractor, options);
        SampleQualityReport noisy = SampleQualityReport.compute(java.util.Arrays.copyOf(generated, 500 * 784),
                java.util.Arrays.copyOfRange(images, 500 * 784, N * 784), extractor, options);
        assertThat(noisy.fid()).isGreaterThan(clean.fid());
        assertThat(noisy.kid()).isGreaterThan(clean.kid() + 2 * noisy.kidStandardError());
        assertThat(clean.precision()).isGreaterThan(0.5);
        assertThat(clean.recall()).isGreaterThan(0.5);
        assertThat(clean.featureNetwork()).isEqualTo("mnist");
        String caveat = "features from our MNIST classifier, not Inception: not comparable with published FIDs";
        assertThat(clean.toString()).contains(caveat);
        assertThat(SampleQualityReport.markdownHeader()).contains(caveat);
        assertThat(clean.toJson()).contains(caveat).contains("\"fid\"");
        assertThat(clean.toMarkdownRow()).startsWith("| mnist | 500 | 500 |");
        assertThat(clean.toMarkdownTable()).startsWith("> " + caveat).endsWith(clean.toMarkdownRow());
    }

    private static double[][] featuresOf(float[] x) {
        return Samples.toDouble(extractor.features(x));
    }

    private static float[] noisy(float[] x, double sigma, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] out = new float[x.length];
        for (int k = 0; k < x.length; k++) {
            out[k] = (float) Math.min(1, Math.max(0, x[k] + sigma * r.nextGaussian()));
        }
        return out;
    }

    /** A (2r+1)x(2r+1) box blur with zero padding, per image. */
    private static float[] blurred(float[] x, int radius) {
        float[] out = new float[x.length];
        int norm = (2 * radius + 1) * (2 * radius + 1);
        for (int base = 0; base < x.length; base += 784) {
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    float s = 0;
                    for (int dr = -radius; dr <= radius; dr++) {
                        for (int dc = -radius; dc <= radius; dc++) {
                            int rr = r + dr;
                            int cc = c + dc;
                            if (rr >= 0 && rr < 28 && cc >= 0 && cc < 28) {
                                s += x[base + rr * 28 + cc];
                            }
                        }
                    }
                    out[base + r * 28 + c] = s / norm;
                }
            }
        }
        return out;
    }

    private static int[] permutation(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = (float) v[k];
        }
        return out;
    }
}
