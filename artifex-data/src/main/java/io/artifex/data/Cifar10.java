package io.artifex.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
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

    /** Loads a split; every batch file of the split must be present; at most {@link DataLimits#DEFAULT_MAX_BYTES}. */
    public static ImageDataset load(Path dir, Split split) throws IOException {
        return load(dir, split, DataLimits.DEFAULT_MAX_BYTES);
    }

    /**
     * Loads a split, header first: every batch file of the split must be present and a whole
     * number of {@value #RECORD_BYTES}-byte records long, and the pixels of all of them must fit
     * in {@code maxBytes}, all checked from the file lengths before anything is read or
     * allocated; then each record is read and its label checked (record number named).
     */
    public static ImageDataset load(Path dir, Split split, long maxBytes) throws IOException {
        if (dir == null || split == null) {
            throw new IllegalArgumentException("cifar10: directory and split must not be null");
        }
        Path base = Files.isDirectory(dir.resolve("cifar-10-batches-bin")) ? dir.resolve("cifar-10-batches-bin") : dir;
        if (!Files.isDirectory(base)) {
            throw new NoSuchFileException(dir.toString(), null, "cifar10 directory does not exist or is not a directory");
        }
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
        int[] counts = new int[fileNames(split).size()];
        long total = 0;
        for (int f = 0; f < counts.length; f++) {
            counts[f] = RecordFiles.records(base.resolve(fileNames(split).get(f)), RECORD_BYTES, "CIFAR-10");
            total += counts[f];
        }
        int per = RECORD_BYTES - 1;
        RecordFiles.checkCeiling("cifar10 " + split.name().toLowerCase() + " (" + base + ")", total, per, maxBytes);
        byte[] pixels = new byte[(int) total * per];
        byte[] labels = new byte[(int) total];
        byte[] record = new byte[RECORD_BYTES];
        int image = 0;
        for (int f = 0; f < counts.length; f++) {
            Path file = base.resolve(fileNames(split).get(f));
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                for (int r = 0; r < counts[f]; r++) {
                    RecordFiles.readRecord(in, record, file, r);
                    int label = record[0] & 0xFF;
                    if (label >= NUM_CLASSES) {
                        throw new IOException(file + ": label " + label + " of record " + r
                                + " is out of range [0, " + NUM_CLASSES + ")");
                    }
                    labels[image] = (byte) label;
                    System.arraycopy(record, 1, pixels, image * per, per);
                    image++;
                }
                RecordFiles.expectEnd(in, file, counts[f]);
            }
        }
        ImageDataset data = ImageDataset.of("cifar10 " + split.name().toLowerCase() + " (" + base + ")", 3, 32, 32,
                pixels, labels, NUM_CLASSES);
        LOG.debug("loaded {}", data);
        return data;
    }
}
