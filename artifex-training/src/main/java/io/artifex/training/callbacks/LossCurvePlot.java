package io.artifex.training.callbacks;

import io.artifex.training.EpochMetrics;
import io.artifex.training.StepMetrics;
import io.artifex.training.TrainingResult;
import io.artifex.training.TrainingSession;
import io.artifex.core.config.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Plots the training loss per step and the validation loss per epoch (at its step) with
 * XChart, written as a PNG after every epoch and at the end. Runs headless.
 */
public final class LossCurvePlot implements Callback {

    private final Path file;
    private final List<Double> steps = new ArrayList<>();
    private final List<Double> losses = new ArrayList<>();
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
        steps.add((double) m.step());
        losses.add(m.loss());
    }

    @Override
    public void onEpochEnd(TrainingSession session, EpochMetrics m) {
        Double v = m.values().get("validation_loss");
        if (v != null && !v.isNaN()) {
            validationSteps.add((double) m.step());
            validationLosses.add(v);
        }
        write();
    }

    @Override
    public void onTrainEnd(TrainingSession session, TrainingResult result) {
        write();
    }

    /** Writes the plot now. */
    public void write() {
        if (steps.isEmpty()) {
            return;
        }
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(500).title("Loss").xAxisTitle("step")
                .yAxisTitle("loss").build();
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setXAxisTickMarkSpacingHint(120);
        chart.addSeries("train", steps, losses).setMarker(SeriesMarkers.NONE);
        if (!validationSteps.isEmpty()) {
            chart.addSeries("validation", validationSteps, validationLosses);
        }
        // atomically, and readable like every other file of the run (rw-r--r--)
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
