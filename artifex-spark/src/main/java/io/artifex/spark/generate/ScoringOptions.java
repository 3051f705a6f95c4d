package io.artifex.spark.generate;

import io.artifex.spark.ArchiveSource;
import java.io.Serializable;

/**
 * How {@link DistributedScoring} scores a DataFrame: the likelihood model in {@code archive}, the
 * example column {@code inputColumn} ({@code array<float>} or {@code array<double>}, flattened in
 * the model's example shape), an optional int/long class column for conditional likelihood
 * models, the new column's name, the rows per model call and the seed of any randomness the model
 * uses while scoring. Build with {@link #builder()}.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param archive      the saved likelihood model
 * @param inputColumn  the examples; default {@code values} (the column generation writes)
 * @param labelColumn  the class labels, or the empty string for none (the default)
 * @param outputColumn the new double column; default {@code log_prob}
 * @param batchSize    rows per model call, at least 1; default 256
 * @param seed         seeds partition {@code p}'s stream with {@link PartitionPlan#seed}; default 0
 */
public record ScoringOptions(ArchiveSource archive, String inputColumn, String labelColumn, String outputColumn,
                             int batchSize, long seed) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Checks every field; the message names the field and the rule. */
    public ScoringOptions {
        if (archive == null) {
            throw new IllegalArgumentException("scoring archive must be set (ArchiveSource.of(path))");
        }
        if (inputColumn == null || inputColumn.isBlank()) {
            throw new IllegalArgumentException("scoring inputColumn must not be blank");
        }
        if (labelColumn == null) {
            throw new IllegalArgumentException("scoring labelColumn must not be null (the empty string means none)");
        }
        if (outputColumn == null || outputColumn.isBlank()) {
            throw new IllegalArgumentException("scoring outputColumn must not be blank");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("scoring batchSize must be >= 1, got " + batchSize);
        }
    }

    /** True when a label column is set. */
    public boolean hasLabels() {
        return !labelColumn.isEmpty();
    }

    /** A builder with the defaults listed on the record and no archive. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ScoringOptions} one named field at a time. */
    public static final class Builder {
        private ArchiveSource archive;
        private String inputColumn = DistributedGeneration.VALUES;
        private String labelColumn = "";
        private String outputColumn = "log_prob";
        private int batchSize = 256;
        private long seed;

        private Builder() {
        }

        /** Sets the likelihood model's archive. */
        public Builder archive(ArchiveSource archive) {
            this.archive = archive;
            return this;
        }

        /** Sets the example column. */
        public Builder inputColumn(String inputColumn) {
            this.inputColumn = inputColumn;
            return this;
        }

        /** Sets the class label column of a conditional model. */
        public Builder labelColumn(String labelColumn) {
            this.labelColumn = labelColumn;
            return this;
        }

        /** Sets the name of the new column. */
        public Builder outputColumn(String outputColumn) {
            this.outputColumn = outputColumn;
            return this;
        }

        /** Sets the rows per model call. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Sets the seed of the model's randomness while scoring. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The options, checked. */
        public ScoringOptions build() {
            return new ScoringOptions(archive, inputColumn, labelColumn, outputColumn, batchSize, seed);
        }
    }
}
