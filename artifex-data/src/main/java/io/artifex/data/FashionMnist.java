package io.artifex.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Fashion-MNIST (Zalando; 10 clothing classes, 28x28 grey, 60,000 + 10,000 images) from a
 * directory of IDX files with the MNIST file names. Debian's package
 * {@code dataset-fashion-mnist} installs them at {@value #DEBIAN_DIRECTORY}.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class FashionMnist {

    /** The number of classes. */
    public static final int NUM_CLASSES = 10;

    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    public static final String DEBIAN_DIRECTORY = "/usr/share/datasets/fashion-mnist";

    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /** Debian's installation directory, if it exists on this machine. */
    public static Optional<Path> defaultDirectory() {
        Path p = Path.of(DEBIAN_DIRECTORY);
        return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }

    /** Loads a split from {@code dir}. */
    public static ImageDataset load(Path dir, Split split) throws IOException {
        return IdxImageDataset.load(dir, split, "fashion-mnist", NUM_CLASSES);
    }

    /** Loads a split from {@link #defaultDirectory()}; fails with a hint to install the Debian package if absent. */
    public static ImageDataset load(Split split) throws IOException {
        Path dir = defaultDirectory().orElseThrow(() -> new NoSuchFileException(DEBIAN_DIRECTORY, null,
                "fashion-mnist: no directory given and the Debian default is absent; install it with "
                        + "'apt-get install dataset-fashion-mnist' or pass the directory holding the IDX files"));
        return load(dir, split);
    }
}
