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
    private List<String> columns;

    /** Logs to the given files (either may be null to skip that format); existing files are replaced. */
    public MetricsLogger(Path csvFile, Path jsonLinesFile) {
        if (csvFile == null && jsonLinesFile == null) {
            throw new IllegalArgumentException("MetricsLogger needs a CSV file, a JSON-lines file, or both");
        }
        this.csvFile = csvFile;
        this.jsonFile = jsonLinesFile;
    }

    @Override
    public void onTrainStart(TrainingSession session) {
        try {
            if (csvFile != null) {
                csv = open(csvFile);
            }
            if (jsonFile != null) {
                json = open(jsonFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open metrics files: " + e.getMessage(), e);
        }
    }

    private static BufferedWriter open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
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
