package io.artifex.examples.cli;

import ai.djl.Device;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.device.DeviceManager;
import io.artifex.examples.run.ExperimentRunner;
import io.artifex.examples.run.TextRun;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Runs an experiment for a command and prints where everything went. */
final class RunReport {

    private RunReport() {
    }

    /**
     * Trains {@code experiment} on {@code device} (null: the default); the progress bar is drawn
     * only on an interactive terminal; {@code tensorBoard} switches the run's TensorBoard event file.
     */
    static int train(ExperimentConfig experiment, Path runs, boolean quiet, Device device, boolean tensorBoard,
                     PrintWriter out) {
        return report(experiment.name(), runner -> runner.run(experiment, runs), quiet, device, tensorBoard, out);
    }

    /** Continues the run in {@code runFolder} from its newest checkpoint (see {@link ExperimentRunner#resume}). */
    static int resume(Path runFolder, Integer epochs, Long maxSteps, boolean quiet, Device device, boolean tensorBoard,
                      PrintWriter out) {
        return report(String.valueOf(runFolder.getFileName()), runner -> runner.resume(runFolder, epochs, maxSteps), quiet,
                device, tensorBoard, out);
    }

    private static int report(String name, Function<ExperimentRunner, ExperimentRunner.Outcome> action, boolean quiet,
                              Device device, boolean tensorBoard, PrintWriter out) {
        out.println(DeviceManager.get().summary() + (device == null ? "" : " Using " + DeviceOption.describe(device) + "."));
        out.flush();
        ExperimentRunner runner = new ExperimentRunner(quiet || System.console() == null ? null
                : new PrintStream(System.out, true), device, tensorBoard);
        ExperimentRunner.Outcome outcome = action.apply(runner);
        out.println();
        out.printf(Locale.ROOT, "Trained %s for %d steps.%n", name, outcome.training().steps());
        for (Map.Entry<String, Double> e : outcome.evaluation().entrySet()) {
            out.printf(Locale.ROOT, "  %-32s %.4f%n", e.getKey(), e.getValue());
        }
        Path root = outcome.run().root().toAbsolutePath();
        boolean text = java.nio.file.Files.isRegularFile(root.resolve(TextRun.TOKENIZER_FILE));
        boolean audio = java.nio.file.Files.isRegularFile(root.resolve("samples-0.wav"));
        out.println("Run folder: " + root);
        out.println(text ? "  samples.txt, tokenizer.json, loss.png, metrics.csv, metrics.jsonl,"
                : audio ? "  samples-0.wav, samples-1.wav, loss.png, metrics.csv, metrics.jsonl,"
                : "  samples.png, reconstructions.png (latent models), loss.png, metrics.csv, metrics.jsonl,");
        out.println("  summary.json, model/ (final weights), checkpoints/ (best/ and the last steps)"
                + (tensorBoard ? ", events.out.tfevents.* (tensorboard --logdir " + root.getParent() + ")" : ""));
        out.println("Next: artifex sample --checkpoint " + outcome.weights().toAbsolutePath()
                + (text ? " --prompt \"The \" --max-tokens 100" : audio ? " --seconds 2 --out sample.wav"
                        : (outcome.previewSampler() ? " --preview" : "") + " --n 64 --out grid.png"));
        out.println("      artifex evaluate --checkpoint " + outcome.weights().toAbsolutePath());
        return 0;
    }
}
