package io.artifex.data.toy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import io.artifex.data.AbstractBatchSource;
import io.artifex.data.transform.Transforms;

/**
 * A fixed training set of {@code size} points drawn once from a {@link ToyDistribution}, served
 * as unlabelled float32 batches shaped {@code (N, 2)}. The points come from
 * {@code new Rng(seed).fork("toy-data")}; epochs are shuffled by (seed, epoch).
 *
 * <p>Thread-safety: not thread-safe: use one batch source and its epoch iterators from one thread.
 */
public final class ToyBatchSource extends AbstractBatchSource {

    private final ToyDistribution distribution;
    private final float[] points;

    /** {@code size} points of {@code distribution}, batches of {@code batchSize}, last batch kept. */
    public ToyBatchSource(ToyDistribution distribution, int size, int batchSize, long seed) {
        this(distribution, size, batchSize, seed, false);
    }

    /** As {@link #ToyBatchSource(ToyDistribution, int, int, long)}, optionally dropping the last smaller batch. */
    public ToyBatchSource(ToyDistribution distribution, int size, int batchSize, long seed, boolean dropLast) {
        super(size, batchSize, dropLast, true, seed, Transforms.identity());
        if (distribution == null) {
            throw new IllegalArgumentException("toy distribution must not be null");
        }
        this.distribution = distribution;
        this.points = distribution.sampleHost(size, new Rng(seed).fork("toy-data"));
    }

    /** The distribution the points were drawn from. */
    public ToyDistribution distribution() {
        return distribution;
    }

    /** The fixed points, row-major {@code size x 2} (a copy). */
    public float[] points() {
        return points.clone();
    }

    @Override
    protected NDArray inputs(NDManager manager, int[] indices) {
        float[] buf = new float[2 * indices.length];
        for (int i = 0; i < indices.length; i++) {
            buf[2 * i] = points[2 * indices[i]];
            buf[2 * i + 1] = points[2 * indices[i] + 1];
        }
        return manager.create(buf, new Shape(indices.length, 2));
    }

    @Override
    protected NDArray labels(NDManager manager, int[] indices) {
        return null;
    }
}
