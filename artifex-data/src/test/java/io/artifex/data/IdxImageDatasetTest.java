package io.artifex.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.artifex.data.idx.IdxFiles;
import io.artifex.data.idx.IdxFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxImageDatasetTest {

    @TempDir
    Path dir;

    @Test
    void loadsBothSplitsRawOrGzipWithExactPixelsAndLabels() throws IOException {
        IdxFiles.writeSplit(dir, "train", 12, 4, 3, true);
        IdxFiles.writeSplit(dir, "t10k", 5, 4, 3, false);
        ImageDataset train = Mnist.load(dir, Split.TRAIN);
        ImageDataset test = FashionMnist.load(dir, Split.TEST);
        assertThat(train.size()).isEqualTo(12);
        assertThat(test.size()).isEqualTo(5);
        assertThat(train.channels()).isEqualTo(1);
        assertThat(train.height()).isEqualTo(4);
        assertThat(train.width()).isEqualTo(3);
        assertThat(train.pixel(11, 5)).isEqualTo((11 * 7 + 5) % 256);
        assertThat(train.label(11)).isEqualTo(1);
        assertThat(train.labelCounts()).containsExactly(2, 2, 1, 1, 1, 1, 1, 1, 1, 1);
        float[] buf = new float[12];
        test.copyExample(4, buf, 0);
        assertThat(buf[0]).isEqualTo(28f);
        assertThat(buf[11]).isEqualTo(39f);
    }

    @Test
    void missingFileErrorNamesDirectoryAndFile() throws IOException {
        IdxFiles.writeSplit(dir, "train", 3, 2, 2, true);
        Files.delete(dir.resolve("train-labels-idx1-ubyte.gz"));
        assertThatThrownBy(() -> Mnist.load(dir, Split.TRAIN)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("mnist labels file missing in " + dir)
                .hasMessageContaining("train-labels-idx1-ubyte.gz");
        assertThatThrownBy(() -> Mnist.load(dir, Split.TEST)).hasMessageContaining("images file missing")
                .hasMessageContaining("t10k-images-idx3-ubyte");
        assertThatThrownBy(() -> Mnist.load(dir.resolve("absent"), Split.TRAIN)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("absent").hasMessageContaining("directory does not exist");
    }

    @Test
    void countMismatchBetweenImagesAndLabelsIsAnError() throws IOException {
        IdxFiles.writeUbyte(dir.resolve("train-images-idx3-ubyte"), new int[] {3, 2, 2}, new byte[12], false);
        IdxFiles.writeUbyte(dir.resolve("train-labels-idx1-ubyte"), new int[] {4}, new byte[4], false);
        assertThatThrownBy(() -> Mnist.load(dir, Split.TRAIN)).isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("has 4 labels but").hasMessageContaining("has 3 images");
    }

    @Test
    void labelOutOfRangeIsAnError() throws IOException {
        IdxFiles.writeUbyte(dir.resolve("train-images-idx3-ubyte"), new int[] {3, 2, 2}, new byte[12], false);
        IdxFiles.writeUbyte(dir.resolve("train-labels-idx1-ubyte"), new int[] {3}, new byte[] {1, 10, 2}, false);
        assertThatThrownBy(() -> Mnist.load(dir, Split.TRAIN)).isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("train-labels-idx1-ubyte")
                .hasMessageContaining("label 10 at index 1 is out of range [0, 10)");
    }

    @Test
    void labelsGivenAsImagesAreRejected() throws IOException {
        IdxFiles.writeUbyte(dir.resolve("train-images-idx3-ubyte"), new int[] {12}, new byte[12], false);
        IdxFiles.writeUbyte(dir.resolve("train-labels-idx1-ubyte"), new int[] {3}, new byte[3], false);
        assertThatThrownBy(() -> Mnist.load(dir, Split.TRAIN)).hasMessageContaining("expected 3 dimension(s)");
    }

    @Test
    void fashionMnistDefaultDirectoryMatchesTheFileSystem() {
        assertThat(FashionMnist.defaultDirectory().isPresent())
                .isEqualTo(Files.isDirectory(Path.of(FashionMnist.DEBIAN_DIRECTORY)));
    }

    @Test
    void subsetCopiesTheRightImages() throws IOException {
        IdxFiles.writeSplit(dir, "train", 6, 2, 2, false);
        ImageDataset sub = Mnist.load(dir, Split.TRAIN).subset(2, 5);
        assertThat(sub.size()).isEqualTo(3);
        assertThat(sub.pixel(0, 1)).isEqualTo(2 * 7 + 1);
        assertThat(sub.label(2)).isEqualTo(4);
        assertThatThrownBy(() -> sub.subset(2, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
