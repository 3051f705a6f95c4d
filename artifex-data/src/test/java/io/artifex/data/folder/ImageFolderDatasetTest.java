package io.artifex.data.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.artifex.core.config.data.SplitConfig;
import io.artifex.data.Datasets;
import io.artifex.data.ImageDataset;
import io.artifex.data.Split;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {

    @TempDir
    Path dir;

    @TempDir
    Path caches;

    /** An RGB image whose pixel (x, y) is (r, g, b) = (10x + y, 2 * shade, 255 - shade). */
    private static void rgb(Path file, int w, int h, int shade, String format) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, ((10 * x + y) << 16) | ((2 * shade) << 8) | (255 - shade));
            }
        }
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(img, format, file.toFile())).isTrue();
    }

    /** A grey image with pixel (x, y) = values[y * w + x]. */
    private static void grey(Path file, int w, int h, int[] values) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setPixels(0, 0, w, h, values);
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void classFoldersGiveSortedLabelsAndExactPixelsAtNativeSize() throws IOException {
        rgb(dir.resolve("zebra/b.png"), 4, 3, 20, "png");
        rgb(dir.resolve("zebra/a.png"), 4, 3, 30, "png");
        rgb(dir.resolve("ant/x.png"), 4, 3, 40, "png");
        Files.writeString(dir.resolve("ant/notes.txt"), "ignored");
        ImageFolderDataset f = ImageFolderDataset.builder(dir).size(3, 4).channels(3).load();
        assertThat(f.classNames()).containsExactly("ant", "zebra");
        assertThat(f.files()).containsExactly(dir.resolve("ant/x.png"), dir.resolve("zebra/a.png"), dir.resolve("zebra/b.png"));
        ImageDataset d = f.images();
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.label(0)).isZero();
        assertThat(d.label(2)).isEqualTo(1);
        // image 1 = zebra/a.png, shade 30: pixel (x=3, y=2) has r = 32, g = 60, b = 225 (CHW, plane 12)
        assertThat(d.pixel(1, 2 * 4 + 3)).isEqualTo(32);
        assertThat(d.pixel(1, 12 + 5)).isEqualTo(60);
        assertThat(d.pixel(1, 24)).isEqualTo(225);
        // to grey: ITU-R 601 luma of (r, g, b) = (0, 80, 215) is 0.587*80 + 0.114*215 = 71.47
        ImageFolderDataset g = ImageFolderDataset.builder(dir).size(3, 4).channels(1).cache(false).load();
        assertThat(g.images().pixel(0, 0)).isEqualTo(71);
    }

    @Test
    void areaAndBilinearResizeMatchHandComputedValues() throws IOException {
        // 4 x 2 grey row pairs: [0 40 80 120 / 200 160 120 80]
        grey(dir.resolve("img.png"), 4, 2, new int[] {0, 40, 80, 120, 200, 160, 120, 80});
        ImageDataset area = ImageFolderDataset.builder(dir).size(1, 2).channels(1).cache(false).load().images();
        assertThat(area.hasLabels()).isFalse();
        // area: mean of the left 2x2 block (0 40 200 160) = 100, right block (80 120 120 80) = 100
        assertThat(area.pixel(0, 0)).isEqualTo(100);
        assertThat(area.pixel(0, 1)).isEqualTo(100);
        ImageDataset area3 = ImageFolderDataset.builder(dir).size(2, 3).channels(1).cache(false).load().images();
        // area 4 -> 3 columns: first output covers [0, 4/3): (1*0 + 1/3*40) / (4/3) = 10
        assertThat(area3.pixel(0, 0)).isEqualTo(10);
        ImageDataset bil = ImageFolderDataset.builder(dir).size(2, 8).channels(3).resize(Resize.BILINEAR)
                .cache(false).load().images();
        assertThat(bil.channels()).isEqualTo(3);
        // bilinear 4 -> 8, output x=2: src = 2.5*0.5 - 0.5 = 0.75 -> 0.25*0 + 0.75*40 = 30; x=0 clamps to 0
        assertThat(bil.pixel(0, 2)).isEqualTo(30);
        assertThat(bil.pixel(0, 0)).isZero();
        assertThat(bil.pixel(0, 7)).isEqualTo(120);
        assertThat(bil.pixel(0, 16 + 2)).isEqualTo(30); // grey repeated into every channel
    }

    @Test
    void secondLoadReadsTheCacheAndAChangedFileInvalidatesIt() throws IOException {
        Path data = dir.resolve("data");
        rgb(data.resolve("cats/1.png"), 8, 8, 10, "png");
        rgb(data.resolve("dogs/1.jpg"), 8, 8, 50, "jpg");
        Path cache = dir.resolve("cache");
        ImageFolderDataset first = ImageFolderDataset.builder(data).size(4, 4).cacheDirectory(cache).load();
        assertThat(first.fromCache()).isFalse();
        assertThat(first.decodedCount()).isEqualTo(2);
        try (var files = Files.list(cache)) {
            assertThat(files.toList()).hasSize(1);
        }
        ImageFolderDataset second = ImageFolderDataset.builder(data).size(4, 4).cacheDirectory(cache).load();
        assertThat(second.fromCache()).isTrue();
        assertThat(second.decodedCount()).isZero();
        assertThat(second.classNames()).isEqualTo(first.classNames());
        for (int k = 0; k < 48; k++) {
            assertThat(second.images().pixel(1, k)).isEqualTo(first.images().pixel(1, k));
        }
        // JPEG is lossy but close: green = 100 everywhere
        assertThat(first.images().pixel(1, 16 + 5)).isBetween(90, 110);
        ImageFolderDataset otherSize = ImageFolderDataset.builder(data).size(2, 2).cacheDirectory(cache).load();
        assertThat(otherSize.fromCache()).isFalse();
        Files.setLastModifiedTime(data.resolve("cats/1.png"), FileTime.fromMillis(1_000_000L));
        assertThat(ImageFolderDataset.builder(data).size(4, 4).cacheDirectory(cache).load().decodedCount()).isEqualTo(2);
        // nothing was written into the data folder, and a cache directory inside it is refused
        try (var files = Files.walk(data)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> data.relativize(p).toString()).sorted().toList())
                    .containsExactly("cats/1.png", "dogs/1.jpg");
        }
        assertThatThrownBy(() -> ImageFolderDataset.builder(data).cacheDirectory(data.resolve("cache")).load())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lies inside the image folder");
        assertThat(ImageFolderDataset.defaultCacheDirectory().getFileName()).hasToString("image-folders");
    }

    @Test
    void unreadableFilesAreSkippedWithTheirPathAndEmptyFoldersFail() throws IOException {
        rgb(dir.resolve("ok.png"), 2, 2, 0, "png");
        Files.write(dir.resolve("broken.png"), new byte[] {1, 2, 3, 4});
        ImageFolderDataset f = ImageFolderDataset.builder(dir).size(2, 2).cacheDirectory(caches).load();
        assertThat(f.images().size()).isEqualTo(1);
        assertThat(f.skipped()).extracting(ImageFolderDataset.SkippedFile::file).containsExactly(dir.resolve("broken.png"));
        ImageFolderDataset cached = ImageFolderDataset.builder(dir).size(2, 2).cacheDirectory(caches).load();
        assertThat(cached.fromCache()).isTrue();
        assertThat(cached.skipped()).hasSize(1); // also from the cache

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ImageFolderDataset.builder(empty).load()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("no PNG/JPEG images");
        Path classes = dir.resolve("classes");
        rgb(classes.resolve("a/1.png"), 2, 2, 0, "png");
        Files.createDirectories(classes.resolve("b"));
        assertThatThrownBy(() -> ImageFolderDataset.builder(classes).load())
                .hasMessageContaining("class folder " + classes.resolve("b"));
        Path allBad = dir.resolve("bad");
        Files.createDirectories(allBad);
        Files.write(allBad.resolve("x.jpg"), new byte[] {9});
        assertThatThrownBy(() -> ImageFolderDataset.builder(allBad).load()).hasMessageContaining("none of its 1");
        assertThatThrownBy(() -> ImageFolderDataset.builder(dir.resolve("missing")).load())
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ImageFolderDataset.builder(dir).channels(2)).hasMessageContaining("1 or 3");
    }

    @Test
    void facadeUsesTrainAndTestSubfoldersWhenBothExist() throws IOException {
        rgb(dir.resolve("train/a/1.png"), 2, 2, 0, "png");
        rgb(dir.resolve("train/b/1.png"), 2, 2, 0, "png");
        rgb(dir.resolve("test/a/1.png"), 2, 2, 0, "png");
        SplitConfig unused = SplitConfig.defaults();
        assertThat(Datasets.source("image-folder").directory(dir).split(Split.TRAIN).imageSize(4, 4).channels(1).holdOut(unused).cacheDirectory(caches).images().size()).isEqualTo(2);
        ImageDataset test = Datasets.source("image_folder").directory(dir).split(Split.TEST).imageSize(4, 4).channels(1).holdOut(unused).cacheDirectory(caches).images();
        assertThat(test.size()).isEqualTo(1);
        assertThat(test.height()).isEqualTo(4);
        assertThat(List.of(test.channels(), test.numClasses())).containsExactly(1, 1);
    }
}
