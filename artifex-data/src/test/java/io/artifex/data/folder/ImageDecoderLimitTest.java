package io.artifex.data.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoder reads an image's declared size before allocating its pixels. */
class ImageDecoderLimitTest {

    private static byte[] seed(String name) throws IOException {
        try (InputStream in = ImageDecoderLimitTest.class.getResourceAsStream(
                "ImageDecoderFuzzTestInputs/decodeAnyImage/" + name)) {
            byte[] bytes = in.readAllBytes();
            // the fuzz seeds end in two selector bytes that are not part of the file
            return java.util.Arrays.copyOf(bytes, bytes.length - 2);
        }
    }

    @Test
    void aSmallFileDeclaringHugeDimensionsIsRefusedFromItsHeader(@TempDir Path dir) throws IOException {
        // 20000 x 20000 in the IHDR of a 70-byte PNG: decoding it would allocate 1.2 GB first
        Path file = Files.write(dir.resolve("large.png"), seed("large-ihdr-20000.png"));
        assertThatThrownBy(() -> ImageDecoder.decode(file, 3, 8, 8, Resize.AREA, io.artifex.data.DataLimits.DEFAULT_MAX_IMAGE_PIXELS))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("header declares 20000x20000 = 400000000 pixels, more than the limit of 33554432");
    }

    @Test
    void aValidImageStillDecodes(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("small.png"), seed("rgb-4x4.png"));
        byte[] pixels = ImageDecoder.decode(file, 3, 4, 4, Resize.AREA, io.artifex.data.DataLimits.DEFAULT_MAX_IMAGE_PIXELS);
        // pixel (x=1, y=2) of the seed is (60, 120, 128), hand-written in the PNG rows
        assertThat(new int[] {pixels[2 * 4 + 1] & 0xFF, pixels[16 + 2 * 4 + 1] & 0xFF, pixels[32 + 2 * 4 + 1] & 0xFF})
                .containsExactly(60, 120, 128);
    }
}
