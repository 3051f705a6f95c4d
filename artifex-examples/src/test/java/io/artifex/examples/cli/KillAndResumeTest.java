package io.artifex.examples.cli;

import static io.artifex.examples.cli.CliHarness.csvRows;
import static io.artifex.examples.cli.CliHarness.ok;
import static io.artifex.examples.cli.CliHarness.onlyRun;
import static io.artifex.examples.cli.CliHarness.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.registry.ModelArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test (issue 20, item 7): {@code artifex train} in a child JVM is killed with SIGKILL
 * ({@link Process#destroyForcibly()}) once its first checkpoint exists; {@code train --resume}
 * then gives the same per-step losses after the resume point, and the same final weights, as an
 * uninterrupted run, and no hidden half-written checkpoint folder survives or is picked.
 *
 * <p>A kill that lands inside a checkpoint write cannot be timed deterministically from outside
 * without hooks in the library; what such a kill leaves (a hidden {@code .step-N-<uuid>.tmp}
 * folder, since the checkpoint is renamed into place only when complete) is planted instead, next
 * to the real leftovers of the kill. Planted bugs it catches: picking a folder without checking
 * that it is a finished checkpoint, and metrics lines logged after the checkpoint kept (rows repeat;
 * this test found exactly that off-by-one: step rows are numbered from 0, a checkpoint counts steps done).
 */
class KillAndResumeTest {

    private static final int STEPS = 150;

    private static final String CONFIG = io.artifex.examples.TinyConfigs.TINY_VAE.replace("maxSteps: 3", "maxSteps: " + STEPS)
            .replace("epochs: 1", "epochs: 3")
            .replace("batchSize: 32", "batchSize: 32\n  checkpoint: { everySteps: 10, everyEpochs: 0, keepLast: 2 }");

    @Test
    void aRunKilledWithSigkillResumesToTheUninterruptedLossesAndWeights(@TempDir Path dir) throws Exception {
        Path config = write(dir, "in.yaml", CONFIG);
        Path killedRuns = dir.resolve("killed");
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ArtifexCli.class.getName(),
                "train", "--config", config.toString(), "--runs", killedRuns.toString(), "--quiet")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        Process process = child.start();
        Path checkpoints = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            while (System.nanoTime() < deadline && process.isAlive()) {
                checkpoints = firstCheckpointFolder(killedRuns);
                if (checkpoints != null) {
                    break;
                }
                Thread.sleep(2);
            }
            assertThat(checkpoints).as("no checkpoint within 60 s; child log:\n" + log(dir)).isNotNull();
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Path killed = onlyRun(killedRuns);
        assertThat(killed.resolve("summary.json")).as("the kill must land before the run ends").doesNotExist();

        // what a kill during a checkpoint write leaves: a hidden, unfinished folder of a later step
        Path partial = Files.createDirectories(killed.resolve("checkpoints/.step-000000999-partial.tmp"));
        Files.writeString(partial.resolve("parameters.bin"), "half");

        ok("train", "--resume", killed.toString(), "--quiet");
        ok("train", "--config", config.toString(), "--runs", dir.resolve("whole").toString(), "--quiet");
        Path whole = onlyRun(dir.resolve("whole"));

        List<Map<String, String>> expected = csvRows(whole);
        // one row per step, then the validation of the final weights (maxSteps ends the run inside epoch 0)
        assertThat(expected).hasSize(STEPS + 1);
        assertThat(expected.get(STEPS)).containsEntry("split", "validation").containsEntry("step", String.valueOf(STEPS));
        assertThat(csvRows(killed)).isEqualTo(expected);
        assertThat(Files.readAllBytes(killed.resolve("model").resolve(ModelArchive.PARAMETERS_FILE)))
                .isEqualTo(Files.readAllBytes(whole.resolve("model").resolve(ModelArchive.PARAMETERS_FILE)));
        try (Stream<Path> left = Files.list(killed.resolve("checkpoints"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    /** The checkpoints folder of the first run under {@code runs} once it holds a finished step-N checkpoint. */
    private static Path firstCheckpointFolder(Path runs) throws Exception {
        if (!Files.isDirectory(runs)) {
            return null;
        }
        try (Stream<Path> list = Files.list(runs)) {
            for (Path run : list.toList()) {
                Path checkpoints = run.resolve("checkpoints");
                if (Files.isDirectory(checkpoints)) {
                    try (Stream<Path> inside = Files.list(checkpoints)) {
                        if (inside.anyMatch(p -> p.getFileName().toString().startsWith("step-")
                                && Files.isRegularFile(p.resolve("manifest.json")))) {
                            return checkpoints;
                        }
                    }
                }
            }
        }
        return null;
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("child.log"));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

}
