package io.artifex.training.callbacks;

import io.artifex.training.StepMetrics;
import io.artifex.training.TrainingResult;
import io.artifex.training.TrainingSession;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows progress: loss, examples per second and the estimated time left. Given a
 * {@link PrintStream} (the examples pass the standard output stream) it draws a console progress bar on
 * it; without one it logs one line through SLF4J every {@code logEvery} steps, for example
 * {@code step   50/1000  loss     0.1234  1520 ex/s  eta 62s} (the trainer's own step line is at
 * debug level, so a run logs one line per interval, not two).
 *
 * <p>Thread-safety: not thread-safe: the trainer calls it from its one training thread; use one
 * instance per trainer.
 */
public final class ProgressBarCallback implements Callback {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressBarCallback.class);

    private final PrintStream stream;
    private final int logEvery;
    private ProgressBar bar;
    private long startNanos;
    private long startStep;
    private long examples;

    /** A console progress bar drawn on {@code stream}. */
    public ProgressBarCallback(PrintStream stream) {
        if (stream == null) {
            throw new IllegalArgumentException("progress stream must not be null; use the int constructor to log instead");
        }
        this.stream = stream;
        this.logEvery = 0;
    }

    /** Progress logged through SLF4J every {@code logEvery} steps. */
    public ProgressBarCallback(int logEvery) {
        if (logEvery < 1) {
            throw new IllegalArgumentException("logEvery must be >= 1, got " + logEvery);
        }
        this.stream = null;
        this.logEvery = logEvery;
    }

    @Override
    public void onTrainStart(TrainingSession session) {
        startNanos = System.nanoTime();
        startStep = session.step();
        examples = 0;
        if (stream != null) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(session.totalSteps())
                    .setConsumer(new ConsoleProgressBarConsumer(stream)).setUpdateIntervalMillis(250)
                    .startsFrom(session.step(), Duration.ZERO).build();
        }
    }

    @Override
    public void onStepEnd(TrainingSession session, StepMetrics m) {
        examples += m.examples();
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        double rate = examples / seconds;
        long done = session.step() - startStep;
        long left = session.totalSteps() - session.step();
        double etaSeconds = done == 0 ? 0 : left * seconds / done;
        String message = String.format(Locale.ROOT, "loss %.4f, %.0f ex/s", m.loss(), rate);
        if (bar != null) {
            bar.stepTo(session.step());
            bar.setExtraMessage(message);
        } else if (session.step() % logEvery == 0) {
            LOG.info(logLine(session.step(), session.totalSteps(), m.loss(), rate, etaSeconds));
        }
    }

    /** The logged line: the step padded to the width of the total, the loss with four decimals. */
    static String logLine(long step, long totalSteps, double loss, double examplesPerSecond, double etaSeconds) {
        int width = Long.toString(Math.max(1, totalSteps)).length();
        return String.format(Locale.ROOT, "step %" + width + "d/%d  loss %10.4f  %.0f ex/s  eta %ds", step, totalSteps,
                loss, examplesPerSecond, Math.round(etaSeconds));
    }

    @Override
    public void onTrainEnd(TrainingSession session, TrainingResult result) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
