package io.artifex.core.config.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.RuleContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which data a run trains and evaluates on.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param dataset a dataset name known to {@code io.artifex.data.Datasets}: {@code mnist}
 *                (the embedded 10,000 digits unless {@code directory} is set),
 *                {@code fashion-mnist}, a toy 2-D distribution ({@code moons}, {@code eight-gaussians}, ...),
 *                or {@code text} (token windows of the corpus {@code text} describes)
 * @param directory a local directory with the dataset's files; null for the embedded or default location
 * @param preprocessing how 8-bit pixels become inputs; default {@code scale01}
 * @param flatten true to serve images as flat vectors {@code (N, C*H*W)}; default false {@code (N, C, H, W)}
 * @param toySize number of samples drawn from a toy distribution per epoch; default 10,000
 * @param augment random augmentations of the training split only, applied in order:
 *                {@code hflip}, {@code crop} (zero padding 4), {@code crop-reflect}; default none
 * @param height the image height images are resized to; null (the default) for the data set's own
 *               size ({@code image-folder}: the model's input height when the data are resolved
 *               against a model, otherwise 32); set together with {@code width}
 * @param width the image width images are resized to; null as for {@code height}
 * @param channels 1 (grey, ITU-R 601 luma) or 3 (RGB, grey repeated); null (the default) for the
 *                 data set's own channels ({@code image-folder}: the model's, otherwise 3)
 * @param split how a flat image folder (no {@code train/} and {@code test/} subfolders) is divided
 *              into disjoint training and test images; default {@link SplitConfig#defaults()}
 *              (10% held out, seed 0)
 * @param cacheDirectory where decoded image folders are cached; null (the default) for
 *                       {@code $ARTIFEX_CACHE}, else {@code ~/.cache/artifex}; never the data folder
 * @param audio how dataset {@code audio} reads waveforms (layout, sample rate, clip length, ...);
 *              null (the default) for {@link AudioConfig#defaults()}; set only with dataset {@code audio}
 * @param text the corpus, window length and tokenizer of {@code dataset: text}; null (the default)
 *             for {@link TextConfig#defaults()} (the embedded Brown corpus); ignored by other data sets
 *
 * <p>When written ({@code ConfigIO}), an unset {@code audio} or {@code text} section is left out
 * rather than written as {@code null}.
 */
public record DataConfig(
        @NotBlank @Size(max = ConfigLimits.MAX_TEXT_LENGTH) String dataset,
        @Size(max = ConfigLimits.MAX_PATH_LENGTH) String directory,
        @NotNull Preprocessing preprocessing,
        @NotNull Boolean flatten,
        @NotNull @Positive @Max(ConfigLimits.MAX_TOY_SIZE) Integer toySize,
        @NotNull @Size(max = ConfigLimits.MAX_LAYERS) List<@NotNull @Pattern(regexp = "hflip|crop|crop-reflect",
                message = "must be one of crop, crop-reflect, hflip") String> augment,
        @Positive @Max(ConfigLimits.MAX_IMAGE_SIDE) Integer height,
        @Positive @Max(ConfigLimits.MAX_IMAGE_SIDE) Integer width,
        @Positive @Max(3) Integer channels,
        @NotNull @Valid SplitConfig split,
        @Size(max = ConfigLimits.MAX_PATH_LENGTH) String cacheDirectory,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Valid AudioConfig audio,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Valid TextConfig text) implements CrossFieldRules {

    /** The augmentation names {@code augment} may hold. */
    public static final Set<String> AUGMENTATIONS = Set.of("hflip", "crop", "crop-reflect");

    /**
     * Defaults: scale01, image layout, 10,000 toy samples, no augmentation, the data set's own image
     * size and channels, a 10% seeded hold-out for flat folders, the user's cache directory. Image
     * batches always carry their labels.
     */
    public DataConfig {
        split = split == null ? SplitConfig.defaults() : split;
        preprocessing = preprocessing == null ? Preprocessing.SCALE01 : preprocessing;
        flatten = flatten == null ? Boolean.FALSE : flatten;
        toySize = toySize == null ? 10_000 : toySize;
        augment = augment == null ? List.of() : augment.stream()
                .map(name -> name == null ? null : name.trim().toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * Rules between fields: {@code height} and {@code width} are set together; {@code channels} is 1 or 3;
     * {@code audio} is set only for dataset {@code audio}.
     */
    @Override
    public void check(RuleContext ctx) {
        if ((height == null) != (width == null)) {
            ctx.reject(height == null ? "height" : "width", "must be set together with "
                    + (height == null ? "width" : "height") + " (both, or neither for the data set's own size)");
        }
        if (channels != null && channels != 1 && channels != 3) {
            ctx.reject("channels", "must be 1 (grey) or 3 (RGB), got " + channels);
        }
        if (audio != null && dataset != null && !"audio".equals(dataset.trim().toLowerCase(Locale.ROOT))) {
            ctx.reject("audio", "is set but dataset is '" + dataset + "'; the audio options apply to dataset audio only");
        }
    }

    /** The text settings: {@code text}, or the defaults when it is not set. */
    public TextConfig textOrDefaults() {
        return text == null ? TextConfig.defaults() : text;
    }

    /** Whether {@code height} and {@code width} are given. */
    public boolean hasImageSize() {
        return height != null && width != null;
    }

    /**
     * The five-field form (no augmentation), kept for callers written before {@code augment};
     * prefer {@link #builder()}. A null {@code flatten} or {@code toySize} takes its default.
     */
    public DataConfig(String dataset, String directory, Preprocessing preprocessing, Boolean flatten, Integer toySize) {
        this(withoutAugmentation(dataset, directory, preprocessing, flatten, toySize));
    }

    /** A builder of the five-field form's values, nulls kept (the builder's setters take primitives). */
    private static Builder withoutAugmentation(String dataset, String directory, Preprocessing preprocessing,
                                               Boolean flatten, Integer toySize) {
        Builder builder = builder().dataset(dataset).directory(directory).preprocessing(preprocessing);
        builder.flatten = flatten;
        builder.toySize = toySize;
        return builder;
    }

    /** A dataset by name with the given preprocessing and every other field at its default. */
    public static DataConfig of(String dataset, Preprocessing preprocessing) {
        return builder().dataset(dataset).preprocessing(preprocessing).build();
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link DataConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.dataset = dataset;
        builder.directory = directory;
        builder.preprocessing = preprocessing;
        builder.flatten = flatten;
        builder.toySize = toySize;
        builder.augment = augment;
        builder.height = height;
        builder.width = width;
        builder.channels = channels;
        builder.split = split;
        builder.cacheDirectory = cacheDirectory;
        builder.audio = audio;
        builder.text = text;
        return builder;
    }

    private DataConfig(Builder builder) {
        this(builder.dataset, builder.directory, builder.preprocessing, builder.flatten, builder.toySize,
                builder.augment, builder.height, builder.width, builder.channels, builder.split,
                builder.cacheDirectory, builder.audio, builder.text);
    }

    /**
     * Builds a {@link DataConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String dataset;
        private String directory;
        private Preprocessing preprocessing;
        private Boolean flatten;
        private Integer toySize;
        private List< String> augment;
        private Integer height;
        private Integer width;
        private Integer channels;
        private SplitConfig split;
        private String cacheDirectory;
        private AudioConfig audio;
        private TextConfig text;

        private Builder() {
        }

        /**
         * Sets {@code dataset}: a dataset name known to {@code io.artifex.data.Datasets}: {@code mnist} (the
         * embedded 10,000 digits unless {@code directory} is set), {@code fashion-mnist}, or a toy 2-D
         * distribution ({@code moons}, {@code eight-gaussians}, ...).
         */
        public Builder dataset(String dataset) {
            this.dataset = dataset;
            return this;
        }

        /**
         * Sets {@code directory}: a local directory with the dataset's files; null for the embedded or
         * default location.
         */
        public Builder directory(String directory) {
            this.directory = directory;
            return this;
        }

        /** Sets {@code preprocessing}: how 8-bit pixels become inputs; default {@code scale01}. */
        public Builder preprocessing(Preprocessing preprocessing) {
            this.preprocessing = preprocessing;
            return this;
        }

        /**
         * Sets {@code flatten}: true to serve images as flat vectors {@code (N, C*H*W)}; default false {@code
         * (N, C, H, W)}.
         */
        public Builder flatten(boolean flatten) {
            this.flatten = flatten;
            return this;
        }

        /**
         * Sets {@code toySize}: number of samples drawn from a toy distribution per epoch; default 10,000.
         */
        public Builder toySize(int toySize) {
            this.toySize = toySize;
            return this;
        }

        /**
         * Sets {@code augment}: random augmentations of the training split only, applied in order: {@code
         * hflip}, {@code crop} (zero padding 4), {@code crop-reflect}; default none.
         */
        public Builder augment(List< String> augment) {
            this.augment = augment;
            return this;
        }

        /**
         * Sets {@code height} and {@code width}: the size images are resized to; null for the data set's
         * own size (an image folder then takes the model's).
         */
        public Builder imageSize(Integer height, Integer width) {
            this.height = height;
            this.width = width;
            return this;
        }

        /** Sets {@code height} alone (it must be given together with {@code width}); see {@link #imageSize}. */
        public Builder height(Integer height) {
            this.height = height;
            return this;
        }

        /** Sets {@code width} alone (it must be given together with {@code height}); see {@link #imageSize}. */
        public Builder width(Integer width) {
            this.width = width;
            return this;
        }

        /** Sets {@code channels}: 1 (grey) or 3 (RGB); null for the data set's own (an image folder then takes the model's). */
        public Builder channels(Integer channels) {
            this.channels = channels;
            return this;
        }

        /** Sets {@code split}: how a flat image folder is divided into training and test images. */
        public Builder split(SplitConfig split) {
            this.split = split;
            return this;
        }

        /** Sets {@code cacheDirectory}: where decoded image folders are cached; null for the user's cache directory. */
        public Builder cacheDirectory(String cacheDirectory) {
            this.cacheDirectory = cacheDirectory;
            return this;
        }

        /** Sets {@code audio}: how dataset {@code audio} reads waveforms; null for {@link AudioConfig#defaults()}. */
        public Builder audio(AudioConfig audio) {
            this.audio = audio;
            return this;
        }

        /** Sets {@code text}: the corpus, window length and tokenizer of {@code dataset: text}. */
        public Builder text(TextConfig text) {
            this.text = text;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public DataConfig build() {
            return new DataConfig(this);
        }
    }
}
