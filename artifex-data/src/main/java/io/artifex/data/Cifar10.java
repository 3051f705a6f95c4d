package io.artifex.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CIFAR-10 (10 classes, 32x32 colour) from the "binary version": {@code data_batch_1.bin} to
 * {@code data_batch_5.bin} (train) and {@code test_batch.bin} (test), each a sequence of
 * 3,073-byte records (label byte, then 1,024 red, 1,024 green and 1,024 blue bytes, row-major),
 * which is exactly NCHW. The directory may be {@code cifar-10-batches-bin} itself or its parent.
 *
 * <p>Thread-safety: thread-safe (no shared state); the returned data set is read-only.
 */
public final class Cifar10 {

    private static final Logger LOG = LoggerFactory.getLogger(Cifar10.class);

    /** The number of classes. */
    public static final int NUM_CLASSES = 10;

    /** Bytes per record: one label and 3 x 32 x 32 pixels. */
    public static final int RECORD_BYTES = 1 + 3 * 32 * 32;

    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer",
            "dog", "frog", "horse", "ship", "truck");

    private Cifar10() {
    }

    /** The batch files of a split, in order. */
    public static List<String> fileNames(Split split) {
        return split == Split.TRAIN
                ? List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin")
                : List.of("test_batch.bin");
    }

    /** Loads a split; every batch file of the split must be present. */
    public static ImageDataset load(Path dir, Split split) throws IOException {
        if (dir == null || split == null) {
            throw new IllegalArgumentException("cifar10: directory and split must not be null");
        }
        Path base = Files.isDirectory(dir.resolve("cifar-10-batches-bin")) ? dir.resolve("cifar-10-batches-bin") : dir;
        if (!Files.isDirectory(base)) {
            throw new NoSuchFileException(dir.toString(), null, "cifar10 directory does not exist or is not a directory");
        }
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        List<String> missing = new ArrayList<>();
        for (String name : fileNames(split)) {
            if (!Files.isRegularFile(base.resolve(name))) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new NoSuchFileException(base.toString(), null, "cifar10 " + split.name().toLowerCase()
                    + " file(s) missing in " + base + ": " + missing);
        }
        for (String name : fileNames(split)) {
            Path file = base.resolve(name);
            byte[] content = Files.readAllBytes(file);
            if (content.length == 0 || content.length % RECORD_BYTES != 0) {
                throw new IOException(file + ": length " + content.length + " is not a positive multiple of the "
                        + RECORD_BYTES + "-byte CIFAR-10 record (remainder " + content.length % RECORD_BYTES + ")");
            }
            for (int off = 0; off < content.length; off += RECORD_BYTES) {
                int label = content[off] & 0xFF;
                if (label >= NUM_CLASSES) {
                    throw new IOException(file + ": label " + label + " of record " + off / RECORD_BYTES
                            + " is out of range [0, " + NUM_CLASSES + ")");
                }
                labels.write(label);
                pixels.write(content, off + 1, RECORD_BYTES - 1);
            }
        }
        ImageDataset data = ImageDataset.of("cifar10 " + split.name().toLowerCase() + " (" + base + ")", 3, 32, 32,
                pixels.toByteArray(), labels.toByteArray(), NUM_CLASSES);
        LOG.debug("loaded {}", data);
        return data;
    }
}
