package io.artifex.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text of the trainer's log lines: fixed decimals and padded counters, so that the lines of
 * consecutive epochs line up column by column.
 */
final class LogLines {

    private LogLines() {
    }

    /**
     * One epoch's summary, for example
     * {@code epoch  2/10  step    120  train/loss    0.1234  train/kl    0.0123  validation_loss    0.1300  lr/default 1.00e-03}:
     * the epoch and step padded to the width of their totals, every value with four decimals in a
     * field of ten (learning rates in scientific notation), phase values first, then the validation
     * loss, then learning rates. The {@code loss} alias of the first phase's loss is left out when
     * phase values are present.
     */
    static String epochSummary(EpochMetrics m, long totalEpochs, long totalSteps) {
        int epochWidth = digits(totalEpochs);
        int stepWidth = digits(totalSteps);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %" + epochWidth + "d/%d  step %"
                + stepWidth + "d", m.epoch() + 1, totalEpochs, m.step()));
        if (!m.complete()) {
            line.append("  (cut short by maxSteps)");
        }
        boolean phased = m.values().keySet().stream().anyMatch(k -> k.contains("/") && !k.startsWith("lr/"));
        List<Map.Entry<String, Double>> losses = new ArrayList<>();
        List<Map.Entry<String, Double>> rates = new ArrayList<>();
        Map.Entry<String, Double> validation = null;
        for (Map.Entry<String, Double> e : m.values().entrySet()) {
            if (e.getKey().startsWith("lr/")) {
                rates.add(e);
            } else if (e.getKey().equals("validation_loss")) {
                validation = e;
            } else if (!(phased && e.getKey().equals("loss"))) {
                losses.add(e);
            }
        }
        if (validation != null) {
            losses.add(validation);
        }
        for (Map.Entry<String, Double> e : losses) {
            line.append(String.format(Locale.ROOT, "  %s %10.4f", e.getKey(), e.getValue()));
        }
        for (Map.Entry<String, Double> e : rates) {
            line.append(String.format(Locale.ROOT, "  %s %.2e", e.getKey(), e.getValue()));
        }
        return line.toString();
    }

    private static int digits(long n) {
        return Long.toString(Math.max(1, n)).length();
    }
}
