package io.artifex.models.autoregressive.wavenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.artifex.core.config.ConfigValidator;
import io.artifex.core.model.Batch;
import io.artifex.core.model.ConditionalModel;
import io.artifex.core.model.LikelihoodModel;
import io.artifex.core.model.StepContext;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** WaveNet on tiny networks: causality and receptive field, cache against naive, likelihood, classes. */
class WaveNetTest {

    /** Residual 8, gates 2 x 6, skip 12, dilations 1, 2, 4, 1, 2, 4: receptive field 2 + 14 = 16. */
    private static WaveNetConfig.Builder tiny() {
        return WaveNetConfig.builder().name("tiny-wavenet").residualChannels(8).dilationChannels(6).skipChannels(12)
                .numLayers(6).dilationCycle(3).sampleLength(20);
    }

    private static WaveNet create(WaveNetConfig config, NDManager manager, long seed) {
        ConfigValidator.requireValid(config);
        return (WaveNet) ModelRegistry.defaultRegistry().create(config, manager.newSubManager(), new Rng(seed));
    }

    private static long[] randomCodes(int count, long seed) {
        Random random = new Random(seed);
        long[] codes = new long[count];
        for (int i = 0; i < count; i++) {
            codes[i] = random.nextInt(256);
        }
        return codes;
    }

    private static void set(WaveNet model, String name, float[] values) {
        Parameter p = model.network().getParameters().get(name);
        NDArray array = p.getArray();
        try (NDArray fresh = array.getManager().create(values, array.getShape())) {
            array.set(new NDIndex(":"), fresh);
        }
    }

    private static float[] get(WaveNet model, String name) {
        return model.network().getParameters().get(name).getArray().toFloatArray();
    }

