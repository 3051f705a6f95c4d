package io.artifex.spark.train;

import ai.djl.ndarray.types.Shape;
import io.artifex.core.data.BatchSource;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * One training example as it travels through Spark: its values as a flat float vector (row-major
 * in the model's example shape, e.g. 784 values for a 1 x 28 x 28 image) and, for conditional
 * models, a class label.
 *
 * <p>Thread-safety: not deeply immutable: it holds the arrays it was given without copying them;
 * safe to read from several threads as long as nobody mutates those arrays.
 *
 * @param features the example's values, flattened
 * @param label the class label; meaningful only when {@code labeled}
 * @param labeled whether the example carries a label
 */
public record TrainingExample(float[] features, long label, boolean labeled) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Checks the values are present and not empty, and that a label is not negative. */
    public TrainingExample {
        if (features == null || features.length == 0) {
            throw new IllegalArgumentException("training example features must be a non-empty float array");
        }
        if (labeled && label < 0) {
            throw new IllegalArgumentException("training example label must be >= 0, got " + label);
        }
    }

    /** An unlabelled example. */
    public static TrainingExample of(float... features) {
        return new TrainingExample(features, 0L, false);
    }

    /** An example of class {@code label}. */
    public static TrainingExample labeled(float[] features, long label) {
        return new TrainingExample(features, label, true);
    }

    /**
     * {@code examples} as a {@link BatchSource} for one machine's {@code Trainer}, the same source
     * each Spark worker trains on: in order, or shuffled per epoch from {@code seed}; the last
     * batch of an epoch may be smaller. For comparing a distributed run with a single trainer.
     *
     * @param exampleShape the model's example shape ({@code null}: a vector as long as the features)
     * @throws IllegalArgumentException for no examples or features that do not fill the shape
     */
    public static BatchSource batchSource(List<TrainingExample> examples, int batchSize, Shape exampleShape,
                                          boolean shuffle, long seed) {
        return new ShardSource(examples, batchSize, exampleShape, shuffle, seed, 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingExample e && e.label == label && e.labeled == labeled
                && Arrays.equals(e.features, features);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(features) + Long.hashCode(label) + (labeled ? 1 : 0);
    }

    @Override
    public String toString() {
        return "TrainingExample[" + features.length + " values" + (labeled ? ", label " + label : "") + "]";
    }
}
