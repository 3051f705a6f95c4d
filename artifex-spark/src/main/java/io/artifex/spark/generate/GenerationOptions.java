package io.artifex.spark.generate;

import io.artifex.spark.ArchiveSource;
import java.io.Serializable;

/**
 * What a distributed generation job draws: {@code count} samples of the model in {@code archive},
 * over {@code partitions} Spark partitions, from the job seed {@code seed}, in batches of at most
 * {@code batchSize} per model call, stored as {@code format}. The same values give the same
 * samples (see {@link PartitionPlan}). Build with {@link #builder()}.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param archive    the saved model every executor loads once
 * @param count      the number of samples, at least 1
 * @param partitions the number of Spark partitions (tasks), at least 1
 * @param seed       the job seed
 * @param batchSize  samples per model call within a partition, at least 1; default 64
 * @param format     how samples are stored; default {@link SampleFormat#FLOATS}
 */
public record GenerationOptions(ArchiveSource archive, long count, int partitions, long seed, int batchSize,
                                SampleFormat format) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Checks every field; the message names the field and the rule. */
    public GenerationOptions {
        if (archive == null) {
            throw new IllegalArgumentException("generation archive must be set (ArchiveSource.of(path))");
        }
        if (count < 1) {
            throw new IllegalArgumentException("generation count must be >= 1, got " + count);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("generation partitions must be >= 1, got " + partitions);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("generation batchSize must be >= 1, got " + batchSize);
        }
        if (format == null) {
            throw new IllegalArgumentException("generation format must be set (FLOATS or PNG)");
        }
    }

    /** A builder with count 1, partitions 1, seed 0, batch size 64, format FLOATS and no archive. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change a few of them. */
    public Builder toBuilder() {
        return new Builder().archive(archive).count(count).partitions(partitions).seed(seed).batchSize(batchSize)
                .format(format);
    }

    /** Builds {@link GenerationOptions} one named field at a time. */
    public static final class Builder {
        private ArchiveSource archive;
        private long count = 1;
        private int partitions = 1;
        private long seed;
        private int batchSize = 64;
        private SampleFormat format = SampleFormat.FLOATS;

        private Builder() {
        }

        /** Sets the archive to sample from. */
        public Builder archive(ArchiveSource archive) {
            this.archive = archive;
            return this;
        }

        /** Sets the number of samples. */
        public Builder count(long count) {
            this.count = count;
            return this;
        }

        /** Sets the number of partitions. */
        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /** Sets the job seed. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Sets the samples per model call. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Sets how samples are stored. */
        public Builder format(SampleFormat format) {
            this.format = format;
            return this;
        }

        /** The options, checked. */
        public GenerationOptions build() {
            return new GenerationOptions(archive, count, partitions, seed, batchSize, format);
        }
    }
}
