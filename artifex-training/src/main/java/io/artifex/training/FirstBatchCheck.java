package io.artifex.training;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.core.model.DataContract;
import io.artifex.core.model.GenerativeModel;

/**
 * Checks the first training batch and the first validation batch against the model's
 * {@link io.artifex.core.model.DataContract} before any step runs, so data in the wrong range or
 * shape is refused with a message that names the preprocessing to use instead of training
 * silently on it. Each batch is read from epoch 0 on a sub-manager of the parameters' manager and
 * released; batch sources derive their order and random transforms from (seed, epoch, batch),
 * so reading it does not change what the run sees.
 */
final class FirstBatchCheck {

    private FirstBatchCheck() {
    }

    /** Refuses the run with a {@link io.artifex.core.model.DataContractException} if a first batch does not match. */
    static void check(GenerativeModel model, BatchSource train, BatchSource validation) {
        NDManager parameters = parameterManager(model);
        if (parameters == null) {
            return; // the run itself reports a model without initialised parameters
        }
        checkFirst(model, train, "the first training batch", parameters);
        if (validation != null) {
            checkFirst(model, validation, "the first validation batch", parameters);
        }
    }

    private static void checkFirst(GenerativeModel model, BatchSource source, String where, NDManager parameters) {
        EpochIterator it = source.epoch(0);
        if (!it.hasNext()) {
            return;
        }
        try (NDManager scope = parameters.newSubManager()) {
            Batch batch = it.next(scope);
            DataContract.requireMatch(model, batch.x(), where);
        }
    }

    private static NDManager parameterManager(GenerativeModel model) {
        for (Pair<String, Parameter> p : model.network().getParameters()) {
            if (p.getValue().isInitialized()) {
                return p.getValue().getArray().getManager();
            }
        }
        return null;
    }
}
