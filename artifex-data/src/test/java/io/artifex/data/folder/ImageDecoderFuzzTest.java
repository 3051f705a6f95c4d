package io.artifex.data.folder;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.artifex.data.fuzz.FuzzContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the image-folder decoder's single-image path (PNG/JPEG through
 * {@code javax.imageio}, channel conversion, resize). The first byte picks the channels and the
 * resize mode, the rest is the image file. Seeds in {@code ImageDecoderFuzzTestInputs/}.
 */
class ImageDecoderFuzzTest {

    private static Path file;

    @BeforeAll
    static void folder() throws IOException {
        file = Files.createTempFile("image-fuzz", ".png");
    }

    @AfterAll
    static void clean() throws IOException {
        Files.deleteIfExists(file);
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void decodeAnyImage(FuzzedDataProvider data) throws Exception {
        int channels = data.consumeBoolean() ? 3 : 1;
        Resize resize = data.consumeBoolean() ? Resize.AREA : Resize.BILINEAR;
        Files.write(file, data.consumeRemainingAsBytes());
        FuzzContract.check(() -> {
            byte[] pixels = ImageDecoder.decode(file, channels, 8, 8, resize, io.artifex.data.DataLimits.DEFAULT_MAX_IMAGE_PIXELS);
            assertThat(pixels).hasSize(channels * 8 * 8);
        }, IOException.class);
    }
}
