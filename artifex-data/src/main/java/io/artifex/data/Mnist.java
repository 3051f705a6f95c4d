package io.artifex.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * MNIST handwritten digits (10 classes, 28x28 grey) from a directory of the standard IDX files.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class Mnist {

    /** The number of digit classes. */
    public static final int NUM_CLASSES = 10;

    private Mnist() {
    }

    /**
     * Loads a split from {@code dir}, which holds {@code train-images-idx3-ubyte[.gz]},
     * {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-images-idx3-ubyte[.gz]} and
     * {@code t10k-labels-idx1-ubyte[.gz]}. For the copy shipped in the jar see {@link EmbeddedMnist}.
     */
    public static ImageDataset load(Path dir, Split split) throws IOException {
        return IdxImageDataset.load(dir, split, "mnist", NUM_CLASSES);
    }
}
