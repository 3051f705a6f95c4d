package io.artifex.models.autoregressive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code oneHot} input encoding: the input is {@code C * L} indicator channels, the masks
 * keep every output blind to its own and later pixels in all of them, the cached sampler equals
 * the naive one, and the config reads and defaults as documented. (The exact likelihood with this
 * encoding is checked in {@link PixelCnnLikelihoodTest}.)
 */
@ExtendWith(SingleThreadedEngine.class)
class OneHotInputTest {

    private static final int H = 5;
    private static final int W = 5;
    private static final int C = 2;
    private static final int L = 5;
    private static final int N = 2;

    private static BasePixelCnn model(PixelCnnVariant variant, int classes, NDManager manager) {
        PixelCnnConfig config = PixelCnnFixtures.config(variant, H, W, C, 6, 3, classes, L).toBuilder()
                .inputEncoding(PixelCnnInputEncoding.ONE_HOT).build();
        BasePixelCnn model = PixelCnnFixtures.create(config, manager, 1);
        PixelCnnFixtures.randomize(model, 2, 0.4);
        return model;
    }

    /**
     * For every pixel p: replacing the level at p and at every later pixel (each by another level,
     * so another indicator channel lights up) leaves p's logits bit for bit, while replacing only
     * its left (or, at a row start, upper) neighbour changes them. Planted bugs caught: a mask-B input layer in the plain
     * network (p would see itself); a first gated layer built as a later one (its stacks would
     * read p's own row and p itself).
     */
    @Test
    void theCurrentAndLaterPixelsNeverChangeAPixelsLogits() {
        for (PixelCnnVariant variant : PixelCnnVariant.values()) {
            try (NDManager manager = NDManager.newBaseManager();
                 BasePixelCnn model = model(variant, 0, manager)) {
                float[] base = PixelCnnFixtures.randomImages(manager, N, C, H, W, L, 3).toFloatArray();
                float[] logits = logits(model, base, manager);
                for (int p = 0; p < H * W; p++) {
                    float[] later = base.clone();
                    for (int plane = 0; plane < N * C; plane++) {
                        for (int q = p; q < H * W; q++) {
                            later[plane * H * W + q] = shifted(base[plane * H * W + q]);
                        }
                    }
                    float[] changed = logits(model, later, manager);
                    for (int k = 0; k < N * C * L; k++) {
                        assertThat(changed[k * H * W + p]).as("%s: logit %d at pixel %d", variant, k, p)
                                .isEqualTo(logits[k * H * W + p]);
                    }
                    if (p > 0) {
                        // the left neighbour, or at a row start the one above: inside every variant's window
                        int neighbour = p % W > 0 ? p - 1 : p - W;
                        float[] earlier = base.clone();
                        for (int plane = 0; plane < N * C; plane++) {
                            earlier[plane * H * W + neighbour] = shifted(base[plane * H * W + neighbour]);
                        }
                        float[] seen = logits(model, earlier, manager);
                        double difference = 0;
                        for (int k = 0; k < N * C * L; k++) {
                            difference += Math.abs(seen[k * H * W + p] - logits[k * H * W + p]);
                        }
                        assertThat(difference).as("%s: pixel %d sees pixel %d", variant, p, neighbour).isGreaterThan(1e-4);
                    }
                }
            }
        }
    }

