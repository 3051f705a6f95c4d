package io.artifex.spark.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.artifex.core.registry.ModelArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example runs end to end with two training steps, as the README command runs it with its defaults. */
class SparkSamplingExampleTest {

    /**
     * Two steps, 6 samples over 2 partitions on local[2]: the archive is saved and the 6 PNG files
     * are written. Catches an example that no longer runs (a renamed option, a session left
     * open, a missing file).
     */
    @Test
    void trainsSavesAndWritesOnePngPerSample(@TempDir Path dir) throws Exception {
        SparkSamplingExample.main(new String[] {"--master", "local[2]", "--steps", "2", "--count", "6",
            "--partitions", "2", "--reference", "100", "--out", dir.toString()});
        assertThat(dir.resolve("model").resolve(ModelArchive.CHECKSUM_FILE)).isRegularFile();
        try (Stream<Path> files = Files.list(dir.resolve("samples"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).isEqualTo(6);
        }
    }

    /** A mistyped option is refused with the list of known ones. */
    @Test
    void unknownOptionsAreRefusedByName() {
        assertThatThrownBy(() -> SparkSamplingExample.main(new String[] {"--cuont", "5"}))
                .hasMessageContaining("unknown option --cuont").hasMessageContaining("--count");
    }
}
