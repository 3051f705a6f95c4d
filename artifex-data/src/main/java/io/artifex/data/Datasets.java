package io.artifex.data;

import io.artifex.core.data.BatchSource;
import io.artifex.data.folder.ImageFolderDataset;
import io.artifex.data.toy.Checkerboard;
import io.artifex.data.toy.EightGaussians;
import io.artifex.data.toy.Rings;
import io.artifex.data.toy.SwissRoll;
import io.artifex.data.toy.ToyBatchSource;
import io.artifex.data.toy.ToyDistribution;
import io.artifex.data.toy.TwoMoons;
import io.artifex.data.transform.Augmentations;
import io.artifex.data.transform.ImageTransform;
import io.artifex.data.transform.Transforms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Data sets by the names configs and the command line use: images {@code "mnist"} (the
 * embedded 10k subset unless a directory is given) and {@code "fashion-mnist"} (a directory, or
 * Debian's default), {@code "cifar10"}, {@code "cifar100"} (fine labels) and
 * {@code "cifar100-coarse"} (a directory of the binary version), {@code "image-folder"} (PNG/JPEG
 * files, see {@link #imageFolder}), and toy 2-D
 * distributions {@code "moons"}, {@code "eight-gaussians"},
 * {@code "checkerboard"}, {@code "swiss-roll"}, {@code "rings"} with default parameters.
 * Names are case-insensitive and {@code _} may stand for {@code -}.
 *
 * <pre>{@code
 * BatchSource train = Datasets.source("mnist").batchSize(128).seed(1).build();
 * BatchSource toy = Datasets.source("eight-gaussians").toySize(20_000).build();
 * }</pre>
 */
public final class Datasets {

    /** The image data set names. */
    public static final List<String> IMAGE_NAMES = List.of("mnist", "fashion-mnist", "cifar10", "cifar100",
            "cifar100-coarse", "image-folder");

    /** The toy 2-D distribution names. */
    public static final List<String> TOY_NAMES = List.of("moons", "eight-gaussians", "checkerboard", "swiss-roll", "rings");

    private Datasets() {
    }

    /** All valid names, images first. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(IMAGE_NAMES);
        all.addAll(TOY_NAMES);
        return List.copyOf(all);
    }

    /** Whether {@code name} is an image data set. */
    public static boolean isImage(String name) {
        return IMAGE_NAMES.contains(normalise(name));
    }

    /** Whether {@code name} is a toy 2-D distribution. */
    public static boolean isToy(String name) {
        return TOY_NAMES.contains(normalise(name));
    }

    /**
     * Loads an image data set split. {@code directory} may be null: MNIST then uses the
     * embedded subset and Fashion-MNIST Debian's directory.
     */
    public static ImageDataset images(String name, Path directory, Split split) throws IOException {
        return images(name, directory, split, 32, 32, 3);
    }

    /**
     * Loads an image data set split; {@code height}, {@code width} and {@code channels} apply to
     * {@code image-folder} only (the other sets have fixed sizes).
     */
    public static ImageDataset images(String name, Path directory, Split split, int height, int width, int channels)
            throws IOException {
        String n = check(name);
        if (split == null) {
            throw new IllegalArgumentException("split must not be null");
        }
        return switch (n) {
            case "mnist" -> directory == null ? EmbeddedMnist.split(split) : Mnist.load(directory, split);
            case "fashion-mnist" -> directory == null ? FashionMnist.load(split) : FashionMnist.load(directory, split);
            case "cifar10" -> {
                if (directory == null) {
                    throw new IllegalArgumentException("cifar10 needs a directory holding the CIFAR-10 binary version "
                            + "(data_batch_1.bin ... test_batch.bin)");
                }
                yield Cifar10.load(directory, split);
            }
            case "cifar100", "cifar100-coarse" -> {
                if (directory == null) {
                    throw new IllegalArgumentException(n + " needs a directory holding the CIFAR-100 binary version "
                            + "(train.bin, test.bin)");
                }
                yield Cifar100.load(directory, split,
                        n.equals("cifar100") ? Cifar100.LabelKind.FINE : Cifar100.LabelKind.COARSE);
            }
            case "image-folder" -> {
                if (directory == null) {
                    throw new IllegalArgumentException("image-folder needs a directory of PNG/JPEG images");
                }
                yield imageFolder(directory, split).size(height, width).channels(channels).load().images();
            }
            default -> throw new IllegalArgumentException("'" + name + "' is a toy distribution, not an image data set; "
                    + "image data sets: " + IMAGE_NAMES);
        };
    }

    /**
     * A loader for an image folder split: {@code dir/train} or {@code dir/test} when {@code dir}
     * has both subfolders (each then holds one folder per class, or images), otherwise
     * {@code dir} itself for either split.
     */
    public static ImageFolderDataset.Builder imageFolder(Path dir, Split split) {
        if (dir == null || split == null) {
            throw new IllegalArgumentException("image folder: directory and split must not be null");
        }
        boolean splitFolders = Files.isDirectory(dir.resolve("train")) && Files.isDirectory(dir.resolve("test"));
        return ImageFolderDataset.builder(splitFolders ? dir.resolve(split == Split.TRAIN ? "train" : "test") : dir);
    }

    /** The toy distribution {@code name} with its default parameters. */
    public static ToyDistribution toy(String name) {
        String n = check(name);
        return switch (n) {
            case "moons" -> new TwoMoons();
            case "eight-gaussians" -> new EightGaussians();
            case "checkerboard" -> new Checkerboard();
            case "swiss-roll" -> new SwissRoll();
            case "rings" -> new Rings();
            default -> throw new IllegalArgumentException("'" + name + "' is an image data set, not a toy distribution; "
                    + "toy distributions: " + TOY_NAMES);
        };
    }

    /** A batch-source builder for {@code name}; fails at once on an unknown name. */
    public static SourceBuilder source(String name) {
        return new SourceBuilder(check(name));
    }

    private static String check(String name) {
        String n = normalise(name);
        if (!IMAGE_NAMES.contains(n) && !TOY_NAMES.contains(n)) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; valid names: " + names());
        }
        return n;
    }

    private static String normalise(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Options for {@link Datasets#source}; the image options are ignored for toy data and vice versa. */
    public static final class SourceBuilder {
        private final String name;
        private Path directory;
        private Split split = Split.TRAIN;
        private int batchSize = 64;
        private long seed;
        private boolean dropLast;
        private boolean shuffle = true;
        private ImageLayout layout = ImageLayout.NCHW;
        private ImageTransform transform = Transforms.scaleTo01();
        private int toySize = 10_000;
        private List<String> augment = List.of();
        private int height = 32;
        private int width = 32;
        private int channels = 3;

        private SourceBuilder(String name) {
            this.name = name;
        }

        /** Directory of IDX files (images only; default: embedded MNIST or Debian's Fashion-MNIST). */
        public SourceBuilder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** Train (default) or test split (images only). */
        public SourceBuilder split(Split split) {
            this.split = split;
            return this;
        }

        /** Examples per batch (default 64). */
        public SourceBuilder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Seed of the shuffle, per-batch transforms and (toy data) the fixed points (default 0). */
        public SourceBuilder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether to drop each epoch's last smaller batch (default false). */
        public SourceBuilder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Whether to shuffle image epochs (default true; toy sources always shuffle). */
        public SourceBuilder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Image layout (default NCHW). */
        public SourceBuilder layout(ImageLayout layout) {
            this.layout = layout;
            return this;
        }

        /** Image transform on raw [0, 255] values (default {@link Transforms#scaleTo01()}). */
        public SourceBuilder transform(ImageTransform transform) {
            this.transform = transform;
            return this;
        }

        /** Number of fixed points for a toy source (default 10,000). */
        public SourceBuilder toySize(int toySize) {
            this.toySize = toySize;
            return this;
        }

        /**
         * Random augmentations by name ({@link Augmentations#parse}: {@code hflip}, {@code crop},
         * {@code crop-reflect}), applied to raw pixels before the transform, on the training
         * split only; ignored for the test split and toy data (default none).
         */
        public SourceBuilder augment(List<String> names) {
            Augmentations.parse(names);
            this.augment = names == null ? List.of() : List.copyOf(names);
            return this;
        }

        /** Output size of {@code image-folder} images (default 32 x 32). */
        public SourceBuilder imageSize(int height, int width) {
            this.height = height;
            this.width = width;
            return this;
        }

        /** Output channels of {@code image-folder} images, 1 or 3 (default 3). */
        public SourceBuilder channels(int channels) {
            this.channels = channels;
            return this;
        }

        /** Loads the data and builds the source. */
        public BatchSource build() throws IOException {
            if (TOY_NAMES.contains(name)) {
                return new ToyBatchSource(toy(name), toySize, batchSize, seed, dropLast);
            }
            ImageTransform t = transform == null ? Transforms.identity() : transform;
            ImageLayout l = layout;
            if (split == Split.TRAIN && !augment.isEmpty()) {
                t = Augmentations.parse(augment).andThen(t);
                if (layout == ImageLayout.FLAT) {
                    t = t.andThen(Transforms.flatten());
                    l = ImageLayout.NCHW;
                }
            }
            return ImageBatchSource.builder(images(name, directory, split, height, width, channels))
                    .batchSize(batchSize).seed(seed).dropLast(dropLast).shuffle(shuffle).layout(l).transform(t).build();
        }
    }
}
