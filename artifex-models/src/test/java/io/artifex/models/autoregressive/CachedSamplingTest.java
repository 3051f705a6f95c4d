package io.artifex.models.autoregressive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.random.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cached sampler against the whole network: the same logits at every pixel as a full pass,
 * and the same images for the same seed as the naive sampler (both variants, with and without
 * labels, temperature != 1, drawing from pixel 0, from a row start and from inside a row).
 */
@ExtendWith(SingleThreadedEngine.class)
class CachedSamplingTest {

    private static final int H = 6;
    private static final int W = 6;
    private static final int C = 2;
    private static final int L = 5;
    private static final int CLASSES = 3;
    private static final int N = 3;

    private static BasePixelCnn model(PixelCnnVariant variant, int classes, NDManager manager) {
        BasePixelCnn model = PixelCnnFixtures.create(PixelCnnFixtures.config(variant, H, W, C, 6, 3, classes, L),
                manager, 1);
        PixelCnnFixtures.randomize(model, 2, 0.4);
        return model;
    }

    /** Row-major one-hot rows for labels 0, 1, 2, 0, ... */
    private static float[] oneHot(int n) {
        float[] out = new float[n * CLASSES];
        for (int b = 0; b < n; b++) {
            out[b * CLASSES + b % CLASSES] = 1f;
        }
        return out;
    }

    @Test
    void cachedLogitsEqualAFullPassAtEveryDrawnPixelWithFlatMemory() {
        for (PixelCnnVariant variant : PixelCnnVariant.values()) {
            for (int classes : new int[] {0, CLASSES}) {
                try (NDManager manager = NDManager.newBaseManager();
                     BasePixelCnn model = model(variant, classes, manager)) {
                    NDArray images = PixelCnnFixtures.randomImages(manager, N, C, H, W, L, 3);
                    float[] pixels = images.toFloatArray();
                    float[] labels = classes == 0 ? null : oneHot(N);
                    NDArray labelArray = labels == null ? null : manager.create(labels, new Shape(N, CLASSES));
                    // reference: one pass of the whole network over the complete images; causality makes
                    // its logits at p those given the pixels before p, whatever the pixels after p hold
                    float[] full = model.logitsOf(images, labelArray, new ParameterStore(manager, false), false)
                            .toFloatArray();
                    int modelArrays = model.manager().getManagedArrays().size();
                    // from pixel 0, from a row start, from inside a row: the known pixels must reach the caches
                    for (int start : new int[] {0, 2 * W, 3 * W + 2}) {
                        String what = variant + (classes == 0 ? "" : ", conditional") + ", start " + start;
                        List<Integer> visited = new ArrayList<>();
                        Map<Integer, Set<Integer>> arraysByColumn = new HashMap<>();
                        try (NDManager parent = manager.newSubManager()) {
                            // teacher forcing: every pixel is "drawn" as the reference image's own value
                            new PixelSampler(model, N, labels, PixelSampler.Mode.CACHED).fill(pixels.clone(),
                                    start, (row, col, logits) -> {
                                        float[] cached = logits.toFloatArray();
                                        long[] levels = new long[N * C];
                                        for (int k = 0; k < N * C * L; k++) {
                                            assertThat(cached[k]).as("%s: logit %d at (%d, %d)", what, k, row, col)
                                                    .isCloseTo(full[(k * H + row) * W + col], within(1e-4f));
                                        }
                                        for (int k = 0; k < N * C; k++) {
                                            levels[k] = Math.round(pixels[(k * H + row) * W + col] * (L - 1));
                                        }
                                        visited.add(row * W + col);
                                        arraysByColumn.computeIfAbsent(col, q -> new HashSet<>())
                                                .add(parent.getManagedArrays().size());
                                        return levels;
                                    }, parent);
                        }
                        assertThat(visited).as(what).containsExactlyElementsOf(
                                IntStream.range(start, H * W).boxed().toList());
                        // what a row holds grows along the row; the same column holds as much in every row
                        arraysByColumn.forEach((col, counts) -> assertThat(counts)
                                .as("%s: arrays held at column %d in each row", what, col).hasSize(1));
                    }
                    assertThat(model.manager().getManagedArrays()).hasSize(modelArrays);
                }
            }
        }
    }

