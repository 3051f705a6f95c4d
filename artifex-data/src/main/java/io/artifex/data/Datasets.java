package io.artifex.data;

import io.artifex.core.config.data.SplitConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.data.folder.ImageFolderDataset;
import io.artifex.data.folder.Resize;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data sets by the names configs and the command line use: images {@code "mnist"} (the
 * embedded 10k subset unless a directory is given) and {@code "fashion-mnist"} (a directory, or
 * Debian's default), {@code "cifar10"}, {@code "cifar100"} (fine labels) and
 * {@code "cifar100-coarse"} (a directory of the binary version), {@code "image-folder"} (PNG/JPEG
 * files: {@code train/} and {@code test/} subfolders, or one folder divided by {@link #holdOut}), and toy 2-D
 * distributions {@code "moons"}, {@code "eight-gaussians"},
 * {@code "checkerboard"}, {@code "swiss-roll"}, {@code "rings"} with default parameters.
 * Names are case-insensitive and {@code _} may stand for {@code -}.
 *
 * <pre>{@code
 * BatchSource train = Datasets.source("mnist").batchSize(128).seed(1).build();
 * BatchSource toy = Datasets.source("eight-gaussians").toySize(20_000).build();
 * }</pre>
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class Datasets {

    private static final Logger LOG = LoggerFactory.getLogger(Datasets.class);

    /** The image data set names. */
    public static final List<String> IMAGE_NAMES = List.of("mnist", "fashion-mnist", "cifar10", "cifar100",
            "cifar100-coarse", "image-folder");

    /** The toy 2-D distribution names. */
    public static final List<String> TOY_NAMES = List.of("moons", "eight-gaussians", "checkerboard", "swiss-roll", "rings");

    /** The audio data set names (built by {@link DataSources} through {@link io.artifex.data.audio.AudioDatasets}). */
    public static final List<String> AUDIO_NAMES = List.of(io.artifex.data.audio.AudioDatasets.NAME);

    private Datasets() {
    }

    /** All valid names: images, toy distributions, audio. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(IMAGE_NAMES);
        all.addAll(TOY_NAMES);
        all.addAll(AUDIO_NAMES);
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
     * Loads an image data set split at its own size ({@code image-folder}: 32 x 32 x 3).
     * {@code directory} may be null: MNIST then uses the embedded subset and Fashion-MNIST
     * Debian's directory. A flat image folder is divided by {@link SplitConfig#defaults()}.
     */
    public static ImageDataset images(String name, Path directory, Split split) throws IOException {
        return source(name).directory(directory).split(split).images();
    }

    /**
     * Loads an image data set split converted to {@code channels} and resized to
     * {@code height x width} ({@link Resize#AREA}); a flat image folder is divided by
     * {@link SplitConfig#defaults()}.
     */
    public static ImageDataset images(String name, Path directory, Split split, int height, int width, int channels)
            throws IOException {
        return source(name).directory(directory).split(split).imageSize(height, width).channels(channels).images();
    }

    /**
     * Loads an image data set split (the body of {@link SourceBuilder#images()}).
     *
     * @param height the output height, with {@code width}; null for the data set's own size
     *               ({@code image-folder}: 32 x 32)
     * @param width the output width; null as {@code height}
     * @param channels 1 or 3 output channels; null for the data set's own ({@code image-folder}: 3)
     * @param holdOut how a flat image folder (no {@code train/} and {@code test/} subfolders) is
     *                divided into disjoint training and test images, see {@link #holdOut}
     * @param cacheDirectory where image folder caches go; null for
     *                       {@link ImageFolderDataset#defaultCacheDirectory()}
     */
    private static ImageDataset load(String name, Path directory, Split split, Integer height, Integer width,
                                     Integer channels, SplitConfig holdOut, Path cacheDirectory) throws IOException {
        String n = check(name);
        if (split == null) {
            throw new IllegalArgumentException("split must not be null");
        }
        if ((height == null) != (width == null)) {
            throw new IllegalArgumentException("image size: height and width must be given together, got "
                    + height + " x " + width);
        }
        if (n.equals("image-folder")) {
            if (directory == null) {
                throw new IllegalArgumentException("image-folder needs a directory of PNG/JPEG images");
            }
            boolean splitFolders = Files.isDirectory(directory.resolve("train"))
                    && Files.isDirectory(directory.resolve("test"));
            ImageFolderDataset.Builder builder = ImageFolderDataset.builder(
                            splitFolders ? directory.resolve(split == Split.TRAIN ? "train" : "test") : directory)
                    .size(height == null ? 32 : height, width == null ? 32 : width)
                    .channels(channels == null ? 3 : channels)
                    .cacheDirectory(cacheDirectory);
            ImageDataset all = builder.load().images();
            return splitFolders ? all : holdOut(all, directory, split, holdOut == null ? SplitConfig.defaults() : holdOut);
        }
        ImageDataset own = ownSize(n, name, directory, split);
        int c = channels == null ? own.channels() : channels;
        int h = height == null ? own.height() : height;
        int w = width == null ? own.width() : width;
        if (c == own.channels() && h == own.height() && w == own.width()) {
            return own;
        }
        LOG.info("{}: converting {} images from {}x{}x{} to {}x{}x{} (height x width x channels, resize {})", n,
                own.size(), own.height(), own.width(), own.channels(), h, w, c, Resize.AREA);
        return Resize.AREA.apply(own, c, h, w);
    }

    /**
     * The {@code split} part of a flat image folder's images {@code all}: a seeded random
     * {@code round(n * testFraction)} images (at least 1, leaving at least 1) are the test split,
     * the others the training split, each in file order, so no image is in both. The same rule
     * and seed always give the same division. Logs the rule used.
     *
     * @param folder names the folder in the log line and in errors
     * @throws IllegalArgumentException when the folder has fewer than 2 images
     */
    public static ImageDataset holdOut(ImageDataset all, Path folder, Split split, SplitConfig rule) {
        if (all == null || split == null || rule == null) {
            throw new IllegalArgumentException("holdOut: data, split and rule must not be null");
        }
        int n = all.size();
        if (n < 2) {
            throw new IllegalArgumentException("image folder " + folder + " has " + n + " image(s) and no train/ and"
                    + " test/ subfolders: holding out a test split (data.split) needs at least 2 images");
        }
        int test = (int) Math.min(n - 1, Math.max(1, Math.round(n * rule.testFraction())));
        int[] order = EpochOrder.permutation(n, rule.seed(), 0);
        boolean[] inTest = new boolean[n];
        for (int k = 0; k < test; k++) {
            inTest[order[k]] = true;
        }
        int[] chosen = new int[split == Split.TEST ? test : n - test];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (inTest[i] == (split == Split.TEST)) {
                chosen[j++] = i;
            }
        }
        String message = "image folder {} has no train/ and test/ subfolders: split by data.split (testFraction {},"
                + " seed {}): {} training and {} test images, disjoint";
        if (split == Split.TRAIN) {
            LOG.info(message, folder, rule.testFraction(), rule.seed(), n - test, test);
        } else {
            LOG.debug(message, folder, rule.testFraction(), rule.seed(), n - test, test);
        }
        return all.select(chosen, split == Split.TEST ? "test" : "train");
    }

    /** A fixed-size data set at its own size and channels. */
    private static ImageDataset ownSize(String n, String name, Path directory, Split split) throws IOException {
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
            default -> throw new IllegalArgumentException("'" + name + "' is a toy distribution, not an image data set; "
                    + "image data sets: " + IMAGE_NAMES);
        };
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
        if (AUDIO_NAMES.contains(n)) {
            throw new IllegalArgumentException("'" + name + "' is an audio data set: build it with DataSources.train/test"
                    + " (dataset: audio) or io.artifex.data.audio.AudioDatasets, not Datasets.source");
        }
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
        private Integer height;
        private Integer width;
        private Integer channels;
        private SplitConfig holdOut = SplitConfig.defaults();
        private Path cacheDirectory;

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

        /**
         * Output size of the images; null for the data set's own ({@code image-folder}: 32 x 32).
         * Images of another size are resized with {@link Resize#AREA}.
         */
        public SourceBuilder imageSize(Integer height, Integer width) {
            this.height = height;
            this.width = width;
            return this;
        }

        /** Output channels, 1 or 3; null for the data set's own ({@code image-folder}: 3). */
        public SourceBuilder channels(Integer channels) {
            this.channels = channels;
            return this;
        }

        /** How a flat image folder is divided into training and test images (default {@link SplitConfig#defaults()}). */
        public SourceBuilder holdOut(SplitConfig rule) {
            this.holdOut = rule == null ? SplitConfig.defaults() : rule;
            return this;
        }

        /** Where image folder caches go; null for {@link ImageFolderDataset#defaultCacheDirectory()}. */
        public SourceBuilder cacheDirectory(Path cacheDirectory) {
            this.cacheDirectory = cacheDirectory;
            return this;
        }

        /**
         * Loads the image split this builder describes (name, directory, split, size, channels,
         * hold-out rule, cache directory), without batching it.
         */
        public ImageDataset images() throws IOException {
            return load(name, directory, split, height, width, channels, holdOut, cacheDirectory);
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
            return ImageBatchSource.builder(images())
                    .batchSize(batchSize).seed(seed).dropLast(dropLast).shuffle(shuffle).layout(l).transform(t).build();
        }
    }
}
