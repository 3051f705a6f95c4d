package io.artifex.eval.bench;

import io.artifex.core.config.data.AudioConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.data.DataSources;
import io.artifex.data.Datasets;
import io.artifex.data.ImageBatchSource;
import io.artifex.data.ImageDataset;
import io.artifex.data.ImageLayout;
import io.artifex.data.Split;
import io.artifex.data.audio.AudioBatchSource;
import io.artifex.data.audio.AudioDatasets;
import io.artifex.data.audio.AudioIndex;
import io.artifex.data.text.TextBatchSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The benchmark's batch sources: a {@link DataConfig}'s data set and preprocessing (the same
 * transforms as {@link DataSources}), optionally cut to its first {@code limit} examples. Text
 * ({@code dataset: text}) is served as windows of token ids ({@link TextWindows}), a limit
 * counting windows. Audio ({@code dataset: audio}) is served by the data set's own source
 * ({@link AudioBatchSource} over the {@link AudioDatasets} index), every clip of the split (no
 * limit), crops seeded per epoch.
 */
final class BenchData {

    private BenchData() {
    }

    /** The shuffled training split; {@code dropLast} keeps every batch at full size (speed runs). */
    static BatchSource train(DataConfig config, int batchSize, long seed, int limit, boolean dropLast) {
        return build(config, Split.TRAIN, batchSize, seed, limit, true, dropLast);
    }

    /** The test split in a fixed order, preprocessed with {@link QualityContext#TEST_PREPROCESSING_SEED}. */
    static BatchSource test(DataConfig config, int batchSize, int limit) {
        return build(config, Split.TEST, batchSize, QualityContext.TEST_PREPROCESSING_SEED, limit, false, false);
    }

    /** The raw test images (first {@code limit}; 0 = all), or null when the data set is a toy distribution, text or audio. */
    static ImageDataset testImages(DataConfig config, int limit) {
        return Datasets.isToy(config.dataset()) || DataSources.TEXT.equals(config.dataset()) || isAudio(config) ? null
                : images(config, Split.TEST, limit);
    }

    private static ImageDataset images(DataConfig config, Split split, int limit) {
        ImageDataset data;
        try {
            Path dir = config.directory() == null || config.directory().isBlank() ? null : Path.of(config.directory());
            data = Datasets.images(config.dataset(), dir, split);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load dataset '" + config.dataset() + "': " + e.getMessage(), e);
        }
        return limit > 0 && limit < data.size() ? data.subset(0, limit) : data;
    }

    private static boolean isAudio(DataConfig config) {
        return AudioDatasets.NAME.equals(config.dataset().trim().toLowerCase(java.util.Locale.ROOT));
    }

    private static BatchSource build(DataConfig config, Split split, int batchSize, long seed, int limit,
                                     boolean shuffle, boolean dropLast) {
        if (isAudio(config)) {
            AudioConfig audio = config.audio() == null ? AudioConfig.defaults() : config.audio();
            Path dir = config.directory() == null || config.directory().isBlank() ? null : Path.of(config.directory());
            AudioIndex index;
            try {
                index = AudioDatasets.index(audio, dir, split, config.split());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list audio data set " + (dir == null ? "(embedded)" : dir) + ": "
                        + e.getMessage(), e);
            }
            if (dropLast && index.items().size() < batchSize) {
                throw new IllegalArgumentException("batch size " + batchSize + " exceeds the " + index.items().size()
                        + " audio clips of the " + split.name().toLowerCase(java.util.Locale.ROOT)
                        + " split; use a smaller batch size (--batch-size " + index.items().size() + ") or more audio");
            }
            return AudioBatchSource.builder(index).config(audio).batchSize(batchSize).seed(seed).shuffle(shuffle)
                    .dropLast(dropLast).build();
        }
        if (DataSources.TEXT.equals(config.dataset())) {
            TextBatchSource all = (TextBatchSource) (split == Split.TRAIN ? DataSources.train(config, batchSize, seed)
                    : DataSources.test(config, batchSize, seed));
            if (dropLast && (limit > 0 ? Math.min(limit, all.size()) : all.size()) < batchSize) {
                throw new IllegalArgumentException("batch size " + batchSize + " exceeds the " + all.size()
                        + " text windows of the " + split.name().toLowerCase(java.util.Locale.ROOT)
                        + " split; use a smaller batch size");
            }
            return new TextWindows(all, limit, batchSize, seed, shuffle, dropLast);
        }
        if (Datasets.isToy(config.dataset())) {
            int size = limit > 0 ? Math.min(limit, config.toySize()) : config.toySize();
            try {
                return Datasets.source(config.dataset()).toySize(size).batchSize(batchSize)
                        .seed(split == Split.TRAIN ? seed : seed + 1).dropLast(dropLast).build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot build toy data '" + config.dataset() + "'", e);
            }
        }
        ImageDataset data = images(config, split, limit);
        if (dropLast && data.size() < batchSize) {
            throw new IllegalArgumentException("batch size " + batchSize + " exceeds the " + data.size()
                    + " examples of " + data.name() + "; use a smaller batch size");
        }
        return ImageBatchSource.builder(data).batchSize(batchSize).seed(seed).shuffle(shuffle).dropLast(dropLast)
                .layout(config.flatten() ? ImageLayout.FLAT : ImageLayout.NCHW)
                .transform(DataSources.transformOf(config)).build();
    }
}
