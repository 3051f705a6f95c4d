package io.artifex.training.callbacks;

import io.artifex.training.EpochMetrics;
import io.artifex.training.StepMetrics;
import io.artifex.training.TrainingResult;
import io.artifex.training.TrainingSession;
import io.artifex.core.config.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Plots every loss term per step and the validation loss per epoch (at its step) with XChart,
 * written as a PNG after every epoch and at the end. Runs headless.
 *
 * <p>One series per step value a phase reports: {@code <phase>/loss} and each
 * {@code <phase>/<term>} (a GAN's {@code generator/loss} and {@code discriminator/loss} are
 * separate lines). Learning rates ({@code lr/...}) are not plotted, nor the {@code loss} alias of
 * the first phase's loss; a metric that has no phase prefix is plotted under its own name.
 *
 * <p>Thread-safety: not thread-safe: the trainer calls it from its one training thread; use one
 * instance per trainer.
 */
public final class LossCurvePlot implements Callback {

    private static final String VALIDATION_SERIES = "validation_loss";

    private final Path file;
    private final Map<String, List<Double>> steps = new LinkedHashMap<>();
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final List<Double> validationSteps = new ArrayList<>();
    private final List<Double> validationLosses = new ArrayList<>();

    /** A plot written to {@code file} (PNG). */
    public LossCurvePlot(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("plot file must not be null");
        }
        this.file = file;
    }

    @Override
    public void onStepEnd(TrainingSession session, StepMetrics m) {
        record(m);
    }

    /**
     * Adds one step's values to the curve (what {@link #onStepEnd} does; a resumed run adds the
     * steps it logged before the resume this way, so that the plot covers the whole run).
     */
    public void record(StepMetrics m) {
        boolean phased = m.values().keySet().stream().anyMatch(k -> k.contains("/") && !k.startsWith("lr/"));
        m.values().forEach((name, v) -> {
            if (plotted(name, phased) && v != null && Double.isFinite(v)) {
                steps.computeIfAbsent(name, k -> new ArrayList<>()).add((double) m.step());
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
            }
        });
    }

    /** Whether a step value is a loss term to plot: not a learning rate, not the alias of a phase's loss. */
    static boolean plotted(String name, boolean phased) {
        return !name.startsWith("lr/") && !(phased && name.equals("loss"));
    }

    /** The names of the series plotted so far, training terms then validation (for tests and logs). */
    public List<String> seriesNames() {
        List<String> names = new ArrayList<>(values.keySet());
        if (!validationSteps.isEmpty()) {
            names.add(VALIDATION_SERIES);
        }
        return names;
    }

    /**
     * The steps of one series, in the order they were added ({@code validation_loss}: the
     * steps at which validation ran); empty for a series not plotted.
     */
    public List<Double> steps(String series) {
        List<Double> xs = VALIDATION_SERIES.equals(series) ? validationSteps : steps.get(series);
        return xs == null ? List.of() : List.copyOf(xs);
    }

    @Override
    public void onEpochEnd(TrainingSession session, EpochMetrics m) {
        Double v = m.values().get(VALIDATION_SERIES);
        if (v != null) {
            recordValidation(m.step(), v);
        }
        write();
    }

    /** Adds a validation loss measured after {@code step} steps (a NaN is left out, as in {@link #onEpochEnd}). */
    public void recordValidation(long step, double loss) {
        if (!Double.isNaN(loss)) {
            validationSteps.add((double) step);
            validationLosses.add(loss);
        }
    }

    @Override
    public void onTrainEnd(TrainingSession session, TrainingResult result) {
        write();
    }

    /** Writes the plot now. */
    public void write() {
        if (values.isEmpty()) {
            return;
        }
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(500).title("Loss").xAxisTitle("step")
                .yAxisTitle("loss").build();
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setXAxisTickMarkSpacingHint(120);
        values.forEach((name, ys) -> chart.addSeries(name, steps.get(name), ys).setMarker(SeriesMarkers.NONE));
        if (!validationSteps.isEmpty()) {
            chart.addSeries(VALIDATION_SERIES, validationSteps, validationLosses);
        }
        // atomically, and readable like every other file of the run (rw-r--r--)
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
