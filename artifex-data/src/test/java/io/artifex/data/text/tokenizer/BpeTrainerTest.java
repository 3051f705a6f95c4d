package io.artifex.data.text.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.artifex.core.config.data.TokenizerConfig;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** BPE training on corpora whose merges are worked out by hand, determinism and bad input. */
class BpeTrainerTest {

    private static List<String> merges(BpeTokenizer t) {
        return t.merges().stream().map(m -> m[0] + " " + m[1]).toList();
    }

    /**
     * "ab ab ab abc": words ab, Ġab x2, Ġabc. Pair counts (a,b)=4, (Ġ,a)=3, (b,c)=1, so a+b first; then
     * (Ġ,ab)=3, (ab,c)=1, so Ġ+ab; then only count-1 pairs remain, below minFrequency 2.
     * Planted bugs caught: ignoring minFrequency (a third merge), not updating neighbour counts after a
     * merge (Ġ+a would be merged second).
     */
    @Test
    void mergesTheMostFrequentPairUntilMinFrequency() {
        BpeTrainer trainer = new BpeTrainer(TokenizerConfig.builder().vocabSize(1000).minFrequency(2).build());
        trainer.add("ab ab ab abc");
        BpeTokenizer t = trainer.train();
        assertThat(merges(t)).containsExactly("a b", "\u0120 ab");
        assertThat(t.vocabSize()).isEqualTo(2 + 256 + 2);
        assertThat(t.vocab().subList(0, 2)).containsExactly("<|endoftext|>", "<|pad|>");
        assertThat(t.encode(" ab")).containsExactly(t.idOf("\u0120ab"));
    }

    /**
     * "abab abab" x 3: pairs (a,b)=4 per word, (b,a)=2 per word. After a+b, the word is ab ab and the
     * new pair (ab,ab) counts 1 per word, so 6 in all (Ġ words included). Planted bug caught: using the
     * input's left neighbour instead of the merged output's (the counts of (ab,ab) would be 0).
     */
    @Test
    void countsPairsCreatedByTheMergeItself() {
        BpeTrainer trainer = new BpeTrainer(TokenizerConfig.builder().vocabSize(2 + 256 + 2).minFrequency(1).build());
        trainer.add("abab abab abab abab abab abab");
        BpeTokenizer t = trainer.train();
        assertThat(merges(t)).containsExactly("a b", "ab ab");
    }

    /** The vocabulary stops at vocabSize, and one or two threads give the same tokenizer. */
    @Test
    void deterministicAndBounded() {
        Random r = new Random(7);
        StringBuilder sb = new StringBuilder();
        String[] words = {"the", "cat", "sat", "on", "mat", "hat", "that", "then", "there", "über", "naïve", "東京"};
        for (int i = 0; i < 4000; i++) {
            if (i % 3 == 0) {
                for (int k = 2 + r.nextInt(5); k > 0; k--) {
                    sb.append((char) ('a' + r.nextInt(12)));
                }
            }
            sb.append(words[r.nextInt(words.length)]).append(r.nextInt(10) == 0 ? ".\n" : " ");
        }
        TokenizerConfig config = TokenizerConfig.builder().vocabSize(300).minFrequency(2).build();
        BpeTrainer one = new BpeTrainer(config, 1);
        BpeTrainer two = new BpeTrainer(config, 2);
        for (String line : sb.toString().split("\n")) {
            one.add(line);
            two.add(line);
        }
        BpeTokenizer a = one.train();
        BpeTokenizer b = two.train();
        assertThat(a.vocabSize()).isEqualTo(300);
        assertThat(merges(a)).isEqualTo(merges(b));
        assertThat(a.vocab()).isEqualTo(b.vocab());
        String text = sb.substring(0, 2000);
        assertThat(a.encode(text).length).isLessThan(ByteLevel.utf8(text).length / 2);
        assertThat(a.decode(a.encode(text))).isEqualTo(text);
    }

    /**
     * Configured special tokens take the first ids and decode to their own text. Planted bug caught:
     * decoding special tokens through the byte map ('é' would come back as a lone byte, U+FFFD).
     */
    @Test
    void configuredSpecialTokens() {
        BpeTrainer trainer = new BpeTrainer(TokenizerConfig.builder().vocabSize(270)
                .specialTokens(List.of("<|café|>", "<|endoftext|>")).build());
        trainer.add("a b c");
        BpeTokenizer t = trainer.train();
        assertThat(t.idOf("<|café|>")).isZero();
        assertThat(t.endOfTextId()).isEqualTo(1);
        assertThat(t.padId()).isEqualTo(1);
        int[] ids = t.encode("a<|café|>b");
        assertThat(ids).containsExactly(t.idOf("a"), 0, t.idOf("b"));
        assertThat(t.decode(ids)).isEqualTo("a<|café|>b");
    }

    /** An empty corpus and impossible settings are refused with the field named. */
    @Test
    void refusesEmptyCorpusAndBadSettings() {
        assertThatThrownBy(() -> new BpeTrainer(TokenizerConfig.defaults()).train())
                .hasMessageContaining("empty corpus");
        assertThatThrownBy(() -> new BpeTrainer(TokenizerConfig.builder().vocabSize(257).build()))
                .hasMessageContaining("tokenizer.vocabSize");
        assertThatThrownBy(() -> new BpeTrainer(TokenizerConfig.builder().specialTokens(List.of("<s>")).build()))
                .hasMessageContaining("<|endoftext|>");
    }
}
