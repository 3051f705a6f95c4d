package io.artifex.data;

/**
 * Which part of a data set: the training split or the held-out test split.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum Split {
    /** The training split (MNIST file prefix {@code train}). */
    TRAIN("train"),
    /** The test split (MNIST file prefix {@code t10k}). */
    TEST("t10k");

    private final String idxPrefix;

    Split(String idxPrefix) {
        this.idxPrefix = idxPrefix;
    }

    /** The prefix of this split's IDX file names, {@code train} or {@code t10k}. */
    public String idxPrefix() {
        return idxPrefix;
    }

    /** Parses {@code train} or {@code test} (case-insensitive). */
    public static Split parse(String name) {
        if (name != null) {
            for (Split s : values()) {
                if (s.name().equalsIgnoreCase(name.trim())) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("split must be 'train' or 'test', got '" + name + "'");
    }
}
