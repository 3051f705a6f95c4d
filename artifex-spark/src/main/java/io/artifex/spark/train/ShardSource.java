package io.artifex.spark.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.data.AbstractBatchSource;
import java.util.List;

/**
 * One worker's shard as a batch source: the partition's examples in partition order, or shuffled
 * per epoch by {@code EpochOrder.permutation(size, seed, epoch)}; the last batch of an epoch may be
 * smaller. The order and batching are {@link AbstractBatchSource}'s; this class only turns example
 * indices into arrays. Package-private.
 *
 * <p>Thread-safety: not thread-safe; one worker's trainer owns it.
 */
final class ShardSource extends AbstractBatchSource {

    private final List<TrainingExample> examples;
    private final Shape exampleShape;
    private final int length;
    private final boolean labeled;

    ShardSource(List<TrainingExample> examples, int batchSize, Shape exampleShape, boolean shuffle, long seed, int worker) {
        super(nonEmpty(examples, worker), batchSize, false, shuffle, seed, null);
        this.examples = List.copyOf(examples);
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

    private static int nonEmpty(List<TrainingExample> examples, int worker) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("partition " + worker + " holds no training examples; give every one of"
                    + " the sparkTraining.workers partitions at least one example");
        }
        return examples.size();
    }

    @Override
    public Shape exampleShape() {
        return exampleShape;
    }

    @Override
    protected NDArray inputs(NDManager manager, int[] indices) {
        float[] x = new float[indices.length * length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(examples.get(indices[i]).features(), 0, x, i * length, length);
        }
        return manager.create(x, new Shape(indices.length).addAll(exampleShape));
    }

    @Override
    protected NDArray labels(NDManager manager, int[] indices) {
        if (!labeled) {
            return null;
        }
        long[] y = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            y[i] = examples.get(indices[i]).label();
        }
        return manager.create(y);
    }
}
