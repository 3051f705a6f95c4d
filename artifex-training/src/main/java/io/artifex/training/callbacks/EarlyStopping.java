package io.artifex.training.callbacks;

import io.artifex.core.config.training.EarlyStoppingConfig;
import io.artifex.core.config.training.MonitorMode;
import io.artifex.training.EpochMetrics;
import io.artifex.training.TrainingSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the run when the monitored epoch metric has not improved by more than
 * {@code minDelta} for {@code patience} measured epochs in a row: with {@code patience} p the
 * run ends after the p-th epoch in a row without improvement (the first measured epoch sets the
 * reference). {@code "validation_loss"} is measured only on the epochs that validate (every
 * {@code validateEvery}); the epochs in between neither count nor reset the count. The
 * {@link io.artifex.training.Trainer} builds one from {@code TrainerConfig.earlyStopping}.
 *
 * <p>Thread-safety: not thread-safe: the trainer calls it from its one training thread; use one
 * instance per trainer.
 */
public final class EarlyStopping implements Callback {

    private static final Logger LOG = LoggerFactory.getLogger(EarlyStopping.class);
    private static final String VALIDATION_LOSS = "validation_loss";

    private final EarlyStoppingConfig config;
    private double best = Double.NaN;
    private int epochsWithoutImprovement;

    /** Early stopping with the given settings (its {@code enabled} flag is honoured). */
    public EarlyStopping(EarlyStoppingConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("early stopping config must not be null");
        }
        this.config = config;
    }

    /** The settings. */
    public EarlyStoppingConfig config() {
        return config;
    }

    @Override
    public void onEpochEnd(TrainingSession session, EpochMetrics metrics) {
        if (!config.enabled() || !metrics.complete()) {
            return; // an epoch cut short by maxSteps is the end of the run: nothing left to stop
        }
        Double value = metrics.values().get(config.monitor());
        if (value == null) {
            int every = session.config().validateEvery();
            boolean validationDue = every > 0 && (metrics.epoch() + 1) % every == 0;
            if (VALIDATION_LOSS.equals(config.monitor()) && every > 0 && !validationDue) {
                return; // not measured on this epoch
            }
            throw new IllegalArgumentException("earlyStopping.monitor '" + config.monitor() + "' is not among the"
                    + " metrics of epoch " + metrics.epoch() + ": " + metrics.values().keySet()
                    + (VALIDATION_LOSS.equals(config.monitor()) ? " (no validation ran: is there a validation source?)"
                    : ""));
        }
        boolean improved = Double.isNaN(best) || (config.mode() == MonitorMode.MIN
                ? value < best - config.minDelta() : value > best + config.minDelta());
        if (improved) {
            best = value;
            epochsWithoutImprovement = 0;
            return;
        }
        epochsWithoutImprovement++;
        if (epochsWithoutImprovement >= config.patience()) {
            String reason = "early stopping: " + config.monitor() + " did not improve on " + best + " for "
                    + epochsWithoutImprovement + " epochs";
            LOG.info(reason);
            session.requestStop(reason);
        }
    }

    /** Epochs since the last improvement. */
    public int epochsWithoutImprovement() {
        return epochsWithoutImprovement;
    }
}
