package io.artifex.core.data;

/**
 * A finite data set served as mini-batches, one epoch at a time. This is what the trainer,
 * the evaluators and the benchmark consume; {@code artifex-data} implements it for its
 * datasets and a user plugs in their own data by implementing it.
 *
 * <p>The order of an epoch depends only on the source's seed and the epoch number, so a
 * resumed run sees the same batches as an uninterrupted one.
 *
 * <p>Thread-safety: not thread-safe: use one batch source and its epoch iterators from one thread.
 */
public interface BatchSource {

    /** The number of examples. */
    int size();

    /** The number of examples per batch (the last batch of an epoch may be smaller unless dropped). */
    int batchSize();

    /** The number of batches {@link #epoch} yields. */
    int batchesPerEpoch();

    /** The shape of one example, without the batch axis, e.g. {@code (1, 28, 28)}. */
    ai.djl.ndarray.types.Shape exampleShape();

    /** The batches of epoch {@code epoch} (from 0), in a fixed order for that epoch. */
    EpochIterator epoch(long epoch);
}