    @Test
    void generateDrawsTheSameImagesAsTheNaiveSamplerForTheSameSeed() {
        for (PixelCnnVariant variant : PixelCnnVariant.values()) {
            for (int classes : new int[] {0, CLASSES}) {
                try (NDManager manager = NDManager.newBaseManager();
                     BasePixelCnn model = model(variant, classes, manager)) {
                    float[] labels = classes == 0 ? null : oneHot(N);
                    float[] cached = classes == 0
                            ? ((PixelCnn) model).generate(N, 0.7, manager, new Rng(11)).toFloatArray()
                            : ((ConditionalPixelCnn) model).generate(manager.create(new long[] {0, 1, 2}), 0.7,
                                    manager, new Rng(11)).toFloatArray();
                    float[] naive = new PixelSampler(model, N, labels, PixelSampler.Mode.NAIVE)
                            .run(new float[N * C * H * W], 0, 0.7, manager, new Rng(11)).toFloatArray();
                    String what = variant + (classes == 0 ? "" : ", conditional");
                    assertThat(cached).as(what).containsExactly(naive);
                    assertThat(IntStream.range(0, cached.length).mapToObj(i -> cached[i]).distinct().count())
                            .as("%s: varied samples", what).isGreaterThan(2);
                }
            }
        }
    }

    @Test
    void completionFromARowStartAndFromInsideARowMatchesTheNaiveSampler() {
        for (PixelCnnVariant variant : PixelCnnVariant.values()) {
            for (int classes : new int[] {0, CLASSES}) {
                try (NDManager manager = NDManager.newBaseManager();
                     BasePixelCnn model = model(variant, classes, manager)) {
                    NDArray images = PixelCnnFixtures.randomImages(manager, N, C, H, W, L, 4);
                    float[] labels = classes == 0 ? null : oneHot(N);
                    NDArray labelArray = manager.create(new long[] {0, 1, 2});
                    String what = variant + (classes == 0 ? "" : ", conditional");
                    // through the public API: rows 0..1 kept, drawn from pixel 2 * W
                    float[] cached = classes == 0
                            ? ((PixelCnn) model).complete(images, 2, 1.3, manager, new Rng(5)).toFloatArray()
                            : ((ConditionalPixelCnn) model).complete(images, labelArray, 2, 1.3, manager, new Rng(5))
                                    .toFloatArray();
                    float[] naive = new PixelSampler(model, N, labels, PixelSampler.Mode.NAIVE)
                            .run(Sampling.canvas(model, images, 2, manager), 2 * W, 1.3, manager, new Rng(5))
                            .toFloatArray();
                    assertThat(cached).as(what).containsExactly(naive);
                    // from inside a row: the known pixels of that row feed the cache before the draws
                    int start = 3 * W + 2;
                    float[] fromCache = new PixelSampler(model, N, labels, PixelSampler.Mode.CACHED)
                            .run(images.toFloatArray(), start, 1.3, manager, new Rng(6)).toFloatArray();
                    float[] fromNaive = new PixelSampler(model, N, labels, PixelSampler.Mode.NAIVE)
                            .run(images.toFloatArray(), start, 1.3, manager, new Rng(6)).toFloatArray();
                    assertThat(fromCache).as("%s, start %d", what, start).containsExactly(fromNaive);
                    float[] original = images.toFloatArray();
                    for (int plane = 0; plane < N * C; plane++) {
                        int from = plane * H * W;
                        assertThat(Arrays.copyOfRange(fromCache, from, from + start))
                                .containsExactly(Arrays.copyOfRange(original, from, from + start));
                    }
                }
            }
        }
    }

    @Test
    void theSystemPropertyChoosesTheSamplerAndRejectsOtherNames() {
        String key = PixelSampler.Mode.PROPERTY;
        String before = System.getProperty(key);
        try {
            System.clearProperty(key);
            assertThat(PixelSampler.Mode.configured()).isEqualTo(PixelSampler.Mode.CACHED);
            System.setProperty(key, "Naive");
            assertThat(PixelSampler.Mode.configured()).isEqualTo(PixelSampler.Mode.NAIVE);
            System.setProperty(key, "fast");
            assertThatThrownBy(PixelSampler.Mode::configured).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("system property artifex.pixelcnn.sampler must be 'cached' or 'naive', got 'fast'");
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
