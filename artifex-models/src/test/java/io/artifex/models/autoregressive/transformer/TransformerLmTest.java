package io.artifex.models.autoregressive.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.model.Batch;
import io.artifex.core.model.DecodingOptions;
import io.artifex.core.model.StepContext;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelArchive;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The language model's correctness: causality, the key/value cache, the loss against a plain-Java
 * entropy, and the parameter count of reference network #7.
 */
class TransformerLmTest {

    /**
     * Changing the token at position p changes no logit at positions before p (and does change
     * position p's). Planted bug caught: the causal part of the mask left out (all zeros), or the
     * rotary angle taken from the wrong axis so that positions mix.
     */
    @ParameterizedTest
    @EnumSource(PositionEncoding.class)
    void aFutureTokenNeverChangesAnEarlierPositionsLogits(PositionEncoding positions) {
        try (NDManager manager = NDManager.newBaseManager();
             TransformerLm lm = TransformerFixtures.create(TransformerFixtures.tiny(positions).build(), manager, 1)) {
            long[] ids = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3};
            float[] before = lm.logits(manager.create(ids, new Shape(2, 8)), manager).toFloatArray();
            for (int p = 1; p < 8; p++) {
                long[] changed = ids.clone();
                changed[p] = (changed[p] + 1) % 11;
                changed[8 + p] = (changed[8 + p] + 5) % 11;
                float[] after = lm.logits(manager.create(changed, new Shape(2, 8)), manager).toFloatArray();
                for (int row = 0; row < 2; row++) {
                    for (int t = 0; t < 8; t++) {
                        double diff = maxDiff(before, after, (row * 8 + t) * 11, 11);
                        if (t < p) {
                            assertThat(diff).as("position %d after changing %d", t, p).isLessThan(1e-6);
                        } else if (t == p) {
                            assertThat(diff).as("position %d reads its own token", t).isGreaterThan(1e-4);
                        }
                    }
                }
            }
        }
    }

    /**
     * Generation with the key/value cache draws the same tokens as generation that reruns the
     * network over the whole sequence, from logits equal to float tolerance at every step, for the
     * same seed, with learned and rotary positions. Planted bugs caught: the cached step using
     * position 0 (or the wrong slice of the position embedding, or the rotary offset 0) for the
     * new token; the cache dropping the prompt's keys.
     */
    @ParameterizedTest
    @EnumSource(PositionEncoding.class)
    void cachedGenerationEqualsUncachedGenerationStepByStep(PositionEncoding positions) {
        try (NDManager manager = NDManager.newBaseManager();
             TransformerLm lm = TransformerFixtures.create(TransformerFixtures.tiny(positions).build(), manager, 2)) {
            TransformerNetwork network = (TransformerNetwork) lm.network();
            int[] prompt = {4, 7, 1};
            DecodingOptions options = DecodingOptions.sampling().withTemperature(1.5);
            List<float[]> cached = new ArrayList<>();
            List<float[]> full = new ArrayList<>();
            int[] a = new TokenDecoder(lm, network).run(prompt, 3, 6, options, true, manager, new Rng(5),
                    (step, logits) -> cached.add(logits.clone())).toIntArray();
            int[] b = new TokenDecoder(lm, network).run(prompt, 3, 6, options, false, manager, new Rng(5),
                    (step, logits) -> full.add(logits.clone())).toIntArray();
            assertThat(cached).hasSize(6);
            assertThat(full).hasSize(6);
            for (int step = 0; step < 6; step++) {
                assertThat(maxDiff(cached.get(step), full.get(step), 0, 3 * 11)).as("step %d", step).isLessThan(1e-5);
            }
            assertThat(a).containsExactly(b);
            assertThat(a).hasSize(3 * 9);
            for (int r = 0; r < 3; r++) {
                assertThat(new int[] {a[r * 9], a[r * 9 + 1], a[r * 9 + 2]}).containsExactly(prompt);
            }
        }
    }

    /**
     * A model whose logits are fixed to the log of the empirical unigram distribution of the
     * targets (final LayerNorm scale 0, shift e_0, embedding column 0 = log p) has a loss equal to
     * the unigram entropy of the targets computed here in plain Java, pads excluded; its logProb is
     * the per-window sum of log p, and bits per byte is total nats over bytes ln 2. Planted bugs
     * caught: pads counted as targets, the loss divided by N*T instead of the scored tokens, the
     * first token of the window scored.
     */
    @Test
    void aUnigramModelsLossIsTheUnigramEntropyOfTheTargets() {
        int pad = 5;
        TransformerConfig config = TransformerFixtures.tiny(PositionEncoding.LEARNED).vocabSize(6).width(4)
                .numLayers(1).numHeads(1).padTokenId(pad).build();
        long[][] windows = {{0, 1, 2, 1, 1, 3, 4}, {2, 2, 2, 0, 4, 1, 1}, {1, 3, 3, 4, pad, pad, pad}};
        int[] counts = new int[6];
        int scored = 0;
        for (long[] w : windows) {
            for (int t = 1; t < w.length; t++) {
                if (w[t] != pad) {
                    counts[(int) w[t]]++;
                    scored++;
                }
            }
        }
        double entropy = 0;
        float[] embedding = new float[6 * 4];
        for (int v = 0; v < 6; v++) {
            double p = counts[v] / (double) scored;
            if (p > 0) {
                entropy -= p * Math.log(p);
            }
            embedding[v * 4] = p > 0 ? (float) Math.log(p) : -1e4f;
            embedding[v * 4 + 1] = 0.3f * v;
        }
        try (NDManager manager = NDManager.newBaseManager(); TransformerLm lm = TransformerFixtures.create(config, manager, 3)) {
            TransformerFixtures.set(lm, "tokenEmbedding", embedding);
            TransformerFixtures.set(lm, "final_gamma", new float[4]);
            TransformerFixtures.set(lm, "final_beta", new float[] {1, 0, 0, 0});
            long[] flat = new long[21];
            for (int i = 0; i < 3; i++) {
                System.arraycopy(windows[i], 0, flat, i * 7, 7);
            }
            Batch batch = Batch.of(manager.create(flat, new Shape(3, 7)).toType(ai.djl.ndarray.types.DataType.INT32, false));
            StepContext context = StepContext.inference(manager, new Rng(0));
            double loss = lm.loss(batch, lm.forward(batch, context), context).total().getFloat();
            assertThat(loss).isCloseTo(entropy, within(1e-5));

            float[] logProb = lm.logProb(batch, manager, new Rng(0)).toFloatArray();
            double total = 0;
            for (int i = 0; i < 3; i++) {
                double expected = 0;
                for (int t = 1; t < 7; t++) {
                    if (windows[i][t] != pad) {
                        expected += Math.log(counts[(int) windows[i][t]] / (double) scored);
                    }
                }
                assertThat((double) logProb[i]).as("window %d", i).isCloseTo(expected, within(1e-4));
                total -= expected;
            }
            assertThat(lm.scoredTokens(batch, manager).toLongArray()).containsExactly(6, 6, 3);
            assertThat(lm.bitsPerToken(batch, manager)).isCloseTo(entropy / Math.log(2), within(1e-5));
            assertThat(lm.perplexity(batch, manager)).isCloseTo(Math.exp(entropy), within(1e-4));
            assertThat(lm.bitsPerByte(batch, 40, manager)).isCloseTo(total / (40 * Math.log(2)), within(1e-5));
            assertThat(lm.bitsPerDim(batch, manager, new Rng(0)).getFloat(2))
                    .isCloseTo((float) (-logProb[2] / (3 * Math.log(2))), within(1e-5f));
        }
    }

    /**
     * Reference network #7 of the benchmark spec: V 4096, context 256, 4 blocks of width 256 with
     * 4 heads and MLP 1024, learned positions, tied output: 4,273,664 parameters, counted by hand
     * from the spec's layer list.
     */
    @Test
    void referenceNetworkSevenHasTheSpecsParameterCount() {
        long d = 256;
        long block = 2 * d + (d * 3 * d + 3 * d) + (d * d + d) + 2 * d + (d * 1024 + 1024) + (1024 * d + d);
        long byHand = 4096 * d + 256 * d + 4 * block + 2 * d;
        assertThat(byHand).isEqualTo(4_273_664L);
        TransformerConfig config = TransformerConfig.builder().name("ref7").vocabSize(4096).contextLength(256)
                .numLayers(4).numHeads(4).width(256).build();
        try (NDManager manager = NDManager.newBaseManager(); TransformerLm lm = TransformerFixtures.create(config, manager, 0)) {
            assertThat(lm.parameterCount()).isEqualTo(byHand);
            assertThat(config.mlpWidth()).isEqualTo(1024);
            assertThat(config.dropout()).isEqualTo(0.1);
        }
    }

    /** The untied and rotary variants differ from #7 by exactly the output matrix and the position table. */
    @Test
    void untiedAddsTheOutputMatrixAndRotaryDropsThePositionTable() {
        TransformerConfig tied = TransformerFixtures.tiny(PositionEncoding.LEARNED).build();
        try (NDManager manager = NDManager.newBaseManager();
             TransformerLm a = TransformerFixtures.create(tied, manager, 0);
             TransformerLm b = TransformerFixtures.create(tied.toBuilder().tiedEmbeddings(false).build(), manager, 0);
             TransformerLm c = TransformerFixtures.create(tied.toBuilder().positions(PositionEncoding.ROTARY).build(),
                     manager, 0)) {
            assertThat(b.parameterCount() - a.parameterCount()).isEqualTo(11 * 8);
            assertThat(a.parameterCount() - c.parameterCount()).isEqualTo(8 * 8);
        }
    }

    /** Bad windows and prompts are refused with the rule in the message. */
    @Test
    void badIdsAndPromptsAreRefusedNamingTheRule() {
        TransformerConfig config = TransformerFixtures.tiny(PositionEncoding.LEARNED).padTokenId(10).build();
        try (NDManager manager = NDManager.newBaseManager(); TransformerLm lm = TransformerFixtures.create(config, manager, 0)) {
            Batch tooLong = Batch.of(manager.zeros(new Shape(1, 10), ai.djl.ndarray.types.DataType.INT32));
            assertThatThrownBy(() -> lm.logProb(tooLong, manager, new Rng(0))).hasMessageContaining("2 <= T <= 9");
            Batch outOfVocabulary = Batch.of(manager.create(new int[] {1, 11, 2}, new Shape(1, 3)));
            assertThatThrownBy(() -> lm.logProb(outOfVocabulary, manager, new Rng(0)))
                    .hasMessageContaining("token ids in [0, 11)");
            assertThatThrownBy(() -> lm.generate(new int[] {1, 10}, 1, 2, DecodingOptions.greedy(), manager, new Rng(0)))
                    .hasMessageContaining("prompt[1] is the pad id 10");
            assertThatThrownBy(() -> lm.generate(new int[] {1, 2}, 1, 8, DecodingOptions.greedy(), manager, new Rng(0)))
                    .hasMessageContaining("at most 9 (contextLength + 1)");
            assertThat(lm.generate(new int[] {1, 2}, 1, 7, DecodingOptions.greedy(), manager, new Rng(0)).getShape())
                    .isEqualTo(new Shape(1, 9));
            assertThat(lm.dataContract().mismatch(manager.create(new int[] {1, 2, 3}, new Shape(1, 3)))).isEmpty();
            assertThat(lm.dataContract().mismatch(manager.create(new float[] {1, 2.5f}, new Shape(1, 2))))
                    .hasValueSatisfying(m -> assertThat(m).contains("not integers"));
        }
    }

    /** Unprompted samples start from the end-of-text id, hold contextLength ids, and never draw the pad id. */
    @Test
    void unpromptedSamplesStartFromEndOfTextAndNeverDrawThePad() {
        TransformerConfig config = TransformerFixtures.tiny(PositionEncoding.ROTARY).padTokenId(3).endOfTextTokenId(7)
                .build();
        try (NDManager manager = NDManager.newBaseManager(); TransformerLm lm = TransformerFixtures.create(config, manager, 4)) {
            NDArray samples = lm.generate(20, 3.0, manager, new Rng(1));
            assertThat(samples.getShape()).isEqualTo(new Shape(20, 8));
            int[] ids = samples.toIntArray();
            for (int r = 0; r < 20; r++) {
                assertThat(ids[r * 8]).isEqualTo(7);
            }
            assertThat(ids).doesNotContain(3);
        }
    }

    /**
     * A saved model loads (config by type id, weights by name) with the same likelihood and the same
     * greedy continuation, untied and rotary. Planted bug caught: the position encoding written to the
     * config file as another value (PositionEncoding.id() returning "learned"), which reloads a
     * different network.
     */
    @Test
    void archiveRoundTripKeepsTheLikelihoodAndTheSamples(@TempDir Path dir) {
        TransformerConfig config = TransformerFixtures.tiny(PositionEncoding.ROTARY).tiedEmbeddings(false).build();
        try (NDManager manager = NDManager.newBaseManager(); TransformerLm lm = TransformerFixtures.create(config, manager, 6)) {
            Batch batch = Batch.of(manager.create(new int[] {1, 5, 9, 2, 0, 7, 7, 3}, new Shape(2, 4)));
            float[] before = lm.logProb(batch, manager, new Rng(0)).toFloatArray();
            int[] greedy = lm.generate(new int[] {2}, 1, 6, DecodingOptions.greedy(), manager, new Rng(0)).toIntArray();
            ModelArchive.save(lm, dir);
            try (GenerativeModel loaded = ModelArchive.load(dir, manager.newSubManager(), 99L)) {
                TransformerLm again = (TransformerLm) loaded;
                assertThat(again.config()).isEqualTo(config);
                assertThat(again.logProb(batch, manager, new Rng(0)).toFloatArray()).containsExactly(before);
                assertThat(again.generate(new int[] {2}, 1, 6, DecodingOptions.greedy(), manager, new Rng(0)).toIntArray())
                        .containsExactly(greedy);
            }
        }
    }

    /**
     * Dropout acts in training only: two training forwards with different random streams differ,
     * the same stream repeats exactly, and evaluation (training false) equals the logits of the
     * same weights with dropout 0. Planted bug caught: dropout never applied (the rng not passed
     * on in training), or applied at evaluation.
     */
    @Test
    void dropoutActsInTrainingOnlyAndIsSeeded() {
        TransformerConfig config = TransformerFixtures.tiny(PositionEncoding.LEARNED).dropout(0.5).build();
        try (NDManager manager = NDManager.newBaseManager();
             TransformerLm lm = TransformerFixtures.create(config, manager, 8);
             TransformerLm plain = TransformerFixtures.create(config.toBuilder().dropout(0.0).build(), manager, 8)) {
            Batch batch = Batch.of(manager.create(new int[] {1, 5, 9, 2, 0, 7, 7, 3}, new Shape(2, 4)));
            float[] a = trainingLogits(lm, batch, manager, 1);
            float[] b = trainingLogits(lm, batch, manager, 2);
            assertThat(maxDiff(a, b, 0, a.length)).isGreaterThan(1e-3);
            assertThat(trainingLogits(lm, batch, manager, 1)).containsExactly(a);
            StepContext eval = StepContext.inference(manager, new Rng(1));
            float[] evaluated = lm.forward(batch, eval).get("logits").toFloatArray();
            assertThat(evaluated).containsExactly(plain.forward(batch, eval).get("logits").toFloatArray());
        }
    }

    private static float[] trainingLogits(TransformerLm lm, Batch batch, NDManager manager, long seed) {
        StepContext training = new StepContext(manager, new ai.djl.training.ParameterStore(manager, false), new Rng(seed),
                true, 0);
        return lm.forward(batch, training).get("logits").toFloatArray();
    }

    private static double maxDiff(float[] a, float[] b, int offset, int length) {
        double max = 0;
        for (int i = offset; i < offset + length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    static long[] randomIds(int count, int vocab, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = r.nextInt(vocab);
        }
        return ids;
    }
}
