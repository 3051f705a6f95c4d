package io.artifex.data.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile image files: each refused from its header or skipped with its name, the rest still load. */
class ImageFolderHeaderFirstTest {

    @TempDir
    Path dir;

    @TempDir
    Path caches;

    /** A PNG chunk: length, type, data, CRC-32 of type and data. */
    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A 45-byte PNG whose IHDR declares a {@code width x height} 8-bit RGB image and which has no pixel data. */
    private static byte[] pngHeaderOnly(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private void goodImage(Path file) throws IOException {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 3, 0xFFFFFF);
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void aTinyPngDeclaring60000By60000IsRefusedFromItsHeaderBeforeDecoding() throws IOException {
        Files.write(dir.resolve("huge.png"), pngHeaderOnly(60_000, 60_000));
        goodImage(dir.resolve("ok.png"));
        long start = System.nanoTime();
        ImageFolderDataset f = ImageFolderDataset.builder(dir).size(8, 8).cacheDirectory(caches).load();
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
        assertThat(f.images().size()).isEqualTo(1);
        assertThat(f.skipped()).singleElement().satisfies(s -> {
            assertThat(s.file()).isEqualTo(dir.resolve("huge.png"));
            assertThat(s.reason()).isEqualTo("png header declares 60000x60000 = 3600000000 pixels, more than the"
                    + " limit of 33554432 (checked before decoding)");
        });
        // a lower ceiling refuses the 16 x 16 image the same way, and then no image is left
        assertThatThrownBy(() -> ImageFolderDataset.builder(dir).size(8, 8).maxPixels(255).cache(false).load())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none of its 2 image files");
    }

    @Test
    void truncatedAndWrongMagicFilesAreSkippedByNameAndAFolderOfOnlyThoseFails() throws IOException {
        goodImage(dir.resolve("a.png"));
        byte[] whole = Files.readAllBytes(dir.resolve("a.png"));
        Files.write(dir.resolve("b-truncated.png"), Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(dir.resolve("c-text.png"), "this is not an image\n");
        ImageFolderDataset f = ImageFolderDataset.builder(dir).size(4, 4).cache(false).load();
        assertThat(f.images().size()).isEqualTo(1);
        assertThat(f.skipped()).extracting(ImageFolderDataset.SkippedFile::file)
                .containsExactly(dir.resolve("b-truncated.png"), dir.resolve("c-text.png"));
        assertThat(f.skipped().get(1).reason()).contains("no image reader recognises its first bytes");

        Files.delete(dir.resolve("a.png"));
        assertThatThrownBy(() -> ImageFolderDataset.builder(dir).size(4, 4).cache(false).load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("none of its 2 image files could be decoded (first: b-truncated.png: ");
    }

    @Test
    void theFolderIsRefusedBeforeDecodingWhenItsImagesWouldPassTheByteCeiling() throws IOException {
        goodImage(dir.resolve("a.png"));
        goodImage(dir.resolve("b.png"));
        assertThatThrownBy(() -> ImageFolderDataset.builder(dir).size(8, 8).channels(3).maxBytes(383).cache(false).load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image folder " + dir + ": 2 images at 3x8x8 need 384 bytes, more than the ceiling of 383"
                        + " (maxBytes; checked before decoding)");
        assertThat(ImageFolderDataset.builder(dir).size(8, 8).channels(3).maxBytes(384).cache(false).load()
                .images().size()).isEqualTo(2);
    }
}
