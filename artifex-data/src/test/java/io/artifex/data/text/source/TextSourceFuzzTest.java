package io.artifex.data.text.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.artifex.data.fuzz.FuzzContract;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the corpus readers (paragraphs, lines, file, JSON lines, Wikipedia XML with
 * markup stripping): any bytes are read, or fail with a {@link TextFormatException} and a one-line
 * message. The last byte picks the format. Seeds in {@code TextSourceFuzzTestInputs/}.
 */
class TextSourceFuzzTest {

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void readAnyCorpusFile(FuzzedDataProvider data) throws Exception {
        TextFormat format = TextFormat.values()[data.consumeInt(0, TextFormat.values().length - 1)];
        byte[] file = data.consumeRemainingAsBytes();
        FuzzContract.check(() -> {
            try (DocumentReader r = DocumentReader.open(new ByteArrayInputStream(file), "fuzz", format, "text")) {
                DocumentReader.Piece p;
                while ((p = r.next()) != null) {
                    assertThat(p.text()).isNotNull();
                }
            }
        }, TextFormatException.class);
    }
}
