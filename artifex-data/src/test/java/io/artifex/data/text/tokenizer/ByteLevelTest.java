package io.artifex.data.text.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** GPT-2's byte map and pre-tokenisation, checked against values from GPT-2's own vocabulary. */
class ByteLevelTest {

    /** Planted bug caught: numbering the unprintable bytes from 0 instead of 256 (space would map to itself). */
    @Test
    void byteMapMatchesGpt2() {
        assertThat(ByteLevel.charOf(' ')).isEqualTo('\u0120'); // 'Ġ' in GPT-2's vocab
        assertThat(ByteLevel.charOf('\n')).isEqualTo('\u010A'); // 'Ċ'
        assertThat(ByteLevel.charOf(0)).isEqualTo('\u0100');
        assertThat(ByteLevel.charOf(0x7F)).isEqualTo('\u0121');
        assertThat(ByteLevel.charOf(0xAD)).isEqualTo('\u0143');
        assertThat(ByteLevel.charOf('A')).isEqualTo('A');
        assertThat(ByteLevel.charOf(0xE9)).isEqualTo('\u00E9');
        for (int b = 0; b < 256; b++) {
            assertThat(ByteLevel.byteOf(ByteLevel.charOf(b))).isEqualTo(b);
        }
        assertThat(ByteLevel.alphabet()).doesNotHaveDuplicates().hasSize(256);
    }

    /**
     * Runs of white space before a word give up their last character ("\n\nok" -> "\n", "\n", "ok", as
     * GPT-2 encodes it to 198, 198, ...). Planted bug caught: ASCII-only \s (no UNICODE_CHARACTER_CLASS) would read the two em spaces as one punctuation run. */
    @Test
    void preTokenizesLikeGpt2() {
        assertThat(ByteLevel.preTokenize("Hello world's 123  x!!\n\nok"))
                .containsExactly("Hello", " world", "'s", " 123", " ", " x", "!!", "\n", "\n", "ok");
        assertThat(ByteLevel.preTokenize("a\u00A0b")).containsExactly("a", "\u00A0", "b");
        assertThat(ByteLevel.preTokenize("x\u2003\u2003y")).containsExactly("x", "\u2003", "\u2003", "y");
        assertThat(ByteLevel.preTokenize("")).isEmpty();
    }

    /** Planted bug caught: String.getBytes would write '?' (0x3F) for a lone surrogate instead of U+FFFD. */
    @Test
    void loneSurrogatesBecomeReplacementCharacter() {
        assertThat(ByteLevel.utf8("a\uD800b")).containsExactly(0x61, 0xEF, 0xBF, 0xBD, 0x62);
        assertThat(ByteLevel.utf8("\uD83D\uDE00")).containsExactly(0xF0, 0x9F, 0x98, 0x80);
    }
}
