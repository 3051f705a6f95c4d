package io.artifex.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile CIFAR batches: refused from their length before a byte is read or an array allocated. */
class CifarHeaderFirstTest {

    @TempDir
    Path dir;

    /** A sparse file of {@code length} bytes: tiny on disk, huge by its length. */
    private static void sparse(Path file, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }

    @Test
    void aHugeButWellFormedFileIsRefusedByTheMemoryCeilingBeforeReading() throws IOException {
        // 400,000 records of 3,074 bytes = 1.2 GB by length, more than the 1 GiB default ceiling
        sparse(dir.resolve("train.bin"), 400_000L * Cifar100.RECORD_BYTES);
        long start = System.nanoTime();
        assertThatThrownBy(() -> Cifar100.load(dir, Split.TRAIN)).isInstanceOf(IOException.class)
                .hasMessage(dir.resolve("train.bin") + ": 400000 images of 3072 bytes need 1228800000 bytes, more"
                        + " than the ceiling of 1073741824 (checked before reading)");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
    }

    @Test
    void theCeilingCountsEveryBatchFileOfTheSplit() throws IOException {
        for (String name : Cifar10.fileNames(Split.TRAIN)) {
            Files.write(dir.resolve(name), new byte[2 * Cifar10.RECORD_BYTES]); // 2 records each, label 0
        }
        assertThat(Cifar10.load(dir, Split.TRAIN, 10L * 3072).size()).isEqualTo(10);
        assertThatThrownBy(() -> Cifar10.load(dir, Split.TRAIN, 10L * 3072 - 1))
                .hasMessageContaining("10 images of 3072 bytes need 30720 bytes, more than the ceiling of 30719");
    }

    @Test
    void aTruncatedFileIsRefusedByItsLengthAndALabelOutOfRangeByItsRecord() throws IOException {
        sparse(dir.resolve("test_batch.bin"), 10_000L * Cifar10.RECORD_BYTES - 100);
        assertThatThrownBy(() -> Cifar10.load(dir, Split.TEST))
                .hasMessage(dir.resolve("test_batch.bin") + ": length 30729900 is not a positive multiple of the"
                        + " 3073-byte CIFAR-10 record (remainder 2973): a truncated download or another format");
        byte[] records = new byte[3 * Cifar10.RECORD_BYTES];
        records[2 * Cifar10.RECORD_BYTES] = 10; // the third record's label
        Files.write(dir.resolve("test_batch.bin"), records);
        assertThatThrownBy(() -> Cifar10.load(dir, Split.TEST))
                .hasMessage(dir.resolve("test_batch.bin") + ": label 10 of record 2 is out of range [0, 10)");
    }
}
