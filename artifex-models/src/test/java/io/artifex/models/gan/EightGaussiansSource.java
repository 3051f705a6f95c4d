package io.artifex.models.gan;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import java.util.SplittableRandom;

/**
 * Eight Gaussians of standard deviation {@code std} on a circle of radius 2 (mode k at angle
 * 2 pi k / 8), sampled directly (artifex-models does not depend on artifex-data); every batch is
 * a fresh draw seeded by (seed, epoch, batch), optionally with the mode as label.
 */
final class EightGaussiansSource implements BatchSource {

    static final double RADIUS = 2.0;

    private final int batchSize;
    private final int batches;
    private final double std;
    private final long seed;
    private final boolean labelled;

    EightGaussiansSource(int batchSize, int batches, double std, long seed, boolean labelled) {
        this.batchSize = batchSize;
        this.batches = batches;
        this.std = std;
        this.seed = seed;
        this.labelled = labelled;
    }

    static double[] centre(int k) {
        double a = 2 * Math.PI * k / 8;
        return new double[] {RADIUS * Math.cos(a), RADIUS * Math.sin(a)};
    }

    @Override
    public int size() {
        return batchSize * batches;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int batchesPerEpoch() {
        return batches;
    }

    @Override
    public Shape exampleShape() {
        return new Shape(2);
    }

    @Override
    public EpochIterator epoch(long epoch) {
        return new EpochIterator() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next(NDManager manager) {
                SplittableRandom r = new SplittableRandom(seed * 1_000_003L + epoch * 10_007L + next++);
                float[] x = new float[2 * batchSize];
                long[] y = new long[batchSize];
                for (int i = 0; i < batchSize; i++) {
                    int k = r.nextInt(8);
                    double[] c = centre(k);
                    x[2 * i] = (float) (c[0] + std * r.nextGaussian());
                    x[2 * i + 1] = (float) (c[1] + std * r.nextGaussian());
                    y[i] = k;
                }
                ai.djl.ndarray.NDArray xs = manager.create(x, new Shape(batchSize, 2));
                return labelled ? Batch.of(xs, manager.create(y)) : Batch.of(xs);
            }
        };
    }
}
