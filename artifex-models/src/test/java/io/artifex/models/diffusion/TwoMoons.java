package io.artifex.models.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import java.util.SplittableRandom;

/** Two interleaved half circles with noise 0.1, standardised per axis; a shuffled batch source. */
final class TwoMoons implements BatchSource {

    private final float[] points;
    private final int size;
    private final int batchSize;
    private final long seed;

    TwoMoons(int size, int batchSize, long seed) {
        this.size = size;
        this.batchSize = batchSize;
        this.seed = seed;
        this.points = draw(size, seed);
    }

    /** {@code n} standardised points, flat (x0, y0, x1, y1, ...). */
    static float[] draw(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] raw = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double angle = Math.PI * r.nextDouble();
            boolean outer = r.nextBoolean();
            raw[2 * i] = (outer ? Math.cos(angle) : 1 - Math.cos(angle)) + 0.1 * r.nextGaussian();
            raw[2 * i + 1] = (outer ? Math.sin(angle) : 0.5 - Math.sin(angle)) + 0.1 * r.nextGaussian();
        }
        // fixed standardisation of the noiseless shape: mean (0.5, 0.25), std (0.87, 0.5)
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            out[2 * i] = (float) ((raw[2 * i] - 0.5) / 0.87);
            out[2 * i + 1] = (float) ((raw[2 * i + 1] - 0.25) / 0.5);
        }
        return out;
    }

    static NDArray array(NDManager manager, int n, long seed) {
        return manager.create(draw(n, seed), new Shape(n, 2));
    }

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
        return size / batchSize;
    }

    @Override
    public Shape exampleShape() {
        return new Shape(2);
    }

    @Override
    public EpochIterator epoch(long epoch) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed * 31 + epoch);
        for (int i = size - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
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
                    int k = order[batch * batchSize + i];
                    flat[2 * i] = points[2 * k];
                    flat[2 * i + 1] = points[2 * k + 1];
                }
                batch++;
                return Batch.of(manager.create(flat, new Shape(batchSize, 2)));
            }
        };
    }
}
