package io.artifex.examples.run;

import io.artifex.training.StepMetrics;
import io.artifex.training.callbacks.LossCurvePlot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a run's {@code metrics.csv} ({@code split,step,epoch,batch,examples,<values...>,validation_loss},
 * written by {@link io.artifex.training.callbacks.MetricsLogger}) into a {@link LossCurvePlot}:
 * a resumed run's {@code loss.png} then shows the steps logged before the resume as well as the
 * ones after it.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class LossHistory {

    private static final String VALIDATION_LOSS = "validation_loss";

    private LossHistory() {
    }

    /**
     * Adds every training row of {@code csv} to {@code plot} as a step and every validation row as
     * a validation point. A missing or empty file adds nothing.
     *
     * @return the number of rows added
     * @throws IllegalArgumentException when the file has no metrics header, or a row has the wrong
     *                                  number of fields or a value that is not a number (naming the file and line)
     */
    public static int replay(Path csv, LossCurvePlot plot) {
        List<String> lines;
        try {
            if (!Files.isRegularFile(csv)) {
                return 0;
            }
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            return 0;
        }
        String[] header = lines.get(0).split(",", -1);
        if (header.length < 6 || !header[0].equals("split") || !header[header.length - 1].equals(VALIDATION_LOSS)) {
            throw new IllegalArgumentException(csv + ": line 1 is not a metrics header (split,step,epoch,batch,examples,...,"
                    + VALIDATION_LOSS + ")");
        }
        int added = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != header.length) {
                throw new IllegalArgumentException(csv + ": line " + (i + 1) + " has " + fields.length
                        + " fields, the header " + header.length);
            }
            try {
                long step = Long.parseLong(fields[1]);
                if (fields[0].equals("validation")) {
                    plot.recordValidation(step, Double.parseDouble(fields[fields.length - 1]));
                } else {
                    Map<String, Double> values = new LinkedHashMap<>();
                    for (int c = 5; c < header.length - 1; c++) {
                        if (!fields[c].isEmpty()) {
                            values.put(header[c], Double.parseDouble(fields[c]));
                        }
                    }
                    plot.record(new StepMetrics(step, Long.parseLong(fields[2]), Integer.parseInt(fields[3]),
                            Integer.parseInt(fields[4]), values));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(csv + ": line " + (i + 1) + " holds a value that is not a number ("
                        + e.getMessage() + ")", e);
            }
            added++;
        }
        return added;
    }
}
