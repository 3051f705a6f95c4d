package io.artifex.examples.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.artifex.training.checkpoint.CheckpointIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run continues from: the newest checkpoint in its checkpoint folder, and the metrics
 * lines written up to it. Checkpoints are written into a hidden temporary folder and renamed
 * into place ({@link CheckpointIO}), so a run killed while writing one leaves only a hidden
 * {@code .step-...tmp} (or {@code .old}) folder, which is never picked and is deleted here.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param directory the checkpoint folder (a {@code step-N} or {@code best} folder with a manifest)
 * @param step the global step the checkpoint was written after
 * @param epoch the epoch counter stored in it
 * @param batchInEpoch the batches of {@code epoch} already trained (0: the checkpoint was written
 *                     after the previous epoch ended)
 */
public record ResumePoint(Path directory, long step, long epoch, long batchInEpoch) {

    private static final Logger LOG = LoggerFactory.getLogger(ResumePoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The newest checkpoint that passes its checks (highest step; a {@code step-N} folder before
     * {@code best} at the same step) under {@code checkpoints}, after deleting the hidden leftovers
     * of interrupted writes. A folder whose manifest cannot be read or whose files fail
     * {@link CheckpointIO#verify} (a flipped or truncated file) is skipped with a warning naming it
     * and the problem, and the next older one is tried.
     *
     * @throws IllegalArgumentException when the folder is missing or holds no valid checkpoint
     */
    public static ResumePoint newest(Path checkpoints) {
        if (!Files.isDirectory(checkpoints)) {
            throw new IllegalArgumentException("cannot resume: the checkpoint folder " + checkpoints
                    + " does not exist (the run wrote no checkpoint before it stopped)");
        }
        removeInterruptedWrites(checkpoints);
        List<ResumePoint> found = new ArrayList<>();
        String firstProblem = null;
        try (Stream<Path> listing = Files.list(checkpoints)) {
            for (Path dir : listing.filter(Files::isDirectory).sorted().toList()) {
                String name = dir.getFileName().toString();
                if (!name.startsWith(".") && Files.isRegularFile(dir.resolve(CheckpointIO.MANIFEST))) {
                    try {
                        found.add(read(dir));
                    } catch (IllegalArgumentException e) {
                        LOG.warn("checkpoint {} is skipped: {}", dir, e.getMessage());
                        firstProblem = firstProblem == null ? e.getMessage() : firstProblem;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + checkpoints + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.comparingLong(ResumePoint::step)
                .thenComparing(p -> p.directory().getFileName().toString().startsWith("step-")).reversed());
        for (ResumePoint candidate : found) {
            try {
                CheckpointIO.verify(candidate.directory());
                return candidate;
            } catch (IllegalArgumentException e) {
                LOG.warn("checkpoint {} is skipped: {}", candidate.directory(), e.getMessage());
                firstProblem = firstProblem == null ? e.getMessage() : firstProblem;
            }
        }
        throw new IllegalArgumentException("cannot resume: " + checkpoints + " holds no "
                + (firstProblem == null ? "checkpoint (no step-N folder with a " + CheckpointIO.MANIFEST + ")"
                        : "valid checkpoint (" + firstProblem + ")"));
    }

    private static ResumePoint read(Path dir) {
        Path manifest = dir.resolve(CheckpointIO.MANIFEST);
        try {
            JsonNode node = JSON.readTree(Files.readString(manifest, StandardCharsets.UTF_8));
            for (String field : new String[] {"step", "epoch", "batchInEpoch"}) {
                if (node == null || !node.path(field).isIntegralNumber() || node.path(field).asLong() < 0) {
                    throw new IllegalArgumentException("checkpoint manifest " + manifest + ": '" + field
                            + "' must be a non-negative whole number");
                }
            }
            return new ResumePoint(dir, node.get("step").asLong(), node.get("epoch").asLong(),
                    node.get("batchInEpoch").asLong());
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint manifest " + manifest + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Deletes hidden {@code .*.tmp} and {@code .*.old} folders: checkpoint writes that never finished. */
    static void removeInterruptedWrites(Path checkpoints) {
        try (Stream<Path> listing = Files.list(checkpoints)) {
            for (Path p : listing.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && (name.endsWith(".tmp") || name.endsWith(".old"))) {
                    LOG.info("deleting {}, left by a checkpoint write that did not finish", p);
                    CheckpointIO.deleteTree(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + checkpoints + ": " + e.getMessage(), e);
        }
    }

    /**
     * Cuts the metrics files of a run back to what the run had logged when this checkpoint was
     * written: CSV training rows (and JSON step lines) of the {@link #step()} steps it holds (numbered from 0),
     * CSV validation rows and
     * JSON epoch lines (which carry the steps done when the epoch ended) of
     * epochs that ended before it (or at it, when the checkpoint was written after the epoch
     * ended). Lines logged after the checkpoint by a run that then died are dropped, since the
     * resumed run logs those steps again. Missing files are left missing.
     */
    public void truncateMetrics(Path csv, Path jsonLines) {
        try {
            if (Files.isRegularFile(csv)) {
                List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
                List<String> kept = new ArrayList<>();
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (i == 0 || !line.isBlank() && keepCsvRow(line)) {
                        kept.add(line);
                    }
                }
                write(csv, kept);
            }
            if (Files.isRegularFile(jsonLines)) {
                List<String> kept = new ArrayList<>();
                for (String line : Files.readAllLines(jsonLines, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node = JSON.readTree(line);
                    long at = node.path("step").asLong(Long.MAX_VALUE);
                    boolean epochLine = "epoch".equals(node.path("type").asText());
                    if (at < step || at == step && epochLine && batchInEpoch == 0) {
                        kept.add(line);
                    }
                }
                write(jsonLines, kept);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cut back the metrics files of " + csv.getParent() + " to step "
                    + step + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a CSV row ({@code split,step,...}) was logged before this checkpoint: a training row
     * of a step it holds, or a validation row (whose step is the steps completed) under the
     * same rule as a JSON epoch line.
     */
    private boolean keepCsvRow(String line) {
        String[] fields = line.split(",", 3);
        if (fields.length < 2) {
            return false;
        }
        long at;
        try {
            at = Long.parseLong(fields[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        if ("validation".equals(fields[0])) {
            return at < step || at == step && batchInEpoch == 0;
        }
        return at < step;
    }

    private static void write(Path file, List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append(System.lineSeparator()));
        io.artifex.core.config.AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The checkpoint folder's name, for messages. */
    @Override
    public String toString() {
        return directory + " (step " + step + ")";
    }
}
