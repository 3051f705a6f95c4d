package io.artifex.spark.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.model.ConditionalModel;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The samples of one partition, drawn lazily one batch at a time under a sub-manager of the
 * model that is closed before the batch is handed out (only host arrays leave). A conditional
 * model draws label {@code index % numClasses} for the sample with global index {@code index}, so
 * every class gets its share whatever the partitioning.
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public final class SampleBatches implements Iterator<SampleBatches.Batch> {

    /**
     * One batch on the host.
     *
     * @param firstIndex the global index of its first sample
     * @param size       the number of samples
     * @param labels     the class of each sample, or an empty array for an unconditional model
     * @param values     {@code size * perExample} values, sample after sample
     * @param perExample the number of values of one sample
     */
    public record Batch(long firstIndex, int size, int[] labels, float[] values, int perExample) {
    }

    private final GenerativeModel model;
    private final Rng rng;
    private final long start;
    private final long count;
    private final int batchSize;
    private long done;

    /** The batches of partition {@code partition} of the job {@code options}, drawn from {@code model}. */
    public SampleBatches(GenerativeModel model, GenerationOptions options, int partition) {
        this.model = model;
        this.rng = new Rng(PartitionPlan.seed(options.seed(), partition));
        this.start = PartitionPlan.start(options.count(), options.partitions(), partition);
        this.count = PartitionPlan.count(options.count(), options.partitions(), partition);
        this.batchSize = options.batchSize();
    }

    @Override
    public boolean hasNext() {
        return done < count;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the partition's " + count + " samples are all drawn");
        }
        int size = (int) Math.min(batchSize, count - done);
        long first = start + done;
        int[] labels = new int[0];
        float[] values;
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray x;
            if (model instanceof ConditionalModel conditional) {
                labels = new int[size];
                long[] ids = new long[size];
                for (int i = 0; i < size; i++) {
                    labels[i] = (int) ((first + i) % conditional.numClasses());
                    ids[i] = labels[i];
                }
                x = conditional.generate(scope.create(ids, new Shape(size)), scope, rng);
            } else {
                x = model.generate(size, scope, rng);
            }
            values = x.getDataType() == DataType.FLOAT32 ? x.toFloatArray() : x.toType(DataType.FLOAT32, false)
                    .toFloatArray();
        }
        done += size;
        return new Batch(first, size, labels, values, values.length / size);
    }
}
