package io.artifex.examples.cli;

import static io.artifex.examples.cli.CliHarness.cli;
import static io.artifex.examples.cli.CliHarness.csvRows;
import static io.artifex.examples.cli.CliHarness.ok;
import static io.artifex.examples.cli.CliHarness.onlyRun;
import static io.artifex.examples.cli.CliHarness.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.registry.ModelArchive;
import io.artifex.training.checkpoint.CheckpointIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test (issue 20, item 7): {@code artifex train} in child JVMs that write a checkpoint after
 * every step, each killed with SIGKILL ({@link Process#destroyForcibly()}) in the middle of a
 * checkpoint write, then continued in-process with {@code train --resume}. The children run with
 * the test hook {@link CheckpointIO#WRITE_PAUSE_PROPERTY} (a pause after each file of a write), so
 * the kill lands inside a write every time: once after the first file of the hidden
 * {@code .step-N-*.tmp} folder, once after its manifest (a folder that looks finished but was
 * never renamed into place). In the second run the newest finished checkpoint also gets one
 * flipped byte, so resume must fall back to the one before it.
 *
 * <p>Each resumed run must log the same per-step losses as an uninterrupted run and end with the
 * same weights, byte for byte, and no hidden folder may survive. Planted bugs it catches (each
 * planted once and seen failing): {@code ResumePoint} not verifying checksums (the resume picks
 * the corrupt checkpoint and stops on its SHA-256 mismatch instead of falling back to the one
 * before), and {@code ResumePoint.removeInterruptedWrites} not called (the killed write's
 * {@code .tmp} folder survives the resume). 20-40 s on a 2-core machine, depending on its load.
 */
class KillDuringCheckpointWriteTest {

    private static final int STEPS = 12;
    /** Long enough that a kill decided on one poll lands before the rename, even on a loaded machine. */
    private static final long PAUSE_MILLIS = 150;

    private static final String CONFIG = io.artifex.examples.TinyConfigs.TINY_VAE.replace("maxSteps: 3", "maxSteps: " + STEPS)
            .replace("batchSize: 32", "batchSize: 32\n  checkpoint: { everySteps: 1, everyEpochs: 0, keepLast: 2 }");

    @Test
    void runsKilledInsideACheckpointWriteResumeToTheUninterruptedRun(@TempDir Path dir) throws Exception {
        Path config = write(dir, "in.yaml", CONFIG);
        // both children start at once; each is killed when its own moment comes
        Child early = new Child(dir, config, "early",
                tmp -> Files.isRegularFile(tmp.resolve("parameters.bin")) && !Files.exists(tmp.resolve("ema.bin")));
        Child late = new Child(dir, config, "late", tmp -> Files.isRegularFile(tmp.resolve(CheckpointIO.MANIFEST)));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline && (!early.killed || !late.killed)) {
                early.killIfDue();
                late.killIfDue();
                Thread.sleep(1);
            }
        } finally {
            early.stop();
            late.stop();
        }
        assertThat(early.killed).as("early kill within 90 s; child log:\n" + early.log()).isTrue();
        assertThat(late.killed).as("late kill within 90 s; child log:\n" + late.log()).isTrue();

        // what the kills left: hidden unfinished folders next to finished checkpoints
        Path earlyRun = onlyRun(early.runs);
        Path lateRun = onlyRun(late.runs);
        assertThat(hidden(earlyRun)).as("the early kill leaves a partial .tmp folder").isNotEmpty();
        assertThat(hidden(lateRun)).as("the late kill leaves a .tmp folder holding a manifest").isNotEmpty()
                .allMatch(p -> Files.isRegularFile(p.resolve(CheckpointIO.MANIFEST)));
        // one flipped byte in the newest finished checkpoint of the late run: it must be skipped
        List<Path> lateFinished = finished(lateRun);
        assertThat(lateFinished).as("keepLast 2 keeps two finished checkpoints").hasSize(2);
        Path corrupt = lateFinished.get(lateFinished.size() - 1).resolve("parameters.bin");
        byte[] bytes = Files.readAllBytes(corrupt);
        bytes[bytes.length - 1] ^= 1;
        Files.write(corrupt, bytes);

        ok("train", "--resume", earlyRun.toString(), "--quiet");
        CliHarness.Result resumed = cli("train", "--resume", lateRun.toString(), "--quiet");
        assertThat(resumed.status()).as(resumed.err()).isZero();
        ok("train", "--config", config.toString(), "--runs", dir.resolve("whole").toString(), "--quiet");
        Path whole = onlyRun(dir.resolve("whole"));

        List<Map<String, String>> expected = csvRows(whole);
        // a train row per step and the validation of the final weights (a maxSteps stop mid-epoch)
        assertThat(expected).hasSize(STEPS + 1);
        assertThat(expected.get(STEPS)).containsEntry("split", "validation").containsEntry("step", String.valueOf(STEPS));
        byte[] weights = Files.readAllBytes(whole.resolve("model").resolve(ModelArchive.PARAMETERS_FILE));
        for (Path run : List.of(earlyRun, lateRun)) {
            assertThat(csvRows(run)).as(run + " metrics").isEqualTo(expected);
            assertThat(Files.readAllBytes(run.resolve("model").resolve(ModelArchive.PARAMETERS_FILE)))
                    .as(run + " final weights").isEqualTo(weights);
            assertThat(hidden(run)).as(run + " hidden folders after resume").isEmpty();
            for (Path checkpoint : finished(run)) {
                CheckpointIO.verify(checkpoint);
            }
        }
    }

    /** A training run in a child JVM with the write pause on, killed once its tmp folder matches {@code due}. */
    private static final class Child {
        final Path runs;
        final Path log;
        final Process process;
        final Predicate<Path> due;
        boolean killed;

        Child(Path dir, Path config, String name, Predicate<Path> due) throws IOException {
            this.runs = dir.resolve(name);
            this.log = dir.resolve(name + ".log");
            this.due = due;
            this.process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-D" + CheckpointIO.WRITE_PAUSE_PROPERTY + "=" + PAUSE_MILLIS,
                    "-cp", System.getProperty("java.class.path"), ArtifexCli.class.getName(),
                    "train", "--config", config.toString(), "--runs", runs.toString(), "--quiet")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        }

        /** Kills the child when a finished checkpoint exists and a write in progress matches {@code due}. */
        void killIfDue() throws IOException, InterruptedException {
            if (killed || !Files.isDirectory(runs)) {
                return;
            }
            try (Stream<Path> list = Files.list(runs)) {
                for (Path run : list.toList()) {
                    if (Files.isDirectory(run.resolve("checkpoints")) && finished(run).size() >= 2
                            && hidden(run).stream().anyMatch(due)) {
                        process.destroyForcibly();
                        process.waitFor(10, TimeUnit.SECONDS);
                        killed = true;
                        return;
                    }
                }
            } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
                // a folder renamed or pruned while it was listed: look again on the next poll
            }
        }

        void stop() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        String log() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }
    }

    /** The hidden {@code .*.tmp}/{@code .*.old} folders in a run's checkpoint folder. */
    private static List<Path> hidden(Path run) throws IOException {
        try (Stream<Path> list = Files.list(run.resolve("checkpoints"))) {
            return list.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    /** The finished {@code step-N} checkpoints of a run, oldest first. */
    private static List<Path> finished(Path run) throws IOException {
        try (Stream<Path> list = Files.list(run.resolve("checkpoints"))) {
            return list.filter(p -> p.getFileName().toString().startsWith("step-")
                    && Files.isRegularFile(p.resolve(CheckpointIO.MANIFEST)))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }
}
