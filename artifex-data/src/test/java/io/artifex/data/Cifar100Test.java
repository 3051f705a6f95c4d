package io.artifex.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.artifex.core.data.BatchSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar100Test {

    @TempDir
    Path dir;

    /** Record r: coarse (r + salt) % 20, fine (3r + salt) % 100, pixel k = (r + 7k + salt) % 256. */
    private static void write(Path file, int n, int salt) throws IOException {
        byte[] b = new byte[n * Cifar100.RECORD_BYTES];
        for (int r = 0; r < n; r++) {
            int off = r * Cifar100.RECORD_BYTES;
            b[off] = (byte) ((r + salt) % 20);
            b[off + 1] = (byte) ((3 * r + salt) % 100);
            for (int k = 0; k < 3072; k++) {
                b[off + 2 + k] = (byte) ((r + 7 * k + salt) % 256);
            }
        }
        Files.write(file, b);
    }

    @Test
    void readsFineLabelsByDefaultCoarseOnRequestAndPixelsInNchwOrder() throws IOException {
        Path bin = Files.createDirectory(dir.resolve(Cifar100.FOLDER));
        write(bin.resolve("train.bin"), 4, 5);
        write(bin.resolve("test.bin"), 2, 90);
        ImageDataset fine = Cifar100.load(dir, Split.TRAIN);
        assertThat(fine.size()).isEqualTo(4);
        assertThat(fine.numClasses()).isEqualTo(100);
        assertThat(fine.label(3)).isEqualTo((9 + 5) % 100);
        assertThat(fine.pixel(3, 2048 + 33)).isEqualTo((3 + 7 * (2048 + 33) + 5) % 256);
        ImageDataset coarse = Cifar100.load(bin, Split.TRAIN, Cifar100.LabelKind.COARSE);
        assertThat(coarse.numClasses()).isEqualTo(20);
        assertThat(coarse.label(3)).isEqualTo(8);
        ImageDataset test = Datasets.images("cifar100-coarse", dir, Split.TEST);
        assertThat(test.size()).isEqualTo(2);
        assertThat(test.label(1)).isEqualTo(91 % 20);
        assertThat(Datasets.images("CIFAR100", dir, Split.TEST).label(1)).isEqualTo(93 % 100);
        BatchSource src = Datasets.source("cifar100").directory(dir).batchSize(2).build();
        assertThat(src.exampleShape().getShape()).containsExactly(3, 32, 32);
    }

    @Test
    void layoutErrorsNameTheFileAndTheProblem() throws IOException {
        assertThatThrownBy(() -> Cifar100.load(dir, Split.TRAIN)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("train.bin");
        Files.write(dir.resolve("test.bin"), new byte[Cifar100.RECORD_BYTES * 2 + 3]);
        assertThatThrownBy(() -> Cifar100.load(dir, Split.TEST)).hasMessageContaining("test.bin")
                .hasMessageContaining("3074-byte").hasMessageContaining("remainder 3");
        byte[] bad = new byte[Cifar100.RECORD_BYTES * 2];
        bad[Cifar100.RECORD_BYTES + 1] = 100;
        Files.write(dir.resolve("test.bin"), bad);
        assertThatThrownBy(() -> Cifar100.load(dir, Split.TEST)).hasMessageContaining("fine label 100 of record 1");
        bad[Cifar100.RECORD_BYTES + 1] = 0;
        bad[0] = 20;
        Files.write(dir.resolve("test.bin"), bad);
        assertThatThrownBy(() -> Cifar100.load(dir, Split.TEST, Cifar100.LabelKind.FINE))
                .hasMessageContaining("coarse label 20 of record 0");
        assertThatThrownBy(() -> Datasets.images("cifar100", null, Split.TEST)).hasMessageContaining("needs a directory");
        assertThatThrownBy(() -> Cifar100.load(dir.resolve("nope"), Split.TEST)).isInstanceOf(NoSuchFileException.class);
    }
}
