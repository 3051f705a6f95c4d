package io.artifex.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.model.Batch;
import io.artifex.data.transform.Transforms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10Test {

    @TempDir
    Path dir;

    /** Writes {@code n} records; record r has label (r + salt) % 10 and pixel k = (r + k + salt) % 256. */
    private static void writeBatch(Path file, int n, int salt) throws IOException {
        byte[] b = new byte[n * Cifar10.RECORD_BYTES];
        for (int r = 0; r < n; r++) {
            int off = r * Cifar10.RECORD_BYTES;
            b[off] = (byte) ((r + salt) % 10);
            for (int k = 0; k < 3072; k++) {
                b[off + 1 + k] = (byte) ((r + k + salt) % 256);
            }
        }
        Files.write(file, b);
    }

    @Test
    void loadsTrainAsTheConcatenationOfFiveBatchesInNchwOrder() throws IOException {
        Path bin = Files.createDirectory(dir.resolve("cifar-10-batches-bin"));
        for (int i = 1; i <= 5; i++) {
            writeBatch(bin.resolve("data_batch_" + i + ".bin"), 3, 10 * i);
        }
        writeBatch(bin.resolve("test_batch.bin"), 2, 0);
        ImageDataset train = Cifar10.load(dir, Split.TRAIN);
        assertThat(train.size()).isEqualTo(15);
        assertThat(train.channels()).isEqualTo(3);
        // record 1 of batch 2 (salt 20) is image 4: label 21 % 10, green channel first pixel at k = 1024
        assertThat(train.label(4)).isEqualTo(1);
        assertThat(train.pixel(4, 1024)).isEqualTo((1 + 1024 + 20) % 256);
        ImageDataset test = Cifar10.load(bin, Split.TEST);
        assertThat(test.size()).isEqualTo(2);
        try (NDManager m = NDManager.newBaseManager()) {
            Batch b = ImageBatchSource.builder(test).batchSize(2).shuffle(false).transform(Transforms.identity())
                    .build().epoch(0).next(m);
            assertThat(b.x().getShape()).isEqualTo(new Shape(2, 3, 32, 32));
            assertThat(b.x().get(1, 2, 0, 5).getFloat()).isEqualTo((1 + 2048 + 5) % 256);
        }
    }

    @Test
    void missingOrMalformedFilesAreNamed() throws IOException {
        writeBatch(dir.resolve("data_batch_1.bin"), 1, 0);
        assertThatThrownBy(() -> Cifar10.load(dir, Split.TRAIN)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("[data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin]");
        Files.write(dir.resolve("test_batch.bin"), new byte[Cifar10.RECORD_BYTES + 5]);
        assertThatThrownBy(() -> Cifar10.load(dir, Split.TEST)).hasMessageContaining("test_batch.bin")
                .hasMessageContaining("remainder 5");
        byte[] bad = new byte[Cifar10.RECORD_BYTES];
        bad[0] = 10;
        Files.write(dir.resolve("test_batch.bin"), bad);
        assertThatThrownBy(() -> Cifar10.load(dir, Split.TEST)).hasMessageContaining("label 10 of record 0");
        assertThatThrownBy(() -> Datasets.images("cifar10", null, Split.TEST)).hasMessageContaining("needs a directory");
    }
}
