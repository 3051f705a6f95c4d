package io.artifex.examples;

import io.artifex.training.StepMetrics;
import io.artifex.training.TrainingResult;
import java.nio.file.Path;
import java.util.List;

/**
 * What an example program produced: the picture it wrote, how many steps it trained and the
 * training loss of its last step.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param picture the PNG file written
 * @param steps optimisation steps taken
 * @param lastLoss the last step's loss (the first phase's, e.g. the discriminator's for a GAN)
 */
public record ExampleResult(Path picture, long steps, double lastLoss) {

    /** The result of a training run that wrote {@code picture}. */
    public static ExampleResult of(Path picture, TrainingResult training) {
        List<StepMetrics> history = training.stepHistory();
        double last = history.isEmpty() ? Double.NaN : history.get(history.size() - 1).loss();
        return new ExampleResult(picture, training.steps(), last);
    }

    /** Prints what was trained and where the picture is, for the person who ran the example. */
    public void print(String what) {
        System.out.printf("%s: trained %d steps, last training loss %.4f%n", what, steps, lastLoss);
        System.out.println("samples written to " + picture.toAbsolutePath().normalize());
    }
}
