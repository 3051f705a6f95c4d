package io.artifex.core.data;

import ai.djl.ndarray.NDManager;
import io.artifex.core.model.Batch;

/**
 * The batches of one epoch. Each batch's arrays are created on the manager the caller
 * passes, typically a per-step sub-manager that is closed when the step ends.
 *
 * <p>Thread-safety: not thread-safe: use one batch source and its epoch iterators from one thread.
 */
public interface EpochIterator {

    /** Whether another batch remains in this epoch. */
    boolean hasNext();

    /** The next batch, created on {@code manager}. */
    Batch next(NDManager manager);

    /** Skips the next {@code count} batches (used when resuming mid-epoch); sources override it to skip without decoding. */
    default void skip(int count) {
        // skipped batches are decoded and dropped at once; they never meet a model
        try (NDManager scratch = NDManager.newBaseManager()) {
            for (int i = 0; i < count && hasNext(); i++) {
                next(scratch);
            }
        }
    }
}
