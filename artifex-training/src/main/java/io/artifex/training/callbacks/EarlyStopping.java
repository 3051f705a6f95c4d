package io.artifex.training.callbacks;

import io.artifex.core.config.training.EarlyStoppingConfig;
import io.artifex.core.config.training.MonitorMode;
import io.artifex.training.EpochMetrics;
import io.artifex.training.TrainingSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the run when the monitored epoch metric has not improved by more than
 * {@code minDelta} for {@code patience} epochs in a row.
 */
public final class EarlyStopping implements Callback {

    private static final Logger LOG = LoggerFactory.getLogger(EarlyStopping.class);

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

    @Override
    public void onEpochEnd(TrainingSession session, EpochMetrics metrics) {
        if (!config.enabled()) {
            return;
        }
        Double value = metrics.values().get(config.monitor());
        if (value == null) {
            throw new IllegalArgumentException("early stopping monitors '" + config.monitor()
                    + "' but the epoch metrics are " + metrics.values().keySet());
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
