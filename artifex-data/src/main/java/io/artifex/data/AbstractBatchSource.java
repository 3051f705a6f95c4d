package io.artifex.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.data.transform.ImageTransform;
import io.artifex.data.transform.Transforms;
import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * A {@link BatchSource} over examples held in memory. Subclasses only turn a list of example
 * indices into arrays; this class handles the order (a seeded Fisher-Yates shuffle that depends
 * only on (seed, epoch), see {@link EpochOrder}), batching, {@code dropLast}, skipping without
 * decoding, and the per-batch transform, whose {@link io.artifex.core.random.Rng} is derived
 * from (seed, epoch, batch index) so resumed runs reproduce exactly.
 *
 * <p>Thread-safety: not thread-safe: use one batch source and its epoch iterators from one thread.
 */
public abstract class AbstractBatchSource implements BatchSource {

    private final int size;
    private final int batchSize;
    private final boolean dropLast;
    private final boolean shuffle;
    private final long seed;
    private final ImageTransform transform;
    private Shape exampleShape;

    /** Validates and stores the batching options shared by all in-memory sources. */
    protected AbstractBatchSource(int size, int batchSize, boolean dropLast, boolean shuffle, long seed,
                                  ImageTransform transform) {
        if (size <= 0) {
            throw new IllegalArgumentException("data set must not be empty, got size " + size);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        if (dropLast && batchSize > size) {
            throw new IllegalArgumentException("batchSize " + batchSize + " exceeds the data set size " + size
                    + " with dropLast=true, so an epoch would have no batches");
        }
        this.size = size;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
        this.shuffle = shuffle;
        this.seed = seed;
        this.transform = transform == null ? Transforms.identity() : transform;
    }

    /** The inputs for the examples {@code indices}, before the transform, on {@code manager}. */
    protected abstract NDArray inputs(NDManager manager, int[] indices);

    /** The int64 labels for {@code indices}, or {@code null} if the data are unlabelled. */
    protected abstract NDArray labels(NDManager manager, int[] indices);

    @Override
    public int size() {
        return size;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int batchesPerEpoch() {
        return EpochOrder.batchesPerEpoch(size, batchSize, dropLast);
    }

    /** The shuffle seed; also the root of the per-batch transform streams. */
    public long seed() {
        return seed;
    }

    /** Whether the last, smaller batch of an epoch is dropped. */
    public boolean dropLast() {
        return dropLast;
    }

    /** Whether epochs are shuffled (otherwise examples come in stored order). */
    public boolean shuffle() {
        return shuffle;
    }

    /** The shape of one example after the transform, found by transforming one example once. */
    @Override
    public synchronized Shape exampleShape() {
        if (exampleShape == null) {
            // one example transformed only to read its shape, then dropped: no model's array
            try (NDManager scratch = NDManager.newBaseManager()) {
                NDArray x = transform.apply(inputs(scratch, new int[] {0}), EpochOrder.batchRng(seed, -1, 0));
                exampleShape = x.getShape().slice(1);
            }
        }
        return exampleShape;
    }

    /** The example indices of every batch of {@code epoch}, in order; for inspection and tests. */
    public int[] order(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        if (!shuffle) {
            int[] identity = new int[size];
            Arrays.setAll(identity, i -> i);
            return identity;
        }
        return EpochOrder.permutation(size, seed, epoch);
    }

    @Override
    public EpochIterator epoch(long epoch) {
        return new Iter(epoch, order(epoch));
    }

    private final class Iter implements EpochIterator {
        private final long epoch;
        private final int[] order;
        private final int batches = batchesPerEpoch();
        private int next;

        Iter(long epoch, int[] order) {
            this.epoch = epoch;
            this.order = order;
        }

        @Override
        public boolean hasNext() {
            return next < batches;
        }

        @Override
        public Batch next(NDManager manager) {
            if (!hasNext()) {
                throw new NoSuchElementException("epoch " + epoch + " has only " + batches + " batches");
            }
            int b = next++;
            int from = b * batchSize;
            int[] idx = Arrays.copyOfRange(order, from, Math.min(from + batchSize, size));
            NDArray x;
            try (NDManager scratch = manager.newSubManager()) {
                x = transform.apply(inputs(scratch, idx), EpochOrder.batchRng(seed, epoch, b));
                x.attach(manager);
            }
            NDArray y = labels(manager, idx);
            return y == null ? Batch.of(x) : Batch.of(x, y);
        }

        @Override
        public void skip(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("skip count must be >= 0, got " + count);
            }
            next = (int) Math.min((long) next + count, batches);
        }
    }
}
