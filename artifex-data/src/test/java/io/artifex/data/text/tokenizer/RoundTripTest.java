package io.artifex.data.text.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.config.data.TokenizerConfig;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** decode(encode(s)) == s for random and hostile strings, with a trained tokenizer. */
class RoundTripTest {

    private static BpeTokenizer bpe;

    @BeforeAll
    static void train() {
        BpeTrainer trainer = new BpeTrainer(TokenizerConfig.builder().vocabSize(600).build());
        Random r = new Random(1);
        for (int i = 0; i < 200; i++) {
            trainer.add(randomText(r, 200));
        }
        trainer.add("the quick brown fox jumps over the lazy dog; the end. abcdefghijklmnopqrstuvwxyz".repeat(20));
        bpe = trainer.train();
    }

    /** Random code points from every plane, letters, digits, spaces and controls. */
    static String randomText(Random r, int length) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            int kind = r.nextInt(6);
            int cp = switch (kind) {
                case 0 -> 'a' + r.nextInt(26);
                case 1 -> " \n\t\r\u00A0\u3000".charAt(r.nextInt(6));
                case 2 -> r.nextInt(0x80);
                case 3 -> 0x80 + r.nextInt(0x800 - 0x80);
                case 4 -> 0x10000 + r.nextInt(0x10FFFF - 0x10000);
                default -> 0x800 + r.nextInt(0xD800 - 0x800);
            };
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    /** Planted bug caught: an encoder that drops the text after the last special token. */
    @Test
    void randomUnicodeRoundTrips() {
        Random r = new Random(42);
        for (int i = 0; i < 300; i++) {
            String s = randomText(r, 1 + r.nextInt(300));
            if (r.nextInt(10) == 0) {
                s = s + Tokenizer.END_OF_TEXT + s;
            }
            assertThat(bpe.decode(bpe.encode(s))).isEqualTo(s);
            assertThat(bpe.decode(bpe.encodeOrdinary(s))).isEqualTo(s);
        }
        assertThat(bpe.encode("")).isEmpty();
        assertThat(bpe.decode(new int[0])).isEmpty();
    }

    /** Lone surrogates come back as U+FFFD, everything around them unchanged (the documented rule). */
    @Test
    void loneSurrogatesDecodeAsReplacementCharacter() {
        String hostile = "x\uD800y\uDFFFz\uDBFF";
        assertThat(bpe.decode(bpe.encode(hostile))).isEqualTo("x\uFFFDy\uFFFDz\uFFFD");
    }

    /**
     * A 10 MB line that is one 10-million-byte word (the worst case for BPE). Planted bug
     * caught: re-scanning all pairs after each merge (quadratic; this test would not finish).
     */
    @Test
    void tenMegabyteWord() {
        Random r = new Random(3);
        char[] word = new char[10_000_000];
        for (int i = 0; i < word.length; i++) {
            word[i] = (char) ('a' + r.nextInt(26));
        }
        String s = new String(word);
        int[] ids = bpe.encode(s);
        assertThat(ids.length).isLessThan(s.length());
        assertThat(bpe.decode(ids)).isEqualTo(s);
    }

    /** A 1 MB line of ordinary prose (many words, through the word cache). */
    @Test
    void megabyteProseLine() {
        String prose = "the quick brown fox jumps over the lazy dog. ".repeat(23_000);
        assertThat(bpe.decode(bpe.encode(prose))).isEqualTo(prose);
    }

    /** The character tokenizer round-trips its own corpus and names an unknown character. */
    @Test
    void characterTokenizer() {
        CharTokenizer c = CharTokenizer.train(List.of("First Citizen:\nBefore we proceed, hear me speak. \uD83D\uDE00"),
                List.of(Tokenizer.END_OF_TEXT));
        String s = "Before we speak, hear me.\uD83D\uDE00";
        assertThat(c.decode(c.encode(s))).isEqualTo(s);
        assertThat(c.encode("F<|endoftext|>")).containsExactly(c.encode("F")[0], 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.encode("FQ"))
                .hasMessage("character U+0051 at index 1 is not in the character tokenizer's vocabulary (26 characters)");
    }
}
