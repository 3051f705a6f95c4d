package io.artifex.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.artifex.data.fuzz.FuzzContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the CIFAR-10 and CIFAR-100 binary readers: the first byte picks the format,
 * the rest is the test split's file. Seeds in {@code CifarFuzzTestInputs/}.
 */
class CifarFuzzTest {

    private static Path dir;

    @BeforeAll
    static void folder() throws IOException {
        dir = Files.createTempDirectory("cifar-fuzz");
    }

    @AfterAll
    static void clean() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void readAnyCifarFile(FuzzedDataProvider data) throws Exception {
        boolean hundred = data.consumeBoolean();
        byte[] content = data.consumeRemainingAsBytes();
        Path file = dir.resolve(hundred ? Cifar100.fileName(Split.TEST) : "test_batch.bin");
        Files.write(file, content);
        FuzzContract.check(() -> {
            ImageDataset set = hundred ? Cifar100.load(dir, Split.TEST, Cifar100.LabelKind.FINE)
                    : Cifar10.load(dir, Split.TEST);
            int record = hundred ? Cifar100.RECORD_BYTES : Cifar10.RECORD_BYTES;
            // a successful read has one example per whole record, and every label in range
            assertThat(set.size() * (long) record).isEqualTo(content.length);
            for (int i = 0; i < set.size(); i++) {
                assertThat(set.label(i)).isBetween(0, hundred ? 99 : 9);
            }
        }, IOException.class);
        Files.delete(file);
    }
}
