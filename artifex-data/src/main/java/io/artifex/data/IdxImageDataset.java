package io.artifex.data;

import io.artifex.data.idx.IdxArray;
import io.artifex.data.idx.IdxFormatException;
import io.artifex.data.idx.IdxInput;
import io.artifex.data.idx.IdxReader;
import io.artifex.data.idx.IdxType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads MNIST-layout image data sets (MNIST, Fashion-MNIST, KMNIST, ...) from the standard IDX
 * file pairs {@code <prefix>-images-idx3-ubyte[.gz]} and {@code <prefix>-labels-idx1-ubyte[.gz]},
 * where the prefix is {@code train} or {@code t10k}. The variant spelling
 * {@code <prefix>-images.idx3-ubyte} is accepted too. Checks that images are 3-D unsigned
 * bytes, labels 1-D unsigned bytes, that their counts agree and that labels are in range.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class IdxImageDataset {

    private static final Logger LOG = LoggerFactory.getLogger(IdxImageDataset.class);

    private IdxImageDataset() {
    }

    /** Loads split {@code split} of the data set {@code datasetName} with {@code numClasses} classes from {@code dir}. */
    public static ImageDataset load(Path dir, Split split, String datasetName, int numClasses) throws IOException {
        if (dir == null) {
            throw new IllegalArgumentException(datasetName + ": directory must not be null");
        }
        if (split == null) {
            throw new IllegalArgumentException(datasetName + ": split must not be null");
        }
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null,
                    datasetName + " directory does not exist or is not a directory");
        }
        Path imagesFile = find(dir, split.idxPrefix(), "images", 3, datasetName);
        Path labelsFile = find(dir, split.idxPrefix(), "labels", 1, datasetName);
        IdxArray images;
        IdxArray labels;
        try (IdxInput img = IdxInput.open(imagesFile, IdxReader.DEFAULT_MAX_PAYLOAD_BYTES);
             IdxInput lab = IdxInput.open(labelsFile, IdxReader.DEFAULT_MAX_PAYLOAD_BYTES)) {
            checkHeaders(img, lab);
            images = img.readPayload();
            labels = lab.readPayload();
        }
        ImageDataset data = fromIdx(images, imagesFile.toString(), labels, labelsFile.toString(),
                datasetName + " " + split.name().toLowerCase() + " (" + dir + ")", numClasses);
        LOG.debug("loaded {} from {} and {}", data, imagesFile, labelsFile);
        return data;
    }

    /** Loads an image/label pair of IDX streams (e.g. class-path resources); the names appear in errors. */
    public static ImageDataset load(InputStream images, String imagesName, InputStream labels, String labelsName,
                                    String datasetName, int numClasses) throws IOException {
        try (IdxInput img = IdxInput.open(images, imagesName, IdxReader.DEFAULT_MAX_PAYLOAD_BYTES);
             IdxInput lab = IdxInput.open(labels, labelsName, IdxReader.DEFAULT_MAX_PAYLOAD_BYTES)) {
            checkHeaders(img, lab);
            IdxArray imageArray = img.readPayload();
            return fromIdx(imageArray, imagesName, lab.readPayload(), labelsName, datasetName, numClasses);
        }
    }

    /**
     * The header checks of an image/label pair, before either payload is read: unsigned bytes
     * of rank 3 and 1, the same count, a positive image size.
     */
    private static void checkHeaders(IdxInput images, IdxInput labels) throws IdxFormatException {
        images.expect(IdxType.UBYTE, 3);
        labels.expect(IdxType.UBYTE, 1);
        if (images.dim(0) != labels.dim(0)) {
            throw new IdxFormatException(labels.source(), "has " + labels.dim(0) + " labels but " + images.source()
                    + " has " + images.dim(0) + " images (checked in the headers, before the payloads)");
        }
        if (images.dim(1) == 0 || images.dim(2) == 0) {
            throw new IdxFormatException(images.source(), "image size must be positive, found "
                    + images.dim(1) + "x" + images.dim(2));
        }
    }

    /** Builds a single-channel data set from already-read image (N, H, W) and label (N) arrays. */
    public static ImageDataset fromIdx(IdxArray images, String imagesName, IdxArray labels, String labelsName,
                                       String datasetName, int numClasses) throws IdxFormatException {
        IdxReader.check(images, imagesName, IdxType.UBYTE, 3);
        IdxReader.check(labels, labelsName, IdxType.UBYTE, 1);
        if (images.dim(0) != labels.dim(0)) {
            throw new IdxFormatException(labelsName, "has " + labels.dim(0) + " labels but " + imagesName
                    + " has " + images.dim(0) + " images");
        }
        if (images.dim(1) == 0 || images.dim(2) == 0) {
            throw new IdxFormatException(imagesName, "image size must be positive, found "
                    + images.dim(1) + "x" + images.dim(2));
        }
        byte[] l = labels.data();
        for (int i = 0; i < l.length; i++) {
            if ((l[i] & 0xFF) >= numClasses) {
                throw new IdxFormatException(labelsName, "label " + (l[i] & 0xFF) + " at index " + i
                        + " is out of range [0, " + numClasses + ")");
            }
        }
        return ImageDataset.of(datasetName, 1, images.dim(1), images.dim(2), images.data(), l, numClasses);
    }

    private static Path find(Path dir, String prefix, String kind, int rank, String datasetName)
            throws NoSuchFileException {
        List<String> names = List.of(
                prefix + "-" + kind + "-idx" + rank + "-ubyte",
                prefix + "-" + kind + "-idx" + rank + "-ubyte.gz",
                prefix + "-" + kind + ".idx" + rank + "-ubyte",
                prefix + "-" + kind + ".idx" + rank + "-ubyte.gz");
        for (String name : names) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new NoSuchFileException(dir.resolve(names.get(1)).toString(), null,
                datasetName + " " + kind + " file missing in " + dir + ": expected one of " + names);
    }
}
