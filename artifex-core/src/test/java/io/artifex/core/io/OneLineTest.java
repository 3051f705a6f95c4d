package io.artifex.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Control characters quoted into messages are escaped onto one line (the config and tokenizer
 * fuzz targets found SnakeYAML's "unexpected character found" followed by a raw newline, a
 * line-broken optimizer type and a control character in a tokenizer's model.type; their inputs
 * live in those targets' corpora), while ordinary text, non-ASCII included, is left alone.
 */
class OneLineTest {

    @Test
    void controlCharactersAreEscapedAndOtherTextIsKept() {
        assertThat(OneLine.escape("found \n(10) \r\t\u0007 \u0000 \u007f \u2028 é"))
                .isEqualTo("found \\n(10) \\r\\t\\u0007 \\u0000 \\u007f \\u2028 é");
        assertThat(OneLine.escape("adam")).isEqualTo("adam");
        assertThat(OneLine.escape(null)).isNull();
    }
}
