package io.artifex.data.folder;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.data.ImageDataset;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resizing and channel conversion, checked against values worked out by hand. */
class ImageSizeAndChannelsTest {

    @TempDir
    Path dir;

    @TempDir
    Path caches;

    /** 64 x 64 RGB: red = 4x, green = 4y, blue a one-pixel checkerboard (255 where x + y is even). */
    private Path pattern() throws IOException {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int blue = (x + y) % 2 == 0 ? 255 : 0;
                img.setRGB(x, y, (4 * x) << 16 | (4 * y) << 8 | blue);
            }
        }
        Path folder = Files.createDirectories(dir.resolve("pattern"));
        ImageIO.write(img, "png", folder.resolve("p.png").toFile());
        return folder;
    }

    @Test
    void a64PixelPatternReadAt32GivesTheMeansOfItsTwoByTwoBlocks() throws IOException {
        Path folder = pattern();
        ImageDataset rgb = ImageFolderDataset.builder(folder).size(32, 32).channels(3).cacheDirectory(caches)
                .load().images();
        ImageDataset grey = ImageFolderDataset.builder(folder).size(32, 32).channels(1).cacheDirectory(caches)
                .load().images();
        for (int r = 0; r < 32; r++) {
            for (int q = 0; q < 32; q++) {
                // block (r, q) covers x = 2q, 2q + 1 and y = 2r, 2r + 1: red mean 4 (2q + 0.5), green 4 (2r + 0.5),
                // blue two 255s and two 0s: 127.5, rounded half up to 128
                assertThat(rgb.pixel(0, r * 32 + q)).isEqualTo(8 * q + 2);
                assertThat(rgb.pixel(0, 1024 + r * 32 + q)).isEqualTo(8 * r + 2);
                assertThat(rgb.pixel(0, 2048 + r * 32 + q)).isEqualTo(128);
                // luma is linear, so the block mean of the luma is the luma of the block means
                long luma = Math.round(0.299 * (8 * q + 2) + 0.587 * (8 * r + 2) + 0.114 * 127.5);
                assertThat(grey.pixel(0, r * 32 + q)).as("grey at %d, %d", r, q).isEqualTo((int) luma);
            }
        }
    }

    @Test
    void bilinearAntialiasesWhenShrinkingWhereAreaAveragesBlocks() throws IOException {
        // vertical stripes two pixels wide: columns x with x % 4 < 2 are 255, the others 0
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                img.getRaster().setSample(x, y, 0, x % 4 < 2 ? 255 : 0);
            }
        }
        Path folder = Files.createDirectories(dir.resolve("stripes"));
        ImageIO.write(img, "png", folder.resolve("s.png").toFile());
        ImageDataset bilinear = ImageFolderDataset.builder(folder).size(32, 32).channels(1).resize(Resize.BILINEAR)
                .cacheDirectory(caches).load().images();
        ImageDataset area = ImageFolderDataset.builder(folder).size(32, 32).channels(1).resize(Resize.AREA)
                .cacheDirectory(caches).load().images();
        // the triangle filter widened to 2 source pixels on each side: output q is centred at 2q + 1 and weighs
        // columns 2q-1, 2q, 2q+1, 2q+2 by 1/8, 3/8, 3/8, 1/8. Even q: 0, 255, 255, 0 -> 191.25; odd q: 255, 0, 0, 255
        // -> 63.75. Plain bilinear would sample between 2q and 2q + 1 and give 255 and 0.
        for (int q = 1; q < 31; q++) {
            assertThat(bilinear.pixel(0, 5 * 32 + q)).as("bilinear column %d", q).isEqualTo(q % 2 == 0 ? 191 : 64);
            assertThat(area.pixel(0, 5 * 32 + q)).as("area column %d", q).isEqualTo(q % 2 == 0 ? 255 : 0);
        }
        // at the left edge column -1 is missing: weights 3/8, 3/8, 1/8 renormalised: 255 * 6/7 = 218.57
        assertThat(bilinear.pixel(0, 5 * 32)).isEqualTo(219);
    }

    @Test
    void greyBecomesRgbByCopyAndFixedSizeSetsAreConverted() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {17, 230});
        Path folder = Files.createDirectories(dir.resolve("grey"));
        ImageIO.write(img, "png", folder.resolve("g.png").toFile());
        ImageDataset rgb = ImageFolderDataset.builder(folder).size(1, 2).channels(3).cacheDirectory(caches)
                .load().images();
        for (int c = 0; c < 3; c++) {
            assertThat(rgb.pixel(0, c * 2)).isEqualTo(17);
            assertThat(rgb.pixel(0, c * 2 + 1)).isEqualTo(230);
        }

        // an in-memory set: one 3 x 2 x 2 image (R, G, B planes) with label 4, converted to 1 x 1 x 1
        byte[] pixels = {10, 20, 30, 40, /* G */ 100, 100, 100, 100, /* B */ (byte) 200, (byte) 200, 0, 0};
        ImageDataset colour = ImageDataset.of("tiny", 3, 2, 2, pixels, new byte[] {4}, 5);
        ImageDataset one = Resize.AREA.apply(colour, 1, 1, 1);
        // means: R 25, G 100, B 100; luma 0.299 * 25 + 0.587 * 100 + 0.114 * 100 = 77.575
        assertThat(one.pixel(0, 0)).isEqualTo(78);
        assertThat(one.label(0)).isEqualTo(4);
        assertThat(Resize.AREA.apply(colour, 3, 2, 2)).isSameAs(colour);
    }
}
