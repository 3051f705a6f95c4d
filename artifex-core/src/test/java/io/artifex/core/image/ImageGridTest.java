package io.artifex.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {

    @TempDir
    Path dir;

    @Test
    void grayscaleGridPlacesEachPixelWithPadding() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            // three 2x2 images in [-1, 1], two per row, padding 1
            NDArray x = m.create(new float[] {-1f, 1f, 0f, 1f, 1f, 1f, 1f, 1f, -1f, -1f, -1f, 0.5f},
                    new Shape(3, 1, 2, 2));
            BufferedImage img = ImageGrid.toImage(x, ValueRange.MINUS_ONE_ONE, 2, 1);
            assertThat(img.getWidth()).isEqualTo(2 * 2 + 3);
            assertThat(img.getHeight()).isEqualTo(2 * 2 + 3);
            assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
            // image 0 at (1,1)
            assertThat(img.getRaster().getSample(1, 1, 0)).isEqualTo(0);
            assertThat(img.getRaster().getSample(2, 1, 0)).isEqualTo(255);
            assertThat(img.getRaster().getSample(1, 2, 0)).isEqualTo(128); // 0 -> 127.5 rounds to 128
            // image 1 at (4,1): all white
            assertThat(img.getRaster().getSample(4, 1, 0)).isEqualTo(255);
            // image 2 at (1,4): last pixel 0.5 -> 0.75*255 = 191.25 -> 191
            assertThat(img.getRaster().getSample(2, 5, 0)).isEqualTo(191);
            // padding and the empty cell are black
            assertThat(img.getRaster().getSample(0, 0, 0)).isEqualTo(0);
            assertThat(img.getRaster().getSample(3, 1, 0)).isEqualTo(0);
            assertThat(img.getRaster().getSample(5, 5, 0)).isEqualTo(0);
        }
    }

    @Test
    void rgbAndFlatInputsAndPngRoundTrip() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            // one 1x2 RGB image in [0,1]: pixel0 = (1,0,0.5), pixel1 = (0,1,2 clamps to 1)
            NDArray rgb = m.create(new float[] {1f, 0f, 0f, 1f, 0.5f, 2f}, new Shape(1, 3, 1, 2));
            BufferedImage img = ImageGrid.toImage(rgb, ValueRange.ZERO_ONE, 4, 0);
            assertThat(img.getWidth()).isEqualTo(2);
            assertThat(img.getRGB(0, 0) & 0xFFFFFF).isEqualTo((255 << 16) | (0 << 8) | 128);
            assertThat(img.getRGB(1, 0) & 0xFFFFFF).isEqualTo((0 << 16) | (255 << 8) | 255);

            NDArray flat = m.create(new float[] {0f, 1f, 1f, 0f}, new Shape(1, 4));
            Path file = dir.resolve("sub/grid.png");
            ImageGrid.writePng(flat, ValueRange.ZERO_ONE, 8, 0, file);
            BufferedImage back = ImageIO.read(file.toFile());
            assertThat(back.getWidth()).isEqualTo(2);
            assertThat(back.getRaster().getSample(1, 0, 0)).isEqualTo(255);
            assertThat(back.getRaster().getSample(1, 1, 0)).isEqualTo(0);
            try (var files = Files.list(file.getParent())) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("grid.png");
            }
        }
    }

    @Test
    void rejectsBadShapesWithTheShapeInTheMessage() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> ImageGrid.toImage(m.zeros(new Shape(2, 5)), ValueRange.ZERO_ONE, 2, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("perfect square");
            assertThatThrownBy(() -> ImageGrid.toImage(m.zeros(new Shape(1, 2, 2, 2)), ValueRange.ZERO_ONE, 2, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 or 3 channels");
        }
    }
}
