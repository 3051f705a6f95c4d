package io.artifex.spark.generate;

/**
 * How a job of {@code n} samples is split over {@code partitions}: partition {@code p} draws
 * {@code n / partitions} samples, one more for the first {@code n % partitions} partitions, with
 * global indices starting at {@link #start}; its random stream is seeded by {@link #seed}, a
 * function of the job seed and {@code p} only. So the samples depend on the job seed, the
 * partition count and the batch size, never on which executor ran a partition or when.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class PartitionPlan {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private PartitionPlan() {
    }

    /** The number of samples partition {@code p} draws. */
    public static long count(long n, int partitions, int p) {
        check(n, partitions, p);
        return n / partitions + (p < n % partitions ? 1 : 0);
    }

    /** The global index of partition {@code p}'s first sample. */
    public static long start(long n, int partitions, int p) {
        check(n, partitions, p);
        return p * (n / partitions) + Math.min(p, n % partitions);
    }

    /**
     * The seed of partition {@code p}'s random stream: SplitMix64's finaliser of
     * {@code jobSeed + (p + 1) * golden gamma}, a bijection of {@code p} for a fixed job seed, so
     * two partitions of one job never share a stream.
     */
    public static long seed(long jobSeed, int p) {
        if (p < 0) {
            throw new IllegalArgumentException("partition index must be >= 0, got " + p);
        }
        long z = jobSeed + GOLDEN_GAMMA * (p + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void check(long n, int partitions, int p) {
        if (n < 0) {
            throw new IllegalArgumentException("sample count must be >= 0, got " + n);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        if (p < 0 || p >= partitions) {
            throw new IllegalArgumentException("partition index must be in [0, " + partitions + "), got " + p);
        }
    }
}
