package io.artifex.training;

import java.nio.file.Path;
import java.util.List;

/**
 * The history of a run.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param steps global steps completed (including those before a resume)
 * @param stepHistory the metrics of every step this call ran
 * @param epochHistory the metrics of every epoch this call completed
 * @param stopReason why the run ended early (a callback's reason), or null if it ran to the end
 * @param checkpoints every checkpoint folder this call wrote, in the order written (a folder
 *                    written twice, such as {@code best}, appears twice); the last periodic one
 *                    is the one to resume from. The result a callback's {@code onTrainEnd}
 *                    receives lists those written before the run's end; the one
 *                    {@code fit} returns also lists the final checkpoint
 */
public record TrainingResult(long steps, List<StepMetrics> stepHistory, List<EpochMetrics> epochHistory,
                             String stopReason, List<Path> checkpoints) {

    /** Copies the lists. */
    public TrainingResult {
        stepHistory = List.copyOf(stepHistory);
        epochHistory = List.copyOf(epochHistory);
        checkpoints = List.copyOf(checkpoints);
    }

    /** Whether a callback stopped the run before its configured end. */
    public boolean stoppedEarly() {
        return stopReason != null;
    }
}
