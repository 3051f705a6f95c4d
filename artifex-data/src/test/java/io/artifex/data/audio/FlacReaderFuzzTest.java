package io.artifex.data.audio;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.artifex.data.fuzz.FuzzContract;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the FLAC decoder. The seed corpus in {@code FlacReaderFuzzTestInputs/} (small
 * files from the reference encoder, a hand-built frame with an escaped residual, and damaged
 * copies) runs as a regression test in every build; see docs/testing.md, "Fuzzing".
 */
class FlacReaderFuzzTest {

    private static final long LIMIT = 1 << 20;

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void readAnyFlac(byte[] input) throws Exception {
        FuzzContract.check(() -> {
            PcmAudio pcm = FlacReader.read(new ByteArrayInputStream(input), "fuzz.flac", LIMIT);
            // a successful decode passed every CRC and holds samples within its bit depth and the ceiling
            assertThat((long) pcm.frames() * pcm.channels()).isBetween(1L, LIMIT);
            long lo = -(1L << (pcm.bitsPerSample() - 1));
            long hi = (1L << (pcm.bitsPerSample() - 1)) - 1;
            for (int[] channel : pcm.samples()) {
                for (int v : channel) {
                    assertThat((long) v).isBetween(lo, hi);
                }
            }
        }, AudioFormatException.class);
        // the same without the CRC and MD5 comparisons, so that mutated frames reach the subframe decoding
        FuzzContract.check(() -> FlacReader.read(new ByteArrayInputStream(input), "fuzz.flac", LIMIT, false),
                AudioFormatException.class);
    }
}
