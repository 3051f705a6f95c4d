package io.artifex.training.callbacks;

import io.artifex.training.TrainingResult;
import io.artifex.training.TrainingSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At the end of training, copies the trainer's exponential moving average of the weights into
 * the model, so that what follows (saving, sampling, evaluating) uses the average. Does nothing
 * when the trainer keeps no average. Give it to the trainer after {@link CheckpointCallback}:
 * the final checkpoint then still holds the trained weights (and the average beside them), so
 * that a resumed run continues exactly.
 */
public final class KeepAveragedWeights implements Callback {

    private static final Logger LOG = LoggerFactory.getLogger(KeepAveragedWeights.class);

    @Override
    public void onTrainEnd(TrainingSession session, TrainingResult result) {
        session.ema().ifPresent(ema -> {
            ema.copyToParameters();
            LOG.info("model now holds the moving average of its weights (decay {}, {} updates)", ema.decay(),
                    ema.updates());
        });
    }
}
