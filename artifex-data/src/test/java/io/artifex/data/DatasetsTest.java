package io.artifex.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.data.BatchSource;
import io.artifex.core.model.Batch;
import io.artifex.data.idx.IdxFiles;
import io.artifex.data.toy.Checkerboard;
import io.artifex.data.toy.EightGaussians;
import io.artifex.data.toy.Rings;
import io.artifex.data.toy.SwissRoll;
import io.artifex.data.toy.ToyDensity;
import io.artifex.data.toy.TwoMoons;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path dir;

    @Test
    void unknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> Datasets.source("svhn")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown dataset 'svhn'")
                .hasMessageContaining("[mnist, fashion-mnist, cifar10, cifar100, cifar100-coarse, image-folder, "
                        + "moons, eight-gaussians, checkerboard, swiss-roll, rings")
                .hasMessageContaining("audio");
        assertThatThrownBy(() -> Datasets.source("audio")).hasMessageContaining("is an audio data set");
        assertThatThrownBy(() -> Datasets.toy(null)).hasMessageContaining("unknown dataset 'null'");
        assertThatThrownBy(() -> Datasets.toy("mnist")).hasMessageContaining("is an image data set");
        assertThatThrownBy(() -> Datasets.images("moons", null, Split.TRAIN)).hasMessageContaining("is a toy distribution");
    }

    @Test
    void toyNamesMapToTheirDistributionsWithExactDensitiesWhereDefined() {
        assertThat(Datasets.toy("moons")).isInstanceOf(TwoMoons.class).isNotInstanceOf(ToyDensity.class);
        assertThat(Datasets.toy("Eight_Gaussians")).isInstanceOf(EightGaussians.class);
        assertThat(Datasets.toy("checkerboard")).isInstanceOf(Checkerboard.class);
        assertThat(Datasets.toy("swiss-roll")).isInstanceOf(SwissRoll.class).isNotInstanceOf(ToyDensity.class);
        assertThat(Datasets.toy("rings")).isInstanceOf(Rings.class).isInstanceOf(ToyDensity.class);
        for (String name : Datasets.TOY_NAMES) {
            assertThat(Datasets.toy(name).name()).isEqualTo(name);
            assertThat(Datasets.isToy(name)).isTrue();
        }
        assertThat(Datasets.isImage("MNIST")).isTrue();
    }

    @Test
    void mnistDefaultsToTheEmbeddedSubsetAndADirectoryOverridesIt() throws IOException {
        assertThat(Datasets.images("mnist", null, Split.TEST)).isSameAs(EmbeddedMnist.test());
        IdxFiles.writeSplit(dir, "t10k", 6, 28, 28, true);
        assertThat(Datasets.images("mnist", dir, Split.TEST).size()).isEqualTo(6);
        assertThat(Datasets.images("fashion-mnist", dir, Split.TEST).size()).isEqualTo(6);
    }

    @Test
    void sourcesBuildBatchesForImagesAndToys() throws IOException {
        BatchSource mnist = Datasets.source("mnist").split(Split.TEST).batchSize(50).seed(3)
                .layout(ImageLayout.FLAT).build();
        assertThat(mnist.size()).isEqualTo(2000);
        assertThat(mnist.batchesPerEpoch()).isEqualTo(40);
        assertThat(mnist.exampleShape()).isEqualTo(new Shape(784));
        BatchSource toy = Datasets.source("checkerboard").toySize(1000).batchSize(100).build();
        assertThat(toy.size()).isEqualTo(1000);
        try (NDManager m = NDManager.newBaseManager()) {
            Batch b = mnist.epoch(0).next(m);
            assertThat(b.x().getShape()).isEqualTo(new Shape(50, 784));
            assertThat(b.x().max().getFloat()).isLessThanOrEqualTo(1f);
            Batch t = toy.epoch(0).next(m);
            assertThat(t.x().getShape()).isEqualTo(new Shape(100, 2));
            float[] p = t.x().toFloatArray();
            Checkerboard c = new Checkerboard();
            for (int i = 0; i < 100; i++) {
                assertThat(c.isBlack(p[2 * i], p[2 * i + 1])).isTrue();
            }
        }
    }
}