    /**
     * The cached sampler against the naive one (a full pass per pixel) with one-hot input: the
     * same images for the same seed, from pixel 0 and from inside a row. Planted bug caught: the cache lighting channel {@code c * L} whatever the
     * level (the full pass lights {@code c * L + k}).
     */
    @Test
    void cachedSamplerDrawsWhatTheNaiveSamplerDraws() {
        for (PixelCnnVariant variant : PixelCnnVariant.values()) {
            // labels enter the layers after the input, the same for either encoding: the gated variant
            // is checked with them, the plain one without
            int classes = variant == PixelCnnVariant.GATED ? 3 : 0;
            try (NDManager manager = NDManager.newBaseManager();
                 BasePixelCnn model = model(variant, classes, manager)) {
                float[] labels = classes == 0 ? null : new float[] {0, 1, 0, 0, 0, 1};
                float[] naive = new PixelSampler(model, N, labels, PixelSampler.Mode.NAIVE)
                        .run(new float[N * C * H * W], 0, 0.8, manager, new Rng(7)).toFloatArray();
                float[] cached = new PixelSampler(model, N, labels, PixelSampler.Mode.CACHED)
                        .run(new float[N * C * H * W], 0, 0.8, manager, new Rng(7)).toFloatArray();
                assertThat(cached).as("%s", variant).containsExactly(naive);
                assertThat(IntStream.range(0, cached.length).mapToObj(i -> cached[i]).distinct().count())
                        .as("%s: varied samples", variant).isGreaterThan(2);
                float[] images = PixelCnnFixtures.randomImages(manager, N, C, H, W, L, 4).toFloatArray();
                int start = 2 * W + 3;
                float[] fromNaive = new PixelSampler(model, N, labels, PixelSampler.Mode.NAIVE)
                        .run(images.clone(), start, 1.2, manager, new Rng(8)).toFloatArray();
                float[] fromCache = new PixelSampler(model, N, labels, PixelSampler.Mode.CACHED)
                        .run(images.clone(), start, 1.2, manager, new Rng(8)).toFloatArray();
                assertThat(fromCache).as("%s, from pixel %d", variant, start).containsExactly(fromNaive);
            }
        }
    }

    /**
     * The one-hot input widens only the first layer: reference network #6 (118,080 parameters)
     * with one-hot input of its 256 levels has 64 * 255 * 49 more weights in its 7x7 input
     * convolution. Planted bug caught: the input convolution built for C input channels (refused when the
     * family initialises the network for the C * L-channel input).
     */
    @Test
    void oneHotWidensOnlyTheInputConvolution() {
        PixelCnnConfig config = PixelCnnArchitectureTest.seedConfig().toBuilder()
                .inputEncoding(PixelCnnInputEncoding.ONE_HOT).build();
        try (GenerativeModel model = Models.create(config, 0L)) {
            assertThat(model.parameterCount()).isEqualTo(118_080L + 64L * 255 * 49);
        }
    }

    /** {@code inputEncoding} in a file: {@code oneHot}, or absent for {@code intensity}; other names are refused. */
    @Test
    void configReadsTheEncodingAndDefaultsToIntensity() {
        String yaml = """
                schemaVersion: 2
                type: pixelcnn
                name: codes
                inputShape: [7, 7, 1]
                hiddenChannels: 16
                numLayers: 3
                numLevels: 64
                variant: gated
                """;
        PixelCnnConfig plain = (PixelCnnConfig) ConfigIO.fromYaml(yaml, ModelConfig.class);
        assertThat(plain.inputEncoding()).isEqualTo(PixelCnnInputEncoding.INTENSITY);
        PixelCnnConfig oneHot = (PixelCnnConfig) ConfigIO.fromYaml(yaml + "inputEncoding: oneHot\n", ModelConfig.class);
        assertThat(oneHot).isEqualTo(plain.toBuilder().inputEncoding(PixelCnnInputEncoding.ONE_HOT).build());
        assertThat(ConfigIO.fromYaml(ConfigIO.toYaml(oneHot), ModelConfig.class)).isEqualTo(oneHot);
        assertThatThrownBy(() -> ConfigIO.fromYaml(yaml + "inputEncoding: embedding\n", ModelConfig.class))
                .hasMessageContaining("inputEncoding").hasMessageContaining("intensity, oneHot");
    }

    /** The next level up, wrapping: always a different level. */
    private static float shifted(float x) {
        return (Math.round(x * (L - 1)) + 1) % L / (float) (L - 1);
    }

    private static float[] logits(BasePixelCnn model, float[] images, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(images, new Shape(N, C, H, W));
            return model.logitsOf(x, null, new ParameterStore(scope, false), false).toFloatArray();
        }
    }
}
