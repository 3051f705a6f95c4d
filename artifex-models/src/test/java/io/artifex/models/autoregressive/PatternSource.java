package io.artifex.models.autoregressive;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import java.util.SplittableRandom;

/**
 * 4x4 binary images, each one of four fixed patterns chosen uniformly (entropy: 2 bits per
 * image, 0.125 bits per pixel), optionally labelled with the pattern's index. Every batch is a
 * fresh draw seeded by (seed, epoch, batch).
 */
final class PatternSource implements BatchSource {

    static final int SIZE = 4;
    /** Horizontal stripes, vertical stripes, checkerboard, top half; any two rows identify the pattern. */
    static final float[][] PATTERNS = new float[4][SIZE * SIZE];

    static {
        for (int i = 0; i < SIZE; i++) {
            for (int j = 0; j < SIZE; j++) {
                PATTERNS[0][i * SIZE + j] = i % 2 == 0 ? 1f : 0f;
                PATTERNS[1][i * SIZE + j] = j % 2 == 0 ? 1f : 0f;
                PATTERNS[2][i * SIZE + j] = (i + j) % 2 == 0 ? 1f : 0f;
                PATTERNS[3][i * SIZE + j] = i < SIZE / 2 ? 1f : 0f;
            }
        }
    }

    private final int batchSize;
    private final int batches;
    private final long seed;
    private final boolean labelled;

    PatternSource(int batchSize, int batches, long seed, boolean labelled) {
        this.batchSize = batchSize;
        this.batches = batches;
        this.seed = seed;
        this.labelled = labelled;
    }

    /** The index of the pattern an image (SIZE * SIZE values) equals, or -1. */
    static int patternOf(float[] images, int offset) {
        for (int k = 0; k < PATTERNS.length; k++) {
            boolean same = true;
            for (int q = 0; q < SIZE * SIZE && same; q++) {
                same = images[offset + q] == PATTERNS[k][q];
            }
            if (same) {
                return k;
            }
        }
        return -1;
    }

    /** A batch of the given patterns. */
    static Batch batchOf(NDManager manager, int[] which, boolean labelled) {
        float[] x = new float[which.length * SIZE * SIZE];
        long[] y = new long[which.length];
        for (int b = 0; b < which.length; b++) {
            System.arraycopy(PATTERNS[which[b]], 0, x, b * SIZE * SIZE, SIZE * SIZE);
            y[b] = which[b];
        }
        ai.djl.ndarray.NDArray images = manager.create(x, new Shape(which.length, 1, SIZE, SIZE));
        return labelled ? Batch.of(images, manager.create(y)) : Batch.of(images);
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
        return new Shape(1, SIZE, SIZE);
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
                int[] which = new int[batchSize];
                for (int b = 0; b < batchSize; b++) {
                    which[b] = r.nextInt(PATTERNS.length);
                }
                return batchOf(manager, which, labelled);
            }
        };
    }
}
