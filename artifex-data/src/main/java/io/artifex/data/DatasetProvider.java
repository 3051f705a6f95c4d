package io.artifex.data;

import io.artifex.core.config.data.DataConfig;
import io.artifex.core.data.BatchSource;

/**
 * Service-provider interface for a user's own dataset, so that experiment files, the command
 * line and the benchmark can name it like a built-in one ({@code data: {dataset: my-data}}).
 * Implement it, then list the class in
 * {@code META-INF/services/io.artifex.data.DatasetProvider}. Built-in names take precedence.
 *
 * <p>Thread-safety: implementations need not be thread-safe; use one instance per thread unless an
 * implementation says otherwise.
 */
public interface DatasetProvider {

    /** The dataset name used in configs; lower case, digits and dashes. */
    String name();

    /** The training split, shuffled with {@code seed}, with batches of {@code batchSize}. */
    BatchSource train(DataConfig config, int batchSize, long seed);

    /** The test split, in a fixed order. */
    BatchSource test(DataConfig config, int batchSize, long seed);
}
