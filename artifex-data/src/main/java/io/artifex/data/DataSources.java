package io.artifex.data;

import ai.djl.ndarray.types.Shape;
import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.TextConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.model.DataContract;
import io.artifex.data.text.TextDataset;
import io.artifex.data.transform.ImageTransform;
import io.artifex.data.transform.Transforms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the training and test {@link BatchSource}s a {@link DataConfig} describes, so that the
 * command line, the benchmark and user code read data the same way. Names that are not built in
 * are looked up among the {@link DatasetProvider}s on the class path.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class DataSources {

    private static final Logger LOG = LoggerFactory.getLogger(DataSources.class);

    /** The data set name of text corpora ({@link DataConfig#text()} says which). */
    public static final String TEXT = "text";

    private DataSources() {
    }

    /**
     * The shuffled training split (toy data: {@code toySize} fixed points drawn with {@code seed}),
     * with the config's {@code augment} list applied per batch.
     */
    public static BatchSource train(DataConfig config, int batchSize, long seed) {
        return build(config, Split.TRAIN, batchSize, seed, true);
    }

    /**
     * As {@link #train(DataConfig, int, long)} with {@code preprocessing: auto} replaced by the
     * preprocessing {@code contract} declares (see {@link DataContract#resolve}).
     */
    public static BatchSource train(DataConfig config, DataContract contract, int batchSize, long seed) {
        return train(resolve(config, contract), batchSize, seed);
    }

    /**
     * As {@link #test(DataConfig, int, long)} with {@code preprocessing: auto} replaced by the
     * preprocessing {@code contract} declares (see {@link DataContract#resolve}).
     */
    public static BatchSource test(DataConfig config, DataContract contract, int batchSize, long seed) {
        return test(resolve(config, contract), batchSize, seed);
    }

    /**
     * {@code config} made concrete for a model: {@code preprocessing: auto} becomes the
     * contract's preprocessing ({@link DataContract#resolve}), and an {@code image-folder} without
     * {@code height}/{@code width} or {@code channels} takes them from the contract's example shape
     * {@code (channels, height, width)} (the model's {@code inputShape}) when that has 1 or 3
     * channels. Other data sets keep their own size unless the config sets one. Each filled-in
     * value is logged; the result is what a run should record.
     */
    public static DataConfig resolve(DataConfig config, DataContract contract) {
        DataConfig resolved = contractOrThrow(contract).resolve(config);
        if (!"image-folder".equals(normalise(resolved.dataset())) || resolved.hasImageSize() && resolved.channels() != null) {
            return resolved;
        }
        Optional<Shape> shape = contract.exampleShape();
        if (shape.isEmpty() || shape.get().dimension() != 3) {
            return resolved;
        }
        long c = shape.get().get(0);
        long h = shape.get().get(1);
        long w = shape.get().get(2);
        if (c != 1 && c != 3 || h < 1 || w < 1 || h > ConfigLimits.MAX_IMAGE_SIDE || w > ConfigLimits.MAX_IMAGE_SIDE) {
            return resolved;
        }
        DataConfig.Builder builder = resolved.toBuilder();
        if (!resolved.hasImageSize()) {
            builder.imageSize((int) h, (int) w);
        }
        if (resolved.channels() == null) {
            builder.channels((int) c);
        }
        DataConfig filled = builder.build();
        LOG.info("image-folder data read at height {}, width {}, channels {} (unset values taken from the model's"
                + " input shape {})", filled.height(), filled.width(), filled.channels(), shape.get());
        return filled;
    }

    /**
     * Windows of token ids of {@code dataset: text} ({@link DataConfig#text()}): the corpus is
     * tokenized and packed once into the cache ({@link TextDataset}), then read per batch.
     */
    private static BatchSource text(DataConfig config, Split split, int batchSize, long seed, boolean shuffle) {
        TextConfig text = config.textOrDefaults();
        try {
            return TextDataset.of(config).source(split, text.maxLength(), batchSize, seed, shuffle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load dataset 'text' from " + (text.path() == null
                    ? "the embedded corpus " + text.corpus() : text.path()) + ": " + e.getMessage(), e);
        }
    }

    private static String normalise(String name) {
        return name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static DataContract contractOrThrow(DataContract contract) {
        if (contract == null) {
            throw new IllegalArgumentException("data contract must not be null; pass model.dataContract()");
        }
        return contract;
    }

    /**
     * The test split in a fixed order (toy data: a fresh set of points drawn with another seed).
     * Stochastic preprocessing (binarisation, dequantisation) is still seeded, so two
     * evaluations with the same seed see the same inputs. Never augmented.
     */
    public static BatchSource test(DataConfig config, int batchSize, long seed) {
        return build(config, Split.TEST, batchSize, seed, false);
    }

    /**
     * The transform a preprocessing name stands for (the layout option does the flattening).
     * {@code auto} must be resolved against the model first, with
     * {@link io.artifex.core.model.DataContract#resolve}, or through
     * {@link #train(DataConfig, DataContract, int, long)} and {@link #test(DataConfig, DataContract, int, long)}.
     */
    public static ImageTransform transformOf(DataConfig config) {
        return switch (config.preprocessing()) {
            case SCALE01 -> Transforms.scaleTo01();
            case SCALE11 -> Transforms.scaleToSymmetric();
            case BINARIZE -> Transforms.binarise();
            case DEQUANTIZE -> Transforms.dequantise();
            case AUTO -> throw new IllegalArgumentException("data preprocessing 'auto' of dataset '" + config.dataset()
                    + "' stands for the model's own preprocessing: resolve it with model.dataContract().resolve(dataConfig)"
                    + " before building the data, or use DataSources.train/test(dataConfig, model.dataContract(), ...)");
        };
    }

    /** Names of the datasets registered through {@link DatasetProvider}, in discovery order. */
    public static List<String> providedNames() {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(DatasetProvider.class).forEach(p -> names.add(p.name()));
        return names;
    }

    private static Optional<DatasetProvider> provider(String name) {
        for (DatasetProvider p : ServiceLoader.load(DatasetProvider.class)) {
            if (p.name().equalsIgnoreCase(name.trim())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static BatchSource build(DataConfig config, Split split, int batchSize, long seed, boolean shuffle) {
        if (io.artifex.data.audio.AudioDatasets.NAME.equals(normalise(config.dataset()))) {
            return io.artifex.data.audio.AudioDatasets.source(config, split, batchSize,
                    split == Split.TRAIN ? seed : seed ^ 0x5DEECE66DL, shuffle);
        }
        if (TEXT.equals(normalise(config.dataset()))) {
            return text(config, split, batchSize, split == Split.TRAIN ? seed : seed ^ 0x5DEECE66DL, shuffle);
        }
        if (!Datasets.names().contains(config.dataset().trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))) {
            Optional<DatasetProvider> own = provider(config.dataset());
            if (own.isPresent()) {
                return split == Split.TRAIN ? own.get().train(config, batchSize, seed)
                        : own.get().test(config, batchSize, seed);
            }
            throw new IllegalArgumentException("unknown dataset '" + config.dataset() + "'; valid names: "
                    + Datasets.names() + ", " + TEXT + (providedNames().isEmpty() ? "" : " and, from DatasetProviders, " + providedNames()));
        }
        Datasets.SourceBuilder builder = Datasets.source(config.dataset())
                .split(split)
                .batchSize(batchSize)
                .seed(split == Split.TRAIN ? seed : seed ^ 0x5DEECE66DL)
                .shuffle(shuffle)
                .layout(config.flatten() ? ImageLayout.FLAT : ImageLayout.NCHW)
                .transform(transformOf(config))
                .toySize(config.toySize())
                .augment(config.augment())
                .imageSize(config.height(), config.width())
                .channels(config.channels())
                .holdOut(config.split());
        if (config.cacheDirectory() != null && !config.cacheDirectory().isBlank()) {
            builder.cacheDirectory(Path.of(config.cacheDirectory()));
        }
        if (config.directory() != null && !config.directory().isBlank()) {
            builder.directory(Path.of(config.directory()));
        }
        try {
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load dataset '" + config.dataset() + "'"
                    + (config.directory() == null ? "" : " from " + config.directory()) + ": " + e.getMessage(), e);
        }
    }
}
