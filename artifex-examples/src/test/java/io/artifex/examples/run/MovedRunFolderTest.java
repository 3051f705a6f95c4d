package io.artifex.examples.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.examples.TinyConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder that is moved (or copied to another machine) resumes into its own checkpoints: the
 * recorded {@code experiment.yaml} keeps the configured, relative checkpoint folder rather than the
 * absolute path of the place the run was first made. Planted bug this catches: recording the resolved
 * absolute folder (the resumed run then reads and writes the checkpoints of the old location; here
 * that location is deleted, so the resume fails).
 */
class MovedRunFolderTest {

    @Test
    void aMovedRunResumesFromAndIntoItsOwnCheckpoints(@TempDir Path dir) throws Exception {
        ExperimentConfig three = ConfigIO.fromYaml(TinyConfigs.TINY_VAE, ExperimentConfig.class);
        ExperimentRunner runner = new ExperimentRunner(null);
        Path original = runner.run(three, dir.resolve("first")).run().root();

        ExperimentConfig recorded = ConfigIO.read(original.resolve("experiment.yaml"), ExperimentConfig.class);
        assertThat(Path.of(recorded.training().checkpoint().directory()).isAbsolute()).isFalse();

        Path moved = dir.resolve("second").resolve(original.getFileName());
        copyTree(original, moved);
        deleteTree(original);

        runner.resume(moved, null, 5L);

        try (Stream<Path> files = Files.list(moved.resolve("checkpoints"))) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("step-000000005");
        }
        assertThat(original).doesNotExist();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
            for (Path p : all) {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
