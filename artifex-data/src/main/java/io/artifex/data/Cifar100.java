package io.artifex.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CIFAR-100 (100 fine classes in 20 coarse superclasses, 32x32 colour) from the "binary
 * version": {@code train.bin} (50,000 images) and {@code test.bin} (10,000), each a sequence of
 * 3,074-byte records: coarse label byte, fine label byte, then 1,024 red, 1,024 green and 1,024
 * blue bytes, row-major (exactly NCHW). The directory may be {@code cifar-100-binary} itself or
 * its parent. Fine labels are used by default.
 *
 * <p>Thread-safety: thread-safe (no shared state); the returned data set is read-only.
 */
public final class Cifar100 {

    private static final Logger LOG = LoggerFactory.getLogger(Cifar100.class);

    /** The number of fine classes. */
    public static final int NUM_FINE_CLASSES = 100;

    /** The number of coarse classes (superclasses). */
    public static final int NUM_COARSE_CLASSES = 20;

    /** Bytes per record: coarse label, fine label and 3 x 32 x 32 pixels. */
    public static final int RECORD_BYTES = 2 + 3 * 32 * 32;

    /** The name of the folder the official archive unpacks to. */
    public static final String FOLDER = "cifar-100-binary";

    /** Which of the two labels of a record becomes the class label. */
    public enum LabelKind {
        /** The 100 fine classes (byte 1 of a record); the default. */
        FINE,
        /** The 20 coarse superclasses (byte 0 of a record). */
        COARSE;

        /** The number of classes of this kind. */
        public int numClasses() {
            return this == FINE ? NUM_FINE_CLASSES : NUM_COARSE_CLASSES;
        }
    }

    private Cifar100() {
    }

    /** The file of a split: {@code train.bin} or {@code test.bin}. */
    public static String fileName(Split split) {
        if (split == null) {
            throw new IllegalArgumentException("cifar100: split must not be null");
        }
        return split == Split.TRAIN ? "train.bin" : "test.bin";
    }

    /** Loads a split with fine labels. */
    public static ImageDataset load(Path dir, Split split) throws IOException {
        return load(dir, split, LabelKind.FINE);
    }

    /** Loads a split with the chosen label kind, at most {@link DataLimits#DEFAULT_MAX_BYTES}. */
    public static ImageDataset load(Path dir, Split split, LabelKind kind) throws IOException {
        return load(dir, split, kind, DataLimits.DEFAULT_MAX_BYTES);
    }

    /**
     * Loads a split with the chosen label kind, header first: the file must be a whole number of
     * {@value #RECORD_BYTES}-byte records long and its pixels must fit in {@code maxBytes}, both
     * checked from its length before anything is read or allocated; then both labels of every
     * record are range-checked (record number named) whichever is used.
     */
    public static ImageDataset load(Path dir, Split split, LabelKind kind, long maxBytes) throws IOException {
        if (dir == null || split == null || kind == null) {
            throw new IllegalArgumentException("cifar100: directory, split and label kind must not be null");
        }
        Path base = Files.isDirectory(dir.resolve(FOLDER)) ? dir.resolve(FOLDER) : dir;
        if (!Files.isDirectory(base)) {
            throw new NoSuchFileException(dir.toString(), null, "cifar100 directory does not exist or is not a directory");
        }
        Path file = base.resolve(fileName(split));
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "cifar100 " + split.name().toLowerCase(Locale.ROOT)
                    + " file missing: expected " + fileName(split) + " in " + base
                    + " (the binary version, cifar-100-binary.tar.gz)");
        }
        int n = RecordFiles.records(file, RECORD_BYTES, "CIFAR-100");
        int per = RECORD_BYTES - 2;
        RecordFiles.checkCeiling(file.toString(), n, per, maxBytes);
        byte[] pixels = new byte[n * per];
        byte[] labels = new byte[n];
        byte[] record = new byte[RECORD_BYTES];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            for (int r = 0; r < n; r++) {
                RecordFiles.readRecord(in, record, file, r);
                int coarse = record[0] & 0xFF;
                int fine = record[1] & 0xFF;
                if (coarse >= NUM_COARSE_CLASSES) {
                    throw new IOException(file + ": coarse label " + coarse + " of record " + r
                            + " is out of range [0, " + NUM_COARSE_CLASSES + ")");
                }
                if (fine >= NUM_FINE_CLASSES) {
                    throw new IOException(file + ": fine label " + fine + " of record " + r
                            + " is out of range [0, " + NUM_FINE_CLASSES + ")");
                }
                labels[r] = (byte) (kind == LabelKind.FINE ? fine : coarse);
                System.arraycopy(record, 2, pixels, r * per, per);
            }
            RecordFiles.expectEnd(in, file, n);
        }
        ImageDataset data = ImageDataset.of("cifar100 " + split.name().toLowerCase(Locale.ROOT) + " "
                + kind.name().toLowerCase(Locale.ROOT) + " (" + base + ")", 3, 32, 32,
                pixels, labels, kind.numClasses());
        LOG.debug("loaded {}", data);
        return data;
    }
}
