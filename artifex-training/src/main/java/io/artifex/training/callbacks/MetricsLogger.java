package io.artifex.training.callbacks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.artifex.core.config.AtomicFiles;
import io.artifex.training.EpochMetrics;
import io.artifex.training.StepMetrics;
import io.artifex.training.TrainingResult;
import io.artifex.training.TrainingSession;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the run's metrics as CSV and as JSON lines. Both files are flushed after each line, so
 * they can be followed while training runs.
 *
 * <p>The CSV has the header {@code split,step,epoch,batch,examples,<values...>,validation_loss}
 * (the value columns are those of the first step). Each training step is a row with
 * {@code split = train}; each validation is a row with {@code split = validation}, its
 * {@code step} the number of steps completed when it ran, {@code batch} and {@code examples}
 * empty, {@code validation_loss} filled (empty in training rows), and a value column {@code c}
 * filled where the validation measured {@code validation/c} (a phase's own validation measures,
 * e.g. {@code validation/vqvae/perplexity} in column {@code vqvae/perplexity}), otherwise empty.
 * A value first seen later (a phase that starts at a later step, a validation measure without a
 * training column) widens the header: the file is rewritten once with the new columns before
 * {@code validation_loss}, empty in the rows already written.
 *
 * <p>The JSON lines are {@code {"type":"step",...}} per step and {@code {"type":"epoch",...}}
 * per epoch (the epoch's means and, when validation ran, {@code validation_loss}).
 *
 * <p>Thread-safety: not thread-safe: the trainer calls it from its one training thread; use one
 * instance per trainer.
 */
public final class MetricsLogger implements Callback, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The CSV's split value of a training step row. */
    public static final String TRAIN = "train";
    /** The CSV's split value of a validation row. */
    public static final String VALIDATION = "validation";
    private static final String VALIDATION_LOSS = "validation_loss";
    /** Epoch values named {@code validation/<column>} fill {@code <column>} in a validation row. */
    private static final String VALIDATION_PREFIX = "validation/";

    private final Path csvFile;
    private final Path jsonFile;
    private BufferedWriter csv;
    private BufferedWriter json;
    private final boolean append;
    private List<String> columns;

    /** Logs to the given files (either may be null to skip that format); existing files are replaced. */
    public MetricsLogger(Path csvFile, Path jsonLinesFile) {
        this(csvFile, jsonLinesFile, false);
    }

    /**
     * Logs to the given files (either may be null to skip that format). With {@code append},
     * existing files are continued (a resumed run): new lines go after the old ones, and a CSV
     * that already has its header keeps that header's value columns; otherwise they are replaced.
     */
    public MetricsLogger(Path csvFile, Path jsonLinesFile, boolean append) {
        if (csvFile == null && jsonLinesFile == null) {
            throw new IllegalArgumentException("MetricsLogger needs a CSV file, a JSON-lines file, or both");
        }
        this.csvFile = csvFile;
        this.jsonFile = jsonLinesFile;
        this.append = append;
    }

    /** Metrics are recorded before the checkpoint of the same step is written. */
    @Override
    public boolean recordsBeforeCheckpoint() {
        return true;
    }

    @Override
    public void onTrainStart(TrainingSession session) {
        try {
            if (csvFile != null) {
                if (append && Files.isRegularFile(csvFile) && Files.size(csvFile) > 0) {
                    columns = continuedColumns(csvFile);
                }
                csv = open(csvFile, append);
            }
            if (jsonFile != null) {
                json = open(jsonFile, append);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open metrics files: " + e.getMessage(), e);
        }
    }

    private static BufferedWriter open(Path file, boolean append) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        BufferedWriter writer = append
                ? Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE)
                : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        readableByAll(file);
        return writer;
    }

    /**
     * The value columns of an existing CSV's header
     * ({@code split,step,epoch,batch,examples,<values...>,validation_loss}).
     */
    private static List<String> continuedColumns(Path file) throws IOException {
        String header;
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            header = lines.findFirst().orElse("");
        }
        String[] names = header.split(",", -1);
        if (names.length < 6 || !names[0].equals("split") || !names[names.length - 1].equals(VALIDATION_LOSS)) {
            throw new IOException(file + " does not start with a metrics header (split,step,epoch,batch,examples,...,"
                    + VALIDATION_LOSS + ")");
        }
        return new ArrayList<>(List.of(names).subList(5, names.length - 1));
    }

    /** The usual rw-r--r-- of a run's files, whatever the process's umask (on POSIX file systems). */
    static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Override
    public void onStepEnd(TrainingSession session, StepMetrics m) {
        try {
            if (csv != null) {
                writeHeader(m.values().keySet());
                widen(m.values().keySet());
                StringBuilder row = new StringBuilder(TRAIN);
                row.append(',').append(m.step()).append(',').append(m.epoch()).append(',').append(m.batchInEpoch())
                        .append(',').append(m.examples());
                for (String c : columns) {
                    row.append(',').append(number(m.values().get(c)));
                }
                row.append(',');
                writeCsv(row.toString());
            }
            if (json != null) {
                ObjectNode line = JSON.createObjectNode().put("type", "step").put("step", m.step())
                        .put("epoch", m.epoch()).put("batch", m.batchInEpoch()).put("examples", m.examples());
                m.values().forEach(line::put);
                writeJson(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics: " + e.getMessage(), e);
        }
    }

    @Override
    public void onEpochEnd(TrainingSession session, EpochMetrics m) {
        try {
            Double validation = m.values().get(VALIDATION_LOSS);
            if (csv != null && validation != null) {
                Map<String, Double> measured = new LinkedHashMap<>();
                m.values().forEach((k, v) -> {
                    if (k.startsWith(VALIDATION_PREFIX)) {
                        measured.put(k.substring(VALIDATION_PREFIX.length()), v);
                    }
                });
                if (columns == null) {
                    List<String> keys = new ArrayList<>(m.values().keySet());
                    keys.removeIf(k -> k.equals(VALIDATION_LOSS) || k.startsWith(VALIDATION_PREFIX));
                    writeHeader(keys);
                }
                widen(measured.keySet());
                StringBuilder row = new StringBuilder(VALIDATION);
                row.append(',').append(m.step()).append(',').append(m.epoch()).append(",,");
                for (String c : columns) {
                    row.append(',').append(number(measured.get(c)));
                }
                row.append(',').append(number(validation));
                writeCsv(row.toString());
            }
            if (json != null) {
                ObjectNode line = JSON.createObjectNode().put("type", "epoch").put("epoch", m.epoch()).put("step", m.step());
                if (!m.complete()) {
                    line.put("complete", false);
                }
                m.values().forEach(line::put);
                writeJson(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics: " + e.getMessage(), e);
        }
    }

    /** Writes the header once, with {@code valueColumns} (without validation_loss) as the value columns. */
    private void writeHeader(Collection<String> valueColumns) throws IOException {
        if (columns != null) {
            return;
        }
        columns = new ArrayList<>(valueColumns);
        columns.remove(VALIDATION_LOSS);
        StringBuilder header = new StringBuilder("split,step,epoch,batch,examples");
        columns.forEach(c -> header.append(',').append(c));
        header.append(',').append(VALIDATION_LOSS);
        writeCsv(header.toString());
    }

    /**
     * Adds the names among {@code names} that are not yet columns: rewrites the CSV (atomically)
     * with them before {@code validation_loss} in the header and an empty cell for each in every
     * row already written, then continues appending.
     */
    private void widen(Collection<String> names) throws IOException {
        List<String> added = new ArrayList<>();
        for (String name : names) {
            if (!name.equals(VALIDATION_LOSS) && !columns.contains(name)) {
                added.add(name);
            }
        }
        if (added.isEmpty()) {
            return;
        }
        csv.close();
        csv = null;
        String empty = ",".repeat(added.size());
        List<String> lines = Files.readAllLines(csvFile, StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            int last = line.lastIndexOf(',');
            if (i == 0) {
                StringBuilder header = new StringBuilder(line.substring(0, last));
                added.forEach(c -> header.append(',').append(c));
                text.append(header).append(line, last, line.length());
            } else {
                text.append(line, 0, last).append(empty).append(line, last, line.length());
            }
            text.append(System.lineSeparator());
        }
        AtomicFiles.write(csvFile, text.toString().getBytes(StandardCharsets.UTF_8));
        columns.addAll(added);
        csv = open(csvFile, true);
    }

    private void writeCsv(String line) throws IOException {
        csv.write(line);
        csv.newLine();
        csv.flush();
    }

    private static String number(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.8g", v);
    }

    private void writeJson(ObjectNode line) throws IOException {
        json.write(JSON.writeValueAsString(line));
        json.newLine();
        json.flush();
    }

    @Override
    public void onTrainEnd(TrainingSession session, TrainingResult result) {
        close();
    }

    /** Closes the files. */
    @Override
    public void close() {
        try {
            if (csv != null) {
                csv.close();
            }
            if (json != null) {
                json.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close metrics files: " + e.getMessage(), e);
        } finally {
            csv = null;
            json = null;
        }
    }
}
