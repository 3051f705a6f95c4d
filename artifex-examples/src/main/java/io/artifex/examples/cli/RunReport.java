package io.artifex.examples.cli;

import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.device.DeviceManager;
import io.artifex.examples.run.ExperimentRunner;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Runs an experiment for a command and prints where everything went. */
final class RunReport {

    private RunReport() {
    }

    /** Trains {@code experiment}; the progress bar is drawn only on an interactive terminal. */
    static int train(ExperimentConfig experiment, Path runs, boolean quiet, PrintWriter out) {
        return train(experiment, runs, quiet, true, out);
    }

    /** As above; {@code tensorBoard} switches the run's TensorBoard event file on or off. */
    static int train(ExperimentConfig experiment, Path runs, boolean quiet, boolean tensorBoard, PrintWriter out) {
        out.println(DeviceManager.get().summary());
        out.flush();
        ExperimentRunner runner = new ExperimentRunner(quiet || System.console() == null ? null : new PrintStream(System.out, true),
                tensorBoard);
        ExperimentRunner.Outcome outcome = runner.run(experiment, runs);
        out.println();
        out.printf(Locale.ROOT, "Trained %s for %d steps.%n", experiment.name(), outcome.training().steps());
        for (Map.Entry<String, Double> e : outcome.evaluation().entrySet()) {
            out.printf(Locale.ROOT, "  %-32s %.4f%n", e.getKey(), e.getValue());
        }
        Path root = outcome.run().root().toAbsolutePath();
        out.println("Run folder: " + root);
        out.println("  samples.png, reconstructions.png (latent models), loss.png, metrics.csv, metrics.jsonl,");
        out.println("  summary.json, model/ (final weights), checkpoints/ (best/ and the last steps)"
                + (tensorBoard ? ", events.out.tfevents.* (tensorboard --logdir " + root.getParent() + ")" : ""));
        out.println("Next: artifex sample --checkpoint " + outcome.weights().toAbsolutePath()
                + (outcome.previewSampler() ? " --preview" : "") + " --n 64 --out grid.png");
        return 0;
    }
}
