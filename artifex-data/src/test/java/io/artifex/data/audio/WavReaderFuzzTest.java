package io.artifex.data.audio;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.artifex.data.fuzz.FuzzContract;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the WAV reader. The seed corpus in {@code WavReaderFuzzTestInputs/} runs as a
 * regression test in every build; see docs/testing.md, "Fuzzing", for a longer run.
 */
class WavReaderFuzzTest {

    private static final long LIMIT = 1 << 20;

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void readAnyWav(byte[] input) throws Exception {
        FuzzContract.check(() -> {
            AudioClip clip = WavReader.read(new ByteArrayInputStream(input), "fuzz.wav", LIMIT);
            // a successful read holds what its header promised, within the ceiling, every sample finite
            assertThat((long) clip.frames() * clip.channels()).isBetween(1L, LIMIT);
            assertThat(clip.channels()).isBetween(1, WavReader.MAX_CHANNELS);
            for (float[] channel : clip.samples()) {
                for (float v : channel) {
                    assertThat(Float.isFinite(v)).isTrue();
                }
            }
        }, AudioFormatException.class);
        // the format-sniffing entry point refuses or reads the same bytes the same way
        FuzzContract.check(() -> AudioFiles.read(new ByteArrayInputStream(input), "fuzz.audio", LIMIT),
                AudioFormatException.class);
    }
}
