package io.artifex.models.energy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.core.random.Rng;
import java.util.SplittableRandom;

/**
 * Test data: 2-D points, shuffled per epoch from (seed, epoch); {@link #eightGaussians} draws
 * the classic mixture of eight Gaussians on a circle.
 */
final class PointSource implements BatchSource {

    static final double RADIUS = 2.0;

    private final float[] xy;
    private final int batchSize;
    private final long seed;

    PointSource(float[] xy, int batchSize, long seed) {
        this.xy = xy;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** The centre of mode {@code k} of eight on the circle of radius 2. */
    static double[] mode(int k) {
        double angle = 2 * Math.PI * k / 8;
        return new double[] {RADIUS * Math.cos(angle), RADIUS * Math.sin(angle)};
    }

    /** {@code n} points, mode chosen uniformly, isotropic noise of standard deviation {@code std}. */
    static float[] eightGaussians(int n, double std, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double[] c = mode(r.nextInt(8));
            out[2 * i] = (float) (c[0] + std * r.nextGaussian());
            out[2 * i + 1] = (float) (c[1] + std * r.nextGaussian());
        }
        return out;
    }

    @Override
    public int size() {
        return xy.length / 2;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int batchesPerEpoch() {
        return size() / batchSize;
    }

    @Override
    public Shape exampleShape() {
        return new Shape(2);
    }

    @Override
    public EpochIterator epoch(long epoch) {
        int n = size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom r = new Rng(seed).fork("epoch-" + epoch).javaRandom();
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return new EpochIterator() {
            private int batch;

            @Override
            public boolean hasNext() {
                return batch < batchesPerEpoch();
            }

            @Override
            public Batch next(NDManager manager) {
                float[] flat = new float[2 * batchSize];
                for (int i = 0; i < batchSize; i++) {
                    int row = order[batch * batchSize + i];
                    flat[2 * i] = xy[2 * row];
                    flat[2 * i + 1] = xy[2 * row + 1];
                }
                batch++;
                return Batch.of(manager.create(flat, new Shape(batchSize, 2)));
            }
        };
    }
}
