package io.artifex.training.callbacks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes every step's metrics as CSV ({@code step,epoch,batch,examples,<values...>}; the
 * value columns are those of the first step) and every step and epoch as JSON lines
 * ({@code {"type":"step",...}} / {@code {"type":"epoch",...}}). Both files are flushed after
 * each line, so they can be followed while training runs.
 */
public final class MetricsLogger implements Callback, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        return append ? Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE) : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** The value columns of an existing CSV's header ({@code step,epoch,batch,examples,<values...>}). */
    private static List<String> continuedColumns(Path file) throws IOException {
        String header;
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            header = lines.findFirst().orElse("");
        }
        String[] names = header.split(",", -1);
        if (names.length < 4 || !names[0].equals("step")) {
            throw new IOException(file + " does not start with a metrics header (step,epoch,batch,examples,...)");
        }
        return new ArrayList<>(List.of(names).subList(4, names.length));
    }

    @Override
    public void onStepEnd(TrainingSession session, StepMetrics m) {
        try {
            if (csv != null) {
                if (columns == null) {
                    columns = new ArrayList<>(m.values().keySet());
                    csv.write("step,epoch,batch,examples," + String.join(",", columns));
                    csv.newLine();
                }
                StringBuilder row = new StringBuilder();
                row.append(m.step()).append(',').append(m.epoch()).append(',').append(m.batchInEpoch())
                        .append(',').append(m.examples());
                for (String c : columns) {
                    Double v = m.values().get(c);
                    row.append(',').append(v == null ? "" : String.format(Locale.ROOT, "%.8g", v));
                }
                csv.write(row.toString());
                csv.newLine();
                csv.flush();
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
        if (json != null) {
            ObjectNode line = JSON.createObjectNode().put("type", "epoch").put("epoch", m.epoch()).put("step", m.step());
            m.values().forEach(line::put);
            try {
                writeJson(line);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write metrics: " + e.getMessage(), e);
            }
        }
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
