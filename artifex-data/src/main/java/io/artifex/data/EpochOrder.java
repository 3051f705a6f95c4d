package io.artifex.data;

import io.artifex.core.random.Rng;
import java.util.SplittableRandom;

/**
 * The order of examples in an epoch and the random stream of each batch, as pure functions
 * of (seed, epoch[, batch]). A run resumed at any epoch and batch therefore sees exactly the
 * batches an uninterrupted run would have seen.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class EpochOrder {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private EpochOrder() {
    }

    /**
     * A permutation of {@code 0..n-1} for this (seed, epoch): Fisher-Yates driven by a
     * {@link SplittableRandom} seeded from the mixed seed and epoch.
     */
    public static int[] permutation(int n, long seed, long epoch) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation size must be >= 0, got " + n);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(mix(seed, epoch));
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** The generator for the per-batch transform of batch {@code batch} of epoch {@code epoch}. */
    public static Rng batchRng(long seed, long epoch, long batch) {
        return new Rng(mix(mix(seed ^ 0x5DEECE66DL, epoch), batch));
    }

    /** Mixes two 64-bit values into a well-spread seed (SplitMix64 finaliser). */
    public static long mix(long a, long b) {
        return fmix(fmix(a + GOLDEN_GAMMA) ^ (b * GOLDEN_GAMMA + 0x632BE59BD9B4E019L));
    }

    private static long fmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The number of batches of an epoch of {@code size} examples. */
    public static int batchesPerEpoch(int size, int batchSize, boolean dropLast) {
        return dropLast ? size / batchSize : (size + batchSize - 1) / batchSize;
    }
}
