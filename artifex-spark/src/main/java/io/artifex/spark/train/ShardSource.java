package io.artifex.spark.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.data.EpochOrder;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One worker's shard as a {@link BatchSource}: the partition's examples in partition order, or
 * shuffled per epoch by {@code EpochOrder.permutation(size, seed, epoch)}; the last batch of an
 * epoch may be smaller. Package-private.
 */
final class ShardSource implements BatchSource {

    private final List<TrainingExample> examples;
    private final int batchSize;
    private final Shape exampleShape;
    private final int length;
    private final boolean shuffle;
    private final long seed;
    private final boolean labeled;

    ShardSource(List<TrainingExample> examples, int batchSize, Shape exampleShape, boolean shuffle, long seed, int worker) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("partition " + worker + " holds no training examples; give every one of"
                    + " the sparkTraining.workers partitions at least one example");
        }
        this.examples = List.copyOf(examples);
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.length = examples.get(0).features().length;
        this.exampleShape = exampleShape != null ? exampleShape : new Shape(length);
        if (this.exampleShape.size() != length) {
            throw new IllegalArgumentException("partition " + worker + ": a training example has " + length
                    + " values but the model's example shape " + this.exampleShape + " needs " + this.exampleShape.size());
        }
        this.labeled = examples.get(0).labeled();
        for (int i = 0; i < examples.size(); i++) {
            TrainingExample e = examples.get(i);
            if (e.features().length != length) {
                throw new IllegalArgumentException("partition " + worker + ": example " + i + " has " + e.features().length
                        + " values, example 0 has " + length + "; every example must have the model's " + length);
            }
            if (e.labeled() != labeled) {
                throw new IllegalArgumentException("partition " + worker + ": example " + i + (e.labeled() ? " has" : " lacks")
                        + " a label but example 0 " + (labeled ? "has one" : "does not") + "; label all examples or none");
            }
        }
    }

    @Override
    public int size() {
        return examples.size();
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int batchesPerEpoch() {
        return (examples.size() + batchSize - 1) / batchSize;
    }

    @Override
    public Shape exampleShape() {
        return exampleShape;
    }

    @Override
    public EpochIterator epoch(long epoch) {
        int[] order;
        if (shuffle) {
            order = EpochOrder.permutation(examples.size(), seed, epoch);
        } else {
            order = new int[examples.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
        }
        return new EpochIterator() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batchesPerEpoch();
            }

            @Override
            public Batch next(NDManager manager) {
                if (!hasNext()) {
                    throw new NoSuchElementException("epoch " + epoch + " of the shard has only " + batchesPerEpoch()
                            + " batches");
                }
                int from = next++ * batchSize;
                int to = Math.min(from + batchSize, order.length);
                float[] x = new float[(to - from) * length];
                long[] y = new long[to - from];
                for (int i = from; i < to; i++) {
                    TrainingExample e = examples.get(order[i]);
                    System.arraycopy(e.features(), 0, x, (i - from) * length, length);
                    y[i - from] = e.label();
                }
                NDArray xs = manager.create(x, new Shape(to - from).addAll(exampleShape));
                return labeled ? Batch.of(xs, manager.create(y)) : Batch.of(xs);
            }

            @Override
            public void skip(int count) {
                next = Math.min(next + count, batchesPerEpoch());
            }
        };
    }
}
