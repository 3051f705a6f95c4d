package io.artifex.models.vae.vq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.artifex.core.random.Rng;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The vector quantiser against plain-Java references: the nearest code by brute force, the
 * straight-through gradient against the decoder's gradient taken separately, the losses and the
 * moving-average update against their closed forms, and dead-code restarts with their
 * statistics reset.
 */
class VectorQuantizerTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private VectorQuantizer quantizer(int k, int d, float[] book) {
        VectorQuantizer q = new VectorQuantizer(k, d);
        q.initialize(manager, DataType.FLOAT32, new Shape(1, d, 1, 1));
        q.codebookArray().set(new NDIndex("..."), manager.create(book, new Shape(k, d)));
        q.syncStatisticsToCodebook();
        return q;
    }

    private static float[] randomFloats(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 4 - 2);
        }
        return v;
    }

    private static int bruteNearest(float[] x, int row, float[] book, int k, int d) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double diff = (double) x[row * d + j] - book[c * d + j];
                s += diff * diff;
            }
            if (s < bestDistance) {
                bestDistance = s;
                best = c;
            }
        }
        return best;
    }

    /** Planted bug caught: argMax instead of argMin (or distances summed over the wrong axis). */
    @Test
    void nearestCodeEqualsBruteForce() {
        SplittableRandom r = new SplittableRandom(7);
        int m = 200;
        int k = 9;
        int d = 5;
        float[] x = randomFloats(r, m * d);
        float[] book = randomFloats(r, k * d);
        long[] got = VectorQuantizer.nearest(manager.create(x, new Shape(m, d)), manager.create(book, new Shape(k, d)))
                .toLongArray();
        for (int i = 0; i < m; i++) {
            assertThat(got[i]).as("row %d", i).isEqualTo(bruteNearest(x, i, book, k, d));
        }
    }

    /**
     * The gradient w.r.t. ze through the straight-through output equals the decoder's gradient
     * w.r.t. zq taken on its own. Planted bug caught: {@code ze + (zq - ze)} without the stop
     * gradient (ze then gets a zero gradient).
     */
    @Test
    void straightThroughPassesTheDecoderGradientUnchanged() {
        SplittableRandom r = new SplittableRandom(3);
        int d = 3;
        VectorQuantizer q = quantizer(4, d, randomFloats(r, 4 * d));
        float[] zeValues = randomFloats(r, 2 * d * 2 * 2);
        float[] w = randomFloats(r, 2 * d * 2 * 2);
        Shape shape = new Shape(2, d, 2, 2);
        NDArray ze = manager.create(zeValues, shape);
        ze.setRequiresGradient(true);
        NDArray weights = manager.create(w, shape);
        float[] viaStraightThrough;
        float[] quantized;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            VectorQuantizer.Quantized out = q.quantize(ze, new ParameterStore(manager, false), true);
            // the decoder's input: zq up to the rounding of ze + (zq - ze)
            quantized = out.straightThrough().toFloatArray();
            assertThat(quantized).containsExactly(out.quantized().toFloatArray(), within(1e-6f));
            // a nonlinear "decoder" loss: sum(w * z^3)
            gc.backward(out.straightThrough().pow(3).mul(weights).sum());
            viaStraightThrough = ze.getGradient().toFloatArray();
        }
        NDArray zq = manager.create(quantized, shape);
        zq.setRequiresGradient(true);
        float[] direct;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(zq.pow(3).mul(weights).sum());
            direct = zq.getGradient().toFloatArray();
        }
        for (int i = 0; i < direct.length; i++) {
            assertThat(direct[i]).isNotZero();
            assertThat(viaStraightThrough[i]).as("element %d", i).isEqualTo(direct[i]);
            // the expected value 3 w zq^2, by hand
            assertThat((double) direct[i]).isCloseTo(3.0 * w[i] * quantized[i] * quantized[i], within(1e-4));
        }
    }

    /** Planted bug caught: the commitment loss measured against zq's own input (0) or summed, not averaged. */
    @Test
    void lossesEqualTheirHandComputedValues() {
        int d = 2;
        float[] book = {0, 0, 1, 1, -2, 3};
        VectorQuantizer q = quantizer(3, d, book);
        // (N=1, D=2, H=1, W=3): vectors (0.2, 0.1), (0.9, 1.4), (-1, 2.5)
        float[] ze = {0.2f, 0.9f, -1f, 0.1f, 1.4f, 2.5f};
        VectorQuantizer.Quantized out = q.quantize(manager.create(ze, new Shape(1, d, 1, 3)),
                new ParameterStore(manager, false), false);
        assertThat(out.indices().toLongArray()).containsExactly(0, 1, 2);
        double expected = (0.2 * 0.2 + 0.1 * 0.1 + 0.1 * 0.1 + 0.4 * 0.4 + 1 * 1 + 0.5 * 0.5) / 6;
        assertThat((double) out.codebookLoss().getFloat()).isCloseTo(expected, within(1e-6));
        assertThat((double) out.commitmentLoss().getFloat()).isCloseTo(expected, within(1e-6));
        assertThat(out.quantized().toFloatArray()).containsExactly(0, 1, -2, 0, 1, 3);
    }

    /**
     * Two moving-average updates against the closed form in double arithmetic, with a large
     * epsilon so that the Laplace smoothing shows. Planted bugs caught: no smoothing
     * (e = m / N), and the decay applied to the batch statistics instead of the old ones.
     */
    @Test
    void emaUpdatesEqualTheirClosedForm() {
        int k = 3;
        int d = 2;
        float[] book = {0, 0, 4, 4, -4, 4};
        VectorQuantizer q = quantizer(k, d, book);
        double decay = 0.8;
        double eps = 0.1;
        float[][] batches = {{0.5f, -0.5f, 1f, 0f, 3f, 5f, 5f, 3f}, {4f, 4.5f, -3f, 3f, 0f, 1f, 0f, 0f}};
        double[] n = {1, 1, 1};
        double[] m = {0, 0, 4, 4, -4, 4};
        for (float[] x : batches) {
            int rows = x.length / d;
            double[] counts = new double[k];
            double[] sums = new double[k * d];
            float[] current = q.codebookArray().toFloatArray();
            for (int i = 0; i < rows; i++) {
                int c = bruteNearest(x, i, current, k, d);
                counts[c]++;
                for (int j = 0; j < d; j++) {
                    sums[c * d + j] += x[i * d + j];
                }
            }
            NDArray flat = manager.create(x, new Shape(rows, d));
            NDArray oneHot = VectorQuantizer.nearest(flat, q.codebookArray()).oneHot(k);
            q.emaUpdate(flat, oneHot, decay, eps, true);
            double total = 0;
            for (int c = 0; c < k; c++) {
                n[c] = decay * n[c] + (1 - decay) * counts[c];
                total += n[c];
            }
            for (int i = 0; i < k * d; i++) {
                m[i] = decay * m[i] + (1 - decay) * sums[i];
            }
            float[] gotBook = q.codebookArray().toFloatArray();
            float[] gotN = q.clusterSizes();
            float[] gotM = q.embeddingSums();
            for (int c = 0; c < k; c++) {
                assertThat((double) gotN[c]).isCloseTo(n[c], within(1e-6));
                double smoothed = (n[c] + eps) / (total + k * eps) * total;
                for (int j = 0; j < d; j++) {
                    assertThat((double) gotM[c * d + j]).isCloseTo(m[c * d + j], within(1e-5));
                    assertThat((double) gotBook[c * d + j]).as("code %d dim %d", c, j)
                            .isCloseTo(m[c * d + j] / smoothed, within(1e-5));
                }
            }
        }
    }

    /**
     * Codes whose usage fell below the threshold get a row of the batch as their vector and fresh
     * statistics (N = 1, m = e); the others keep theirs. Planted bug caught: the vector replaced
     * but the stale cluster size and sum kept (the next update would drag the code back).
     */
    @Test
    void deadCodesAreRestartedWithTheirStatisticsReset() {
        int k = 4;
        int d = 2;
        VectorQuantizer q = quantizer(k, d, new float[] {0, 0, 1, 1, 50, 50, -50, 50});
        float[] x = {0.1f, 0f, 0f, 0.2f, 1f, 0.9f, 1.1f, 1f};
        NDArray flat = manager.create(x, new Shape(4, d));
        // two updates with decay 0.5 and no vector near codes 2 and 3: their usage drops to 0.25
        for (int i = 0; i < 2; i++) {
            q.emaUpdate(flat, VectorQuantizer.nearest(flat, q.codebookArray()).oneHot(k), 0.5, 1e-5, true);
        }
        float[] usage = q.clusterSizes();
        assertThat(usage[2]).isEqualTo(0.25f);
        assertThat(usage[3]).isEqualTo(0.25f);
        float[] liveBefore = q.codebookArray().toFloatArray();
        float[] liveSums = q.embeddingSums();
        int[] restarted = q.restartDeadCodes(flat, 0.5, new Rng(11));
        assertThat(restarted).containsExactly(2, 3);
        float[] book = q.codebookArray().toFloatArray();
        float[] n = q.clusterSizes();
        float[] m = q.embeddingSums();
        for (int c : restarted) {
            float[] code = {book[c * d], book[c * d + 1]};
            boolean isARow = false;
            for (int i = 0; i < 4; i++) {
                isARow |= code[0] == x[i * d] && code[1] == x[i * d + 1];
            }
            assertThat(isARow).as("code %d comes from an encoder output", c).isTrue();
            assertThat(n[c]).isEqualTo(1f);
            assertThat(m[c * d]).isEqualTo(code[0]);
            assertThat(m[c * d + 1]).isEqualTo(code[1]);
        }
        for (int c = 0; c < 2; c++) {
            assertThat(book[c * d]).isEqualTo(liveBefore[c * d]);
            assertThat(n[c]).isEqualTo(usage[c]);
            assertThat(m[c * d + 1]).isEqualTo(liveSums[c * d + 1]);
        }
    }

    /** Planted bug caught: centres left at their random starting rows (no Lloyd rounds). */
    @Test
    void kmeansInitialisationFindsTheClusterMeans() {
        int d = 2;
        VectorQuantizer q = quantizer(2, d, new float[] {0, 0, 0, 0});
        float[] x = {0, 0, 0.2f, 0, 0, 0.4f, 10, 10, 10.6f, 10, 10, 10.3f};
        q.kmeansInit(manager.create(x, new Shape(6, d)), 5, new Rng(1));
        float[] book = q.codebookArray().toFloatArray();
        int low = book[0] < 5 ? 0 : 1;
        assertThat((double) book[low * d]).isCloseTo(0.2 / 3, within(1e-6));
        assertThat((double) book[low * d + 1]).isCloseTo(0.4 / 3, within(1e-6));
        assertThat((double) book[(1 - low) * d]).isCloseTo(30.6 / 3, within(1e-5));
        assertThat((double) book[(1 - low) * d + 1]).isCloseTo(30.3 / 3, within(1e-5));
        assertThat(q.isInitialised()).isTrue();
        assertThat(q.clusterSizes()).containsExactly(1f, 1f);
    }
}
