package io.artifex.models.autoregressive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.model.Batch;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.StepContext;
import io.artifex.core.random.Rng;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The likelihood against slow references: per-pixel conditionals, normalisation, bits/dim and the loss. */
@ExtendWith(SingleThreadedEngine.class)
class PixelCnnLikelihoodTest {

    private static final int H = 4;
    private static final int W = 3;
    private static final int C = 2;
    private static final int L = 6;

    @Test
    void probabilitiesOfEveryPixelSumToOne() {
        for (PixelCnnVariant variant : PixelCnnVariant.values()) {
            try (NDManager manager = NDManager.newBaseManager();
                 BasePixelCnn model = PixelCnnFixtures.create(PixelCnnFixtures.config(variant, H, W, C, 8, 3, 0, L), manager, 1)) {
                PixelCnnFixtures.randomize(model, 3, 0.5);
                NDArray x = PixelCnnFixtures.randomImages(manager, 3, C, H, W, L, 4);
                NDArray probs = model.pixelProbabilities(Batch.of(x), manager);
                assertThat(probs.getShape()).isEqualTo(new Shape(3, C, L, H, W));
                float[] sums = probs.sum(new int[] {2}).toFloatArray();
                assertThat(sums).hasSize(3 * C * H * W);
                for (float s : sums) {
                    assertThat(s).isCloseTo(1f, within(1e-5f));
                }
                assertThat(probs.min().getFloat()).isGreaterThan(0f);
            }
        }
    }

    @Test
    void logProbIsTheSumOfPerPixelConditionalsFromASlowReference() {
        for (PixelCnnInputEncoding encoding : PixelCnnInputEncoding.values()) {
            for (PixelCnnVariant variant : PixelCnnVariant.values()) {
                for (int classes : new int[] {0, 3}) {
                    logProbMatchesTheSlowReference(encoding, variant, classes);
                }
            }
        }
    }

    private static void logProbMatchesTheSlowReference(PixelCnnInputEncoding encoding, PixelCnnVariant variant,
                                                       int classes) {
        try (NDManager manager = NDManager.newBaseManager();
             BasePixelCnn model = PixelCnnFixtures.create(PixelCnnFixtures.config(variant, H, W, C, 8, 3,
                     classes, L).toBuilder().inputEncoding(encoding).build(), manager, 2)) {
            PixelCnnFixtures.randomize(model, 5, 0.4);
            int n = 2;
            NDArray x = PixelCnnFixtures.randomImages(manager, n, C, H, W, L, 6);
            NDArray labels = manager.create(new long[] {2, 0});
            Batch batch = classes > 0 ? Batch.of(x, labels) : Batch.of(x);
            float[] fast = model.logProb(batch, manager, new Rng(0)).toFloatArray();
            double[] slow = slowLogProb(model, x.toFloatArray(), n, classes > 0 ? new int[] {2, 0} : null, manager);
            for (int b = 0; b < n; b++) {
                assertThat((double) fast[b]).as("%s, %s, %d classes, image %d", encoding, variant, classes, b)
                        .isCloseTo(slow[b], within(2e-3 * Math.abs(slow[b]) + 1e-3));
            }
            float[] bits = model.bitsPerDim(batch, manager, new Rng(0)).toFloatArray();
            for (int b = 0; b < n; b++) {
                assertThat(bits[b]).isCloseTo((float) (-fast[b] / (C * H * W * Math.log(2))), within(1e-5f));
            }
            assertThat(model.isExact()).isTrue();
            // the training loss is the mean NLL per dimension; its terms are per example and in bits/dim
            StepContext ctx = new StepContext(manager, new ParameterStore(manager, false), new Rng(1), true, 0);
            LossResult loss = model.loss(batch, model.forward(batch, ctx), ctx);
            double meanNll = -(fast[0] + fast[1]) / 2.0;
            assertThat(loss.total().getFloat()).isCloseTo((float) (meanNll / (C * H * W)), within(1e-4f));
            assertThat(loss.terms().get("nll").getFloat()).isCloseTo((float) meanNll, within(2e-3f));
            assertThat(loss.terms().get("bitsPerDim").getFloat())
                    .isCloseTo((float) (meanNll / (C * H * W * Math.log(2))), within(1e-4f));
        }
    }

    @Test
    void uniformLogitsGiveLogOfTheLevelCountPerDimension() {
        try (NDManager manager = NDManager.newBaseManager();
             BasePixelCnn model = PixelCnnFixtures.create(
                     PixelCnnFixtures.config(PixelCnnVariant.PIXELCNN, H, W, 1, 8, 2, 0, 256), manager, 3)) {
            model.network().getParameters().values().forEach(p -> p.getArray().set(new float[(int) p.getArray().size()]));
            NDArray x = PixelCnnFixtures.randomImages(manager, 2, 1, H, W, 256, 8);
            float[] bits = model.bitsPerDim(Batch.of(x), manager, new Rng(0)).toFloatArray();
            assertThat(bits).containsExactly(new float[] {8f, 8f}, within(1e-4f));
        }
    }

    /**
     * For each pixel: a forward pass on a copy whose pixels at and after it hold fresh random
     * values (a causal model must not notice), then log-softmax in double precision at the target.
     */
    private static double[] slowLogProb(BasePixelCnn model, float[] images, int n, int[] labels, NDManager manager) {
        SplittableRandom random = new SplittableRandom(77);
        int plane = H * W;
        double[] total = new double[n];
        for (int p = 0; p < plane; p++) {
            float[] scrambled = images.clone();
            for (int b = 0; b < n; b++) {
                for (int ch = 0; ch < C; ch++) {
                    for (int q = p; q < plane; q++) {
                        scrambled[(b * C + ch) * plane + q] = random.nextInt(L) / (float) (L - 1);
                    }
                }
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(scrambled, new Shape(n, C, H, W));
                NDArray oneHot = null;
                if (labels != null) {
                    float[] oh = new float[n * 3];
                    for (int b = 0; b < n; b++) {
                        oh[b * 3 + labels[b]] = 1f;
                    }
                    oneHot = scope.create(oh, new Shape(n, 3));
                }
                float[] logits = model.logitsOf(x, oneHot, new ParameterStore(scope, false), false).toFloatArray();
                for (int b = 0; b < n; b++) {
                    for (int ch = 0; ch < C; ch++) {
                        double max = Double.NEGATIVE_INFINITY;
                        double[] z = new double[L];
                        for (int v = 0; v < L; v++) {
                            z[v] = logits[(((b * C + ch) * L + v) * H + p / W) * W + p % W];
                            max = Math.max(max, z[v]);
                        }
                        double sum = 0;
                        for (int v = 0; v < L; v++) {
                            sum += Math.exp(z[v] - max);
                        }
                        int level = Math.round(images[(b * C + ch) * plane + p] * (L - 1));
                        total[b] += z[level] - max - Math.log(sum);
                    }
                }
            }
        }
        return total;
    }
}