    /** Logits at position p of (1, T) codes, L values. */
    private static float[] logitsAt(WaveNet model, long[] codes, int p, NDManager manager) {
        NDArray all = model.logits(manager.create(codes, new Shape(1, codes.length)), manager);
        return all.get(new NDIndex("0, {}, :", p)).toFloatArray();
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    // Planted once: the input convolution's current tap reading code t instead of t - 1 (shift 0, not 1) -> changing
    // code 0 changed position 0's logits.
    @Test
    void aPositionsLogitsDependOnExactlyTheReceptiveFieldBeforeIt() {
        try (NDManager manager = NDManager.newBaseManager(); WaveNet model = create(tiny().build(), manager, 1)) {
            assertThat(model.receptiveField()).isEqualTo(16);
            int length = 40;
            long[] codes = randomCodes(length, 3);
            float[][] before = new float[length][];
            for (int p = 0; p < length; p++) {
                before[p] = logitsAt(model, codes, p, manager);
            }
            for (int j : new int[] {0, 17, 30, 39}) {
                long[] changed = codes.clone();
                changed[j] = (codes[j] + 97) % 256;
                for (int p = 0; p <= j; p++) {
                    assertThat(logitsAt(model, changed, p, manager)).as("position %d after changing code %d", p, j)
                            .containsExactly(before[p]);
                }
            }
            int p = 35;
            int rf = model.receptiveField();
            long[] outside = codes.clone();
            outside[p - 1 - rf] = (codes[p - 1 - rf] + 97) % 256;   // rf steps back from the newest code read, p - 1
            assertThat(logitsAt(model, outside, p, manager)).containsExactly(before[p]);
            long[] inside = codes.clone();
            inside[p - rf] = (codes[p - rf] + 97) % 256;             // one step closer
            assertThat(maxAbsDiff(logitsAt(model, inside, p, manager), before[p])).isGreaterThan(1e-5);
        }
    }

    // Planted once each: every queue one entry longer than its dilation (d + 1 zeros) -> logits differ at step 2;
    // the cached step dropping the residual identity (h = out[0] - h) -> logits differ at step 0.
    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void cachedGenerationGivesTheNaiveLogitsAndCodesOverMoreThanTheReceptiveField(int classes) {
        try (NDManager manager = NDManager.newBaseManager();
             WaveNet model = create(tiny().numClasses(classes).build(), manager, 2)) {
            if (classes > 0) {
                for (int i = 0; i < 6; i++) {
                    set(model, "l" + i + "_class_weight", randomFloats(classes * 12, 10 + i));
                }
            }
            int length = 3 * model.receptiveField() + 5;
            NDArray labels = classes > 0 ? manager.create(new long[] {2, 0}) : null;
            List<float[]> cached = new ArrayList<>();
            List<float[]> naive = new ArrayList<>();
            int[] a = model.draw(2, length, 1.0, true, labels, manager, new Rng(7), (t, l) -> cached.add(l))
                    .toIntArray();
            int[] b = model.draw(2, length, 1.0, false, labels, manager, new Rng(7), (t, l) -> naive.add(l))
                    .toIntArray();
            assertThat(cached).hasSize(length);
            for (int t = 0; t < length; t++) {
                assertThat(maxAbsDiff(cached.get(t), naive.get(t))).as("logits at step %d", t).isLessThan(1e-4);
            }
            assertThat(a).containsExactly(b);
            // the codes are the model's own: the naive logits of step t are the full pass's logits at t
            long[] row = new long[length];
            for (int t = 0; t < length; t++) {
                row[t] = a[t];
            }
            NDArray codes = manager.create(row, new Shape(1, length));
            NDArray full = classes > 0 ? model.logits(codes, manager.create(new long[] {2}), manager)
                    : model.logits(codes, manager);
            float[] last = full.get(new NDIndex("0, {}, :", length - 1)).toFloatArray();
            float[] step = java.util.Arrays.copyOfRange(cached.get(length - 1), 0, 256);
            assertThat(maxAbsDiff(last, step)).isLessThan(1e-4);
        }
    }

    private static float[] randomFloats(int count, long seed) {
        Random random = new Random(seed);
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    // Planted once: the loss averaged over clips instead of samples -> the loss is 30 times the expected mean.
    @Test
    void aZeroedHeadGivesEightBitsPerSampleAndLogProbIsTheSumOfLogSoftmaxAtTheCodes() {
        try (NDManager manager = NDManager.newBaseManager(); WaveNet model = create(tiny().build(), manager, 4)) {
            long[] codes = randomCodes(2 * 30, 5);
            Batch batch = Batch.of(manager.create(codes, new Shape(2, 1, 30)).toType(DataType.INT32, false));
            // independent reference: log-softmax in double precision of the network's logits, at the true codes
            float[] logits = model.logits(batch.x(), manager).toFloatArray();
            double[] expected = new double[2];
            for (int n = 0; n < 2; n++) {
                for (int t = 0; t < 30; t++) {
                    int offset = (n * 30 + t) * 256;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < 256; j++) {
                        max = Math.max(max, logits[offset + j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < 256; j++) {
                        sum += Math.exp(logits[offset + j] - max);
                    }
                    expected[n] += logits[offset + (int) codes[n * 30 + t]] - max - Math.log(sum);
                }
            }
            float[] logProb = model.logProb(batch, manager, new Rng(0)).toFloatArray();
            assertThat((double) logProb[0]).isCloseTo(expected[0], within(1e-3));
            assertThat((double) logProb[1]).isCloseTo(expected[1], within(1e-3));
            float loss = model.loss(batch, model.forward(batch, StepContext.inference(manager, new Rng(0))),
                    StepContext.inference(manager, new Rng(0))).total().getFloat();
            assertThat((double) loss).isCloseTo(-(expected[0] + expected[1]) / 60, within(1e-4));

            set(model, "head2_weight", new float[256 * 12]);
            set(model, "head2_bias", new float[256]);
            float[] bits = model.bitsPerDim(batch, manager, new Rng(0)).toFloatArray();
            assertThat((double) bits[0]).isCloseTo(8.0, within(1e-5));
            assertThat((double) bits[1]).isCloseTo(8.0, within(1e-5));
            assertThat((double) model.logProb(batch, manager, new Rng(0)).getFloat(0))
                    .isCloseTo(-30 * Math.log(256), within(1e-3));
        }
    }

    // Planted once: the class bias computed but never added to the pre-activations -> the logits of both labels agree.
    @Test
    void classesChangeTheLogitsAndAClassLessModelRefusesLabels() {
        try (NDManager manager = NDManager.newBaseManager();
             WaveNet conditional = create(tiny().numClasses(2).build(), manager, 6);
             WaveNet plain = create(tiny().build(), manager, 6)) {
            assertThat(conditional).isInstanceOf(ConditionalModel.class);
            assertThat(plain).isNotInstanceOf(ConditionalModel.class).isInstanceOf(LikelihoodModel.class);
            for (int i = 0; i < 6; i++) {
                set(conditional, "l" + i + "_class_weight", randomFloats(2 * 12, 20 + i));
            }
            NDArray codes = manager.create(randomCodes(24, 8), new Shape(1, 24));
            float[] zero = conditional.logits(codes, manager.create(new long[] {0}), manager).toFloatArray();
            float[] one = conditional.logits(codes, manager.create(new long[] {1}), manager).toFloatArray();
            assertThat(maxAbsDiff(zero, one)).isGreaterThan(1e-3);

            assertThatThrownBy(() -> plain.logits(codes, manager.create(new long[] {0}), manager))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no class conditioning (numClasses = 0)");
            assertThatThrownBy(() -> plain.generate(manager.create(new long[] {0}), 4, 1.0, true, manager, new Rng(0)))
                    .hasMessageContaining("no class conditioning (numClasses = 0)");
            assertThatThrownBy(() -> conditional.logProb(Batch.of(codes), manager, new Rng(0)))
                    .hasMessageContaining("needs labelled batches (numClasses = 2)");
            assertThatThrownBy(() -> conditional.logits(codes, manager.create(new long[] {2}), manager))
                    .hasMessageContaining("label 2 is outside [0, 2)");
            // a class-less model trains on labelled audio batches (speaker ids) and ignores the labels
            Batch labelled = Batch.of(codes, manager.create(new long[] {5}));
            assertThat(plain.logProb(labelled, manager, new Rng(0)).getFloat(0))
                    .isEqualTo(plain.logProb(Batch.of(codes), manager, new Rng(0)).getFloat(0));
        }
    }

    // Planted once: the input convolution's current tap reading code t (shift 0) -> logit 0 at position 0 differs.
    @Test
    void theNetworkComputesTheWaveNetOfAPlainJavaReference() {
        WaveNetConfig config = WaveNetConfig.builder().name("ref").residualChannels(3).dilationChannels(2)
                .skipChannels(4).numLayers(3).dilationCycle(2).numLevels(5).build();
        try (NDManager manager = NDManager.newBaseManager(); WaveNet model = create(config, manager, 9)) {
            for (String name : model.network().getParameters().keys()) {
                if (name.endsWith("bias")) {
                    NDArray a = model.network().getParameters().get(name).getArray();
                    set(model, name, randomFloats((int) a.size(), name.hashCode()));
                }
            }
            long[] codes = {4, 0, 3, 3, 1, 2, 0, 4};
            float[] logits = model.logits(manager.create(codes, new Shape(1, 8)), manager).toFloatArray();
            double[][] expected = reference(model, config, codes);
            for (int t = 0; t < 8; t++) {
                for (int j = 0; j < 5; j++) {
                    assertThat((double) logits[t * 5 + j]).as("logit %d at %d", j, t).isCloseTo(expected[t][j],
                            within(1e-4));
                }
            }
        }
    }

    /** A loop-by-loop WaveNet forward from the model's parameter values (class-less). */
    private static double[][] reference(WaveNet model, WaveNetConfig c, long[] x) {
        int r = c.residualChannels();
        int d = c.dilationChannels();
        int s = c.skipChannels();
        int levels = c.numLevels();
        int t = x.length;
        float[] past = get(model, "input_weight_past");
        float[] current = get(model, "input_weight_current");
        float[] inBias = get(model, "input_bias");
        double[][] h = new double[t][r];
        for (int p = 0; p < t; p++) {
            for (int k = 0; k < r; k++) {
                h[p][k] = inBias[k] + (p >= 1 ? current[(int) x[p - 1] * r + k] : 0)
                        + (p >= 2 ? past[(int) x[p - 2] * r + k] : 0);
            }
        }
        double[][] skipSum = new double[t][s];
        for (int i = 0; i < c.numLayers(); i++) {
            int dil = 1 << (i % c.dilationCycle());
            float[] wp = get(model, "l" + i + "_dilated_weight_past");
            float[] wc = get(model, "l" + i + "_dilated_weight_current");
            float[] b = get(model, "l" + i + "_dilated_bias");
            float[] wr = get(model, "l" + i + "_residual_weight");
            float[] br = get(model, "l" + i + "_residual_bias");
            float[] ws = get(model, "l" + i + "_skip_weight");
            float[] bs = get(model, "l" + i + "_skip_bias");
            double[][] next = new double[t][r];
            for (int p = 0; p < t; p++) {
                double[] z = new double[d];
                for (int g = 0; g < d; g++) {
                    double a = b[g];
                    double sg = b[d + g];
                    for (int k = 0; k < r; k++) {
                        double before = p >= dil ? h[p - dil][k] : 0;
                        a += wp[g * r + k] * before + wc[g * r + k] * h[p][k];
                        sg += wp[(d + g) * r + k] * before + wc[(d + g) * r + k] * h[p][k];
                    }
                    z[g] = Math.tanh(a) / (1 + Math.exp(-sg));
                }
                for (int k = 0; k < r; k++) {
                    double v = br[k];
                    for (int g = 0; g < d; g++) {
                        v += wr[k * d + g] * z[g];
                    }
                    next[p][k] = h[p][k] + v;
                }
                for (int k = 0; k < s; k++) {
                    double v = bs[k];
                    for (int g = 0; g < d; g++) {
                        v += ws[k * d + g] * z[g];
                    }
                    skipSum[p][k] += v;
                }
            }
            h = next;
        }
        float[] w1 = get(model, "head1_weight");
        float[] b1 = get(model, "head1_bias");
        float[] w2 = get(model, "head2_weight");
        float[] b2 = get(model, "head2_bias");
        double[][] out = new double[t][levels];
        for (int p = 0; p < t; p++) {
            double[] hidden = new double[s];
            for (int k = 0; k < s; k++) {
                double v = b1[k];
                for (int m = 0; m < s; m++) {
                    v += w1[k * s + m] * Math.max(0, skipSum[p][m]);
                }
                hidden[k] = Math.max(0, v);
            }
            for (int j = 0; j < levels; j++) {
                double v = b2[j];
                for (int k = 0; k < s; k++) {
                    v += w2[j * s + k] * hidden[k];
                }
                out[p][j] = v;
            }
        }
        return out;
    }

    @Test
    void referenceNetworkEightHasTheSpecsParameterCountAndReceptiveField() {
        WaveNetConfig config = WaveNetConfig.builder().name("wavenet").residualChannels(64).dilationChannels(64)
                .skipChannels(128).numLayers(16).dilationCycle(8).build();
        assertThat(config.receptiveField()).isEqualTo(512);
        try (NDManager manager = NDManager.newBaseManager(); WaveNet model = create(config, manager, 0)) {
            assertThat(model.parameterCount()).isEqualTo(546_240L);
        }
    }

    @Test
    void badCodesAndConfigsAreRefusedNamingTheRule() {
        try (NDManager manager = NDManager.newBaseManager(); WaveNet model = create(tiny().build(), manager, 0)) {
            Batch floats = Batch.of(manager.create(new float[] {0.25f, -0.5f}, new Shape(1, 1, 2)));
            assertThatThrownBy(() -> model.logProb(floats, manager, new Rng(0)))
                    .hasMessageContaining("set data.audio.muLaw: true");
            Batch tooHigh = Batch.of(manager.create(new int[] {3, 256}, new Shape(1, 2)));
            assertThatThrownBy(() -> model.logProb(tooHigh, manager, new Rng(0)))
                    .hasMessageContaining("codes in [0, 256) (numLevels), got codes in [3, 256]");
            Batch stereo = Batch.of(manager.zeros(new Shape(1, 2, 4), DataType.INT32));
            assertThatThrownBy(() -> model.logProb(stereo, manager, new Rng(0)))
                    .hasMessageContaining("(N, 1, T) or (N, T)");
        }
        assertThatThrownBy(() -> ConfigValidator.requireValid(tiny().dilationCycle(7).build()))
                .hasMessageContaining("dilationCycle");
    }
}
