package io.artifex.data.text.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.artifex.core.config.data.TokenizerConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our saved {@code tokenizer.json} read by HuggingFace's own tokenizers (through DJL's binding):
 * the same ids for the same text, in both merges spellings. When the native library cannot load
 * (no library for this platform), the test is skipped with that reason, never passed silently.
 */
class DjlCompatibilityTest {

    @TempDir
    Path dir;

    private static final List<String> SAMPLES = List.of(
            "The quick brown fox jumps over the lazy dog.",
            "It's 2026 -- isn't it?  Spaces   and\ttabs\n\nnew lines",
            "naïve café, Ünïcödé 東京 \uD83D\uDE00 emoji",
            "the cat's hat, the cat's mat; 12345 67");

    /** Planted bug caught: a wrong byte map or merge order in our encoder (ids differ from HuggingFace's). */
    @Test
    void huggingFaceTokenizersGiveTheSameIds() throws Exception {
        BpeTrainer trainer = new BpeTrainer(TokenizerConfig.builder().vocabSize(400).build());
        for (int i = 0; i < 30; i++) {
            SAMPLES.forEach(trainer::add);
        }
        BpeTokenizer ours = trainer.train();
        for (TokenizerJson.MergesSpelling spelling : TokenizerJson.MergesSpelling.values()) {
            Path file = dir.resolve("tokenizer-" + spelling + ".json");
            TokenizerJson.write(ours, file, spelling);
            HuggingFaceTokenizer hf;
            try {
                hf = HuggingFaceTokenizer.builder().optTokenizerPath(file).optAddSpecialTokens(false).optTruncation(false).build();
            } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
                assumeTrue(false, "HuggingFace tokenizers native library did not load offline: " + e);
                return;
            } catch (RuntimeException e) {
                if (String.valueOf(e.getMessage()).contains("native") || e.getCause() instanceof UnsatisfiedLinkError) {
                    assumeTrue(false, "HuggingFace tokenizers native library did not load offline: " + e);
                }
                throw e;
            }
            try (hf) {
                for (String s : SAMPLES) {
                    Encoding e = hf.encode(s);
                    int[] theirs = Arrays.stream(e.getIds()).mapToInt(Math::toIntExact).toArray();
                    assertThat(ours.encode(s)).as("%s: %s", spelling, s).containsExactly(theirs);
                    assertThat(hf.decode(e.getIds(), false)).isEqualTo(s);
                }
                long[] eot = hf.encode("a<|endoftext|>b").getIds();
                assertThat(Arrays.stream(eot).mapToInt(Math::toIntExact).toArray()).containsExactly(ours.encode("a<|endoftext|>b"));
            }
        }
    }

    /**
     * A tokenizer trained on 30 Brown texts (1,500 tokens) gives HuggingFace's ids on 10 other Brown
     * texts and 200 Shakespeare speeches: long documents, many merges, text the trainer never saw.
     * Planted bug caught: a pre-tokeniser without GPT-2's contraction rules ('s, 't, ...).
     */
    @Test
    void sameIdsOnRealEnglish() throws Exception {
        java.util.List<String> docs = new java.util.ArrayList<>();
        io.artifex.data.text.TextCorpus.embedded("brown").forEachPiece((d, t, e) -> {
            if (d < 40) {
                docs.add(t);
            }
        });
        io.artifex.data.text.TextCorpus.embedded("tiny-shakespeare").forEachPiece((d, t, e) -> {
            if (d < 200) {
                docs.add(t);
            }
        });
        BpeTrainer trainer = new BpeTrainer(TokenizerConfig.builder().vocabSize(1500).build());
        docs.subList(0, 30).forEach(trainer::add);
        BpeTokenizer ours = trainer.train();
        Path file = dir.resolve("brown.json");
        ours.save(file);
        HuggingFaceTokenizer hf;
        try {
            hf = HuggingFaceTokenizer.builder().optTokenizerPath(file).optAddSpecialTokens(false).optTruncation(false).build();
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            assumeTrue(false, "HuggingFace tokenizers native library did not load offline: " + e);
            return;
        }
        try (hf) {
            for (String s : docs.subList(30, docs.size())) {
                int[] theirs = Arrays.stream(hf.encode(s).getIds()).mapToInt(Math::toIntExact).toArray();
                assertThat(ours.encodeOrdinary(s)).as(s.substring(0, Math.min(40, s.length()))).containsExactly(theirs);
            }
        }
    }
}
