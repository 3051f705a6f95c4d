package io.artifex.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.data.AbstractBatchSource;

/** A fixed in-memory set of {@code (n, dim)} float points served as shuffled batches (for training tests). */
final class PointSource extends AbstractBatchSource {

    private final float[] points;
    private final int dim;

    PointSource(float[] points, int dim, int batchSize, long seed) {
        super(points.length / dim, batchSize, true, true, seed, null);
        this.points = points.clone();
        this.dim = dim;
    }

    @Override
    protected NDArray inputs(NDManager manager, int[] indices) {
        float[] buf = new float[indices.length * dim];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(points, indices[i] * dim, buf, i * dim, dim);
        }
        return manager.create(buf, new Shape(indices.length, dim));
    }

    @Override
    protected NDArray labels(NDManager manager, int[] indices) {
        return null;
    }
}
