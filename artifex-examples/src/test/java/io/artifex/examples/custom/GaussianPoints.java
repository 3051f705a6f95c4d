package io.artifex.examples.custom;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import java.util.Random;

/**
 * A custom data set: fixed 1-D points served as {@code (batchSize, 1)} batches, shuffled per
 * epoch by a generator seeded with the source's seed and the epoch number (so a resumed run
 * sees the same batches). The last partial batch is dropped.
 */
public final class GaussianPoints implements BatchSource {

    private final float[] points;
    private final int batchSize;
    private final long seed;

    /**
     * @param points the data, one value per example
     * @param batchSize examples per batch, at least 1 and at most {@code points.length}
     * @param seed seeds the per-epoch order
     */
    public GaussianPoints(float[] points, int batchSize, long seed) {
        if (batchSize < 1 || batchSize > points.length) {
            throw new IllegalArgumentException("batchSize must be between 1 and the " + points.length
                    + " points, got " + batchSize);
        }
        this.points = points.clone();
        this.batchSize = batchSize;
        this.seed = seed;
    }

    @Override
    public int size() {
        return points.length;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int batchesPerEpoch() {
        return points.length / batchSize;
    }

    @Override
    public Shape exampleShape() {
        return new Shape(1);
    }

    @Override
    public EpochIterator epoch(long epoch) {
        int[] order = new int[points.length];
        Random random = new Random(seed * 1_000_003L + epoch);
        for (int i = 0; i < order.length; i++) {
            int j = random.nextInt(i + 1); // inside-out Fisher-Yates shuffle
            order[i] = order[j];
            order[j] = i;
        }
        return new EpochIterator() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batchesPerEpoch();
            }

            @Override
            public Batch next(NDManager manager) {
                float[] values = new float[batchSize];
                for (int i = 0; i < batchSize; i++) {
                    values[i] = points[order[next * batchSize + i]];
                }
                next++;
                return Batch.of(manager.create(values, new Shape(batchSize, 1)));
            }
        };
    }
}
