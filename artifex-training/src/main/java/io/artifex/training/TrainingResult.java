package io.artifex.training;

import java.util.List;

/**
 * The history of a run.
 *
 * @param steps global steps completed (including those before a resume)
 * @param stepHistory the metrics of every step this call ran
 * @param epochHistory the metrics of every epoch this call completed
 * @param stopReason why the run ended early (a callback's reason), or null if it ran to the end
 */
public record TrainingResult(long steps, List<StepMetrics> stepHistory, List<EpochMetrics> epochHistory,
                             String stopReason) {

    /** Copies the lists. */
    public TrainingResult {
        stepHistory = List.copyOf(stepHistory);
        epochHistory = List.copyOf(epochHistory);
    }

    /** Whether a callback stopped the run before its configured end. */
    public boolean stoppedEarly() {
        return stopReason != null;
    }
}
