package io.artifex.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.config.data.SplitConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.model.DataContract;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flat image folders: a disjoint seeded split, caches outside the data, sizes from the model. */
class FlatFolderSplitTest {

    @TempDir
    Path data;

    @TempDir
    Path caches;

    /** {@code n} 4 x 4 grey images, image i filled with the value 10 i. */
    private void images(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
            int[] v = new int[16];
            java.util.Arrays.fill(v, 10 * i);
            img.getRaster().setPixels(0, 0, 4, 4, v);
            ImageIO.write(img, "png", data.resolve(String.format("img-%02d.png", i)).toFile());
        }
    }

    private static Set<Integer> values(ImageDataset d) {
        Set<Integer> values = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            values.add(d.pixel(i, 0));
        }
        return values;
    }

    private ImageDataset load(Split split, SplitConfig rule) throws IOException {
        return Datasets.source("image-folder").directory(data).split(split).imageSize(4, 4).channels(1).holdOut(rule).cacheDirectory(caches).images();
    }

    @Test
    void aFlatFolderIsSplitIntoDisjointSetsOfTheConfiguredFraction() throws IOException {
        images(20);
        SplitConfig rule = SplitConfig.of(0.25, 7);
        ImageDataset train = load(Split.TRAIN, rule);
        ImageDataset test = load(Split.TEST, rule);
        assertThat(train.size()).isEqualTo(15);
        assertThat(test.size()).isEqualTo(5);
        Set<Integer> all = new HashSet<>(values(train));
        all.addAll(values(test));
        assertThat(all).hasSize(20); // every image in exactly one split
        assertThat(values(train)).doesNotContainAnyElementsOf(values(test));
        assertThat(values(load(Split.TEST, rule))).isEqualTo(values(test)); // the same seed, the same split
        assertThat(values(load(Split.TEST, SplitConfig.of(0.25, 8)))).isNotEqualTo(values(test));
        // a tiny folder still holds out one image and keeps one for training
        assertThat(load(Split.TEST, SplitConfig.of(0.01, 7)).size()).isEqualTo(1);
        assertThat(load(Split.TRAIN, SplitConfig.of(0.99, 7)).size()).isEqualTo(1);
    }

    @Test
    void aSingleImageCannotBeSplit() throws IOException {
        images(1);
        assertThatThrownBy(() -> load(Split.TRAIN, SplitConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 1 image(s) and no train/ and test/ subfolders")
                .hasMessageContaining("data.split");
    }

    @Test
    void aReadOnlyDataFolderLoadsWithItsCacheElsewhereReadableByAll() throws IOException {
        images(6);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            DataConfig config = DataConfig.builder().dataset("image-folder").directory(data.toString())
                    .preprocessing(Preprocessing.SCALE01).imageSize(4, 4).channels(1)
                    .cacheDirectory(caches.resolve("artifex").toString()).build();
            BatchSource train = DataSources.train(config, 2, 0);
            BatchSource test = DataSources.test(config, 2, 0);
            assertThat(train.size() + test.size()).isEqualTo(6);
            try (Stream<Path> files = Files.list(data)) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                        "img-00.png", "img-01.png", "img-02.png", "img-03.png", "img-04.png", "img-05.png");
            }
            List<Path> cached;
            try (Stream<Path> files = Files.list(caches.resolve("artifex"))) {
                cached = files.toList();
            }
            assertThat(cached).singleElement().satisfies(p -> {
                assertThat(p.getFileName().toString()).startsWith("image-folder-").endsWith(".bin");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-r--r--");
            });
        } finally {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void anImageFolderTakesItsSizeAndChannelsFromTheModelWhenTheConfigLeavesThemOut() throws IOException {
        images(4);
        DataConfig config = DataConfig.builder().dataset("image-folder").directory(data.toString())
                .preprocessing(Preprocessing.AUTO).cacheDirectory(caches.toString()).build();
        DataContract model = DataContract.bounded(0, 1, new Shape(3, 40, 40), Preprocessing.SCALE01);
        DataConfig resolved = DataSources.resolve(config, model);
        assertThat(List.of(resolved.height(), resolved.width(), resolved.channels())).containsExactly(40, 40, 3);
        assertThat(resolved.preprocessing()).isEqualTo(Preprocessing.SCALE01);
        assertThat(DataSources.train(config, model, 2, 0).exampleShape()).isEqualTo(new Shape(3, 40, 40));
        // what the config sets wins; other data sets keep their own size
        DataConfig grey = config.toBuilder().channels(1).build();
        assertThat(DataSources.resolve(grey, model).channels()).isEqualTo(1);
        DataConfig mnist = DataConfig.of("mnist", Preprocessing.AUTO);
        assertThat(DataSources.resolve(mnist, model).hasImageSize()).isFalse();
    }
}
