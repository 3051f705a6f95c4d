package io.artifex.data.text.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.artifex.data.fuzz.FuzzContract;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the {@code tokenizer.json} reader: any bytes either load, or fail with a
 * {@link TokenizerFormatException} and a one-line message. A tokenizer that loads must round-trip
 * text made of its own characters. Seeds in {@code TokenizerJsonFuzzTestInputs/}.
 */
class TokenizerJsonFuzzTest {

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void readAnyTokenizerJson(FuzzedDataProvider data) throws Exception {
        byte[] file = data.consumeRemainingAsBytes();
        FuzzContract.check(() -> {
            Tokenizer t = TokenizerJson.read(new ByteArrayInputStream(file), "fuzz.json");
            assertThat(t.vocabSize()).isPositive();
            String text = t instanceof CharTokenizer c ? c.decode(new int[] {t.vocabSize() - 1, t.endOfTextId()})
                    : "the cat\u00e9 \uD83D\uDE00<|endoftext|>";
            // a special token that starts inside the first token's text (a special '<<' before
            // '<|endoftext|>' decoded from '<') makes the text ambiguous: encoding takes the longest
            // special at each '<', as every tokenizer with special tokens does, so no round trip is owed
            String head = t instanceof CharTokenizer c ? c.decode(new int[] {t.vocabSize() - 1}) : "";
            boolean ambiguous = t.specialTokens().stream().anyMatch(s -> {
                int at = text.indexOf(s);
                return at >= 0 && at < head.length();
            });
            if (!ambiguous) {
                assertThat(t.decode(t.encode(text))).isEqualTo(text);
            }
        }, TokenizerFormatException.class);
    }
}
