package io.artifex.data.text.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code tokenizer.json} files that used to be read wrongly or too expensively. Too large to build
 * in memory: refused by the streaming size pass before the tree exists (planted bug caught: the
 * pass removed; a vocabulary of 1,048,577 tokens is then built in full, about 200 MB, and refused
 * only later for a missing special token). Content after the top-level object, and a character
 * tokenizer's special-token ids that disagree with the order it numbers them in (both were
 * ignored, found by fuzzing; planted bug caught: either check removed, the file then loads).
 */
class TokenizerJsonRefusalsTest {

    private static final String HEAD = "{\"version\": \"1.0\", \"added_tokens\": [], \"pre_tokenizer\": {\"type\": \"ByteLevel\"},"
            + " \"decoder\": {\"type\": \"ByteLevel\"}, \"model\": {\"type\": \"BPE\", \"merges\": [], ";

    @Test
    void aVocabularyOfOneEntryTooManyIsRefusedWithItsPath() {
        StringBuilder json = new StringBuilder(HEAD).append("\"vocab\": {");
        for (int i = 0; i <= TokenizerJson.MAX_ENTRIES; i++) {
            json.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":").append(i);
        }
        json.append("}}}");
        long start = System.nanoTime();
        assertThatThrownBy(() -> read(json.toString())).isInstanceOf(TokenizerFormatException.class)
                .hasMessage("tokenizer file big.json: model.vocab has more than 1048576 entries, the limit");
        // well under a second on a quiet machine; the margin is for a loaded build machine
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
    }

    @Test
    void tooManyTokensInAllAreRefusedEvenWhenEveryArrayIsWithinItsLimit() {
        StringBuilder json = new StringBuilder(HEAD).append("\"vocab\": {\"a\": 0}, \"pad\": [");
        String block = "[" + "0,".repeat(999_999) + "0]";
        for (int i = 0; i < 5; i++) {
            json.append(i == 0 ? "" : ",").append(block);
        }
        json.append("]}}");
        assertThatThrownBy(() -> read(json.toString())).isInstanceOf(TokenizerFormatException.class)
                .hasMessage("tokenizer file big.json holds more than 4194304 JSON tokens (names, values and brackets), the limit");
    }

    @Test
    void contentAfterTheTopLevelObjectIsRefused() throws Exception {
        String json = "{\"added_tokens\": [{\"id\": 0, \"content\": \"<|endoftext|>\", \"special\": true}],"
                + " \"model\": {\"type\": \"ArtifexChar\", \"characters\": [97]}}\n1";
        assertThatThrownBy(() -> read(json)).isInstanceOf(TokenizerFormatException.class)
                .hasMessage("tokenizer file big.json has content after its top-level JSON object (at line 2, column 1)");
        assertThat(read(json.substring(0, json.length() - 2)).vocabSize()).isEqualTo(2);
    }

    @Test
    void aCharacterTokenizersSpecialIdsMustBeItsOwnNumbering() throws Exception {
        String json = "{\"added_tokens\": [{\"id\": 0, \"content\": \"<|endoftext|>\", \"special\": true},"
                + " {\"id\": 2, \"content\": \"<<\", \"special\": true}],"
                + " \"model\": {\"type\": \"ArtifexChar\", \"characters\": [60, 9, 22]}}";
        assertThatThrownBy(() -> read(json)).isInstanceOf(TokenizerFormatException.class)
                .hasMessage("tokenizer file big.json: added_tokens[1] '<<' has id 2; a character tokenizer numbers its"
                        + " special tokens 0, 1, 2, ... in the order listed, so 1 is expected");
        assertThat(read(json.replace("\"id\": 2", "\"id\": 1")).vocabSize()).isEqualTo(5);
    }

    private static Tokenizer read(String json) throws java.io.IOException {
        return TokenizerJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "big.json");
    }
}
