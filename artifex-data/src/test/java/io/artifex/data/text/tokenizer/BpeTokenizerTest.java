package io.artifex.data.text.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Encoding with a hand-made vocabulary whose results are worked out by hand. */
class BpeTokenizerTest {

    /** Specials 0-1, bytes 2-257, then ab=258, abc=259, bc=260, aa=261, Ġbc=262. */
    static BpeTokenizer tiny() {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        vocab.put(Tokenizer.END_OF_TEXT, 0);
        vocab.put(Tokenizer.PAD, 1);
        for (String c : ByteLevel.alphabet()) {
            vocab.put(c, vocab.size());
        }
        for (String t : List.of("ab", "abc", "bc", "aa", "\u0120bc")) {
            vocab.put(t, vocab.size());
        }
        List<String[]> merges = List.of(new String[] {"a", "b"}, new String[] {"ab", "c"}, new String[] {"b", "c"},
                new String[] {"a", "a"}, new String[] {"\u0120", "bc"});
        return new BpeTokenizer(vocab, merges, List.of(Tokenizer.END_OF_TEXT, Tokenizer.PAD));
    }

    private static int b(char c) {
        return 2 + c;
    }

    /**
     * "abc": (a,b) has rank 0, so ab then abc, never a + bc. " bc": Ġ b c -> Ġ bc -> Ġbc.
     * Planted bug caught: merging the most frequent or rightmost pair first ("abc" -> a, bc).
     */
    @Test
    void appliesMergesByRank() {
        BpeTokenizer t = tiny();
        assertThat(t.encode("abc bc")).containsExactly(259, 262);
        assertThat(t.encode("bca")).containsExactly(260, b('a'));
        // equal pairs merge left to right: "aaa" -> aa, a
        assertThat(t.encode("aaa")).containsExactly(261, b('a'));
        assertThat(t.encode("aaaa")).containsExactly(261, 261);
        assertThat(t.encode("")).isEmpty();
    }

    /** Special tokens in text become their ids in encode and stay text in encodeOrdinary. */
    @Test
    void specialTokens() {
        BpeTokenizer t = tiny();
        assertThat(t.encode("ab<|endoftext|>ab")).containsExactly(258, 0, 258);
        assertThat(t.encodeOrdinary("<|pad|>")).hasSize(7).doesNotContain(0, 1);
        assertThat(t.decode(new int[] {258, 0, 1})).isEqualTo("ab<|endoftext|><|pad|>");
        assertThat(t.endOfTextId()).isZero();
        assertThat(t.padId()).isEqualTo(1);
    }

    /** A vocabulary without all 256 byte tokens or with a merge whose result is missing is refused by name. */
    @Test
    void refusesIncompleteVocabularies() {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        vocab.put(Tokenizer.END_OF_TEXT, 0);
        vocab.put("a", 1);
        assertThatThrownBy(() -> new BpeTokenizer(vocab, List.of(), List.of(Tokenizer.END_OF_TEXT)))
                .hasMessageContaining("byte-level token");
        Map<String, Integer> full = new LinkedHashMap<>();
        full.put(Tokenizer.END_OF_TEXT, 0);
        ByteLevel.alphabet().forEach(c -> full.put(c, full.size()));
        assertThatThrownBy(() -> new BpeTokenizer(full, List.<String[]>of(new String[] {"x", "y"}),
                List.of(Tokenizer.END_OF_TEXT))).hasMessage("merges[0]: 'x' + 'y' needs the token 'xy', which is not in the vocab");
        assertThatThrownBy(() -> tiny().decode(new int[] {5000})).hasMessageContaining("id 5000 at position 0");
    }
}
