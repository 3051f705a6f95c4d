package io.artifex.eval.bench;

import io.artifex.training.StepMetrics;
import io.artifex.training.TrainingSession;
import io.artifex.training.callbacks.Callback;
import java.util.ArrayList;
import java.util.List;

/**
 * A trainer callback that stamps the end of every step, so throughput can be taken over the
 * steps after the warm-up: from the end of step {@code warmup - 1} (or the start of training
 * when there is no warm-up) to the end of the last step. Everything the trainer does per step
 * (batch decoding, phases, metrics, logging, callbacks) lies inside that window.
 */
final class StepTimer implements Callback {

    private final int warmup;
    private final List<Long> ends = new ArrayList<>();
    private final List<Integer> examples = new ArrayList<>();
    private long start;
    private double lastLoss = Double.NaN;

    StepTimer(int warmup) {
        this.warmup = warmup;
    }

    @Override
    public void onTrainStart(TrainingSession session) {
        start = System.nanoTime();
    }

    @Override
    public void onStepEnd(TrainingSession session, StepMetrics metrics) {
        ends.add(System.nanoTime());
        examples.add(metrics.examples());
        lastLoss = metrics.loss();
    }

    /** Steps seen. */
    int steps() {
        return ends.size();
    }

    /** The last step's loss. */
    double lastLoss() {
        return lastLoss;
    }

    /** Examples per second over the steps after the warm-up. */
    double examplesPerSecond() {
        if (ends.size() <= warmup) {
            throw new IllegalStateException("only " + ends.size() + " steps ran; the warm-up alone is " + warmup);
        }
        long from = warmup == 0 ? start : ends.get(warmup - 1);
        long to = ends.get(ends.size() - 1);
        long n = 0;
        for (int i = warmup; i < examples.size(); i++) {
            n += examples.get(i);
        }
        return n / ((to - from) / 1e9);
    }
}
