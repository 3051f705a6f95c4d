package io.artifex.data.audio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.config.data.AudioConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.data.DataLimits;
import io.artifex.data.EpochOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Batches of fixed-length waveform crops from the files of an {@link AudioIndex}, decoded when a
 * batch needs them (only the current batch's files are in memory). Each example goes through:
 * decode (WAV or FLAC) -> check the sample rate (resample only when {@code resample} is set) ->
 * mono mixdown (if {@code mono}) -> normalisation of the whole file to {@code level} (one factor for
 * all its channels) -> gain of {@code gainDb} -> clipping to [-1, 1] -> a crop of
 * {@code clipLength} samples at a random offset seeded by (seed, epoch, example index), zero-padded
 * when the file is shorter -> mu-law codes (if {@code muLaw}).
 *
 * <p>{@link Batch#x()} is float32 {@code (N, C, clipLength)} in [-1, 1] ({@code C = 1} when mono),
 * or int32 mu-law codes in [0, 255] of the same shape; {@link Batch#labels()} holds the int64 labels
 * when the index has them. The order of an epoch is a seeded shuffle that depends only on (seed,
 * epoch), so resumed runs see the same batches. A file that cannot be read stops the epoch with an
 * {@link UncheckedIOException} whose one-line message names the file.
 *
 * <p>Thread-safety: thread-safe: several iterators may run at once; one iterator is for one thread.
 */
public final class AudioBatchSource implements BatchSource {

    private final AudioIndex index;
    private final AudioConfig config;
    private final Normalisation normalisation;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final boolean dropLast;
    private final long maxSamples;
    private final Map<Integer, Resampler> resamplers = new ConcurrentHashMap<>();
    private volatile Shape exampleShape;

    private AudioBatchSource(Builder b) {
        if (b.index == null || b.index.items().isEmpty()) {
            throw new IllegalArgumentException("audio batch source needs an index with at least one file");
        }
        if (b.batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + b.batchSize);
        }
        if (b.dropLast && b.batchSize > b.index.items().size()) {
            throw new IllegalArgumentException("batchSize " + b.batchSize + " exceeds the " + b.index.items().size()
                    + " audio files with dropLast=true, so an epoch would have no batches");
        }
        this.index = b.index;
        this.config = b.config == null ? AudioConfig.defaults() : b.config;
        this.normalisation = Normalisation.valueOf(config.normalise().toUpperCase(Locale.ROOT));
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.shuffle = b.shuffle;
        this.dropLast = b.dropLast;
        this.maxSamples = b.maxSamples;
    }

    /** A builder over the files of {@code index}. */
    public static Builder builder(AudioIndex index) {
        return new Builder(index);
    }

    /** The indexed files. */
    public AudioIndex index() {
        return index;
    }

    /** The audio options in force. */
    public AudioConfig config() {
        return config;
    }

    @Override
    public int size() {
        return index.items().size();
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int batchesPerEpoch() {
        return EpochOrder.batchesPerEpoch(size(), batchSize, dropLast);
    }

    /** {@code (1, clipLength)} when mono, otherwise {@code (channels of the first file, clipLength)}. */
    @Override
    public Shape exampleShape() {
        Shape shape = exampleShape;
        if (shape == null) {
            int channels = config.mono() ? 1 : example(0, 0).length;
            shape = new Shape(channels, config.clipLength());
            exampleShape = shape;
        }
        return shape;
    }

    /**
     * Example {@code i} as it appears in epoch {@code epoch}: {@code [channel][sample]}, the crop
     * and all the steps listed on the class, before mu-law coding.
     *
     * @throws UncheckedIOException naming the file when it cannot be read or has the wrong rate
     */
    public float[][] example(int i, long epoch) {
        AudioItem item = index.items().get(i);
        AudioClip clip;
        try {
            clip = AudioFiles.read(item.file(), maxSamples);
            if (clip.sampleRate() != config.sampleRate()) {
                if (!config.resample()) {
                    throw new AudioFormatException(item.file().toString(), "sample rate " + clip.sampleRate()
                            + " Hz differs from data.audio.sampleRate " + config.sampleRate() + " Hz; set"
                            + " data.audio.resample: true to resample it (nothing is resampled unless the config says so)");
                }
                clip = resamplers.computeIfAbsent(clip.sampleRate(), r -> Resampler.of(r, config.sampleRate())).apply(clip);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        if (config.mono()) {
            clip = clip.toMono();
        }
        long cropSeed = EpochOrder.mix(EpochOrder.mix(seed, epoch), i);
        float[][] out = new float[clip.channels()][];
        float scale = (float) (normalisationScale(clip) * config.gainFactor()); // one factor for all channels keeps their balance
        for (int c = 0; c < out.length; c++) {
            float[] x = clip.channel(c);
            float[] scaled = new float[x.length];
            for (int k = 0; k < x.length; k++) {
                scaled[k] = Math.max(-1f, Math.min(1f, x[k] * scale));
            }
            out[c] = AudioOps.randomCrop(scaled, config.clipLength(), cropSeed);
        }
        return out;
    }

    /**
     * The one factor that brings every channel of {@code clip} together to {@code data.audio.level}
     * (1 for none or silence).
     */
    private double normalisationScale(AudioClip clip) {
        if (normalisation == Normalisation.NONE) {
            return 1;
        }
        double peak = 0;
        double sum = 0;
        long count = 0;
        for (float[] channel : clip.samples()) {
            for (float v : channel) {
                peak = Math.max(peak, Math.abs(v));
                sum += (double) v * v;
                count++;
            }
        }
        double level = normalisation == Normalisation.PEAK ? peak : Math.sqrt(sum / count);
        if (level == 0) {
            return 1;
        }
        return config.levelOrDefault() / level;
    }

    /** The example indices of every batch of {@code epoch}, in order. */
    public int[] order(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        if (!shuffle) {
            int[] identity = new int[size()];
            Arrays.setAll(identity, k -> k);
            return identity;
        }
        return EpochOrder.permutation(size(), seed, epoch);
    }

    @Override
    public EpochIterator epoch(long epoch) {
        int[] order = order(epoch);
        int batches = batchesPerEpoch();
        return new EpochIterator() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next(NDManager manager) {
                if (!hasNext()) {
                    throw new NoSuchElementException("epoch " + epoch + " has only " + batches + " batches");
                }
                int from = next++ * batchSize;
                int[] idx = Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length));
                return batch(manager, idx, epoch);
            }

            @Override
            public void skip(int count) {
                if (count < 0) {
                    throw new IllegalArgumentException("skip count must be >= 0, got " + count);
                }
                next = (int) Math.min((long) next + count, batches);
            }
        };
    }

    private Batch batch(NDManager manager, int[] idx, long epoch) {
        Shape one = exampleShape();
        int channels = (int) one.get(0);
        int length = config.clipLength();
        float[] x = new float[idx.length * channels * length];
        for (int n = 0; n < idx.length; n++) {
            float[][] ex = example(idx[n], epoch);
            if (ex.length != channels) {
                throw new UncheckedIOException(new AudioFormatException(index.items().get(idx[n]).file().toString(),
                        "has " + ex.length + " channel(s), the first file " + channels + "; set data.audio.mono: true"
                        + " to mix every file down to one"));
            }
            for (int c = 0; c < channels; c++) {
                System.arraycopy(ex[c], 0, x, (n * channels + c) * length, length);
            }
        }
        Shape shape = new Shape(idx.length, channels, length);
        NDArray inputs;
        if (config.muLaw()) {
            int[] codes = MuLaw.MU_255.encode(x);
            inputs = manager.create(codes, shape);
        } else {
            inputs = manager.create(x, shape);
        }
        if (!index.labelled()) {
            return Batch.of(inputs);
        }
        long[] labels = new long[idx.length];
        for (int n = 0; n < idx.length; n++) {
            labels[n] = index.items().get(idx[n]).label();
        }
        return Batch.of(inputs, manager.create(labels));
    }

    /** Options of an {@link AudioBatchSource}. */
    public static final class Builder {
        private final AudioIndex index;
        private AudioConfig config = AudioConfig.defaults();
        private int batchSize = 16;
        private long seed;
        private boolean shuffle = true;
        private boolean dropLast;
        private long maxSamples = DataLimits.DEFAULT_MAX_AUDIO_SAMPLES;

        private Builder(AudioIndex index) {
            this.index = index;
        }

        /** The audio options (rate, clip length, mono, normalisation, mu-law, resampling); default {@link AudioConfig#defaults()}. */
        public Builder config(AudioConfig config) {
            this.config = config;
            return this;
        }

        /** Examples per batch (default 16). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Seed of the shuffle and of the crops (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether to shuffle epochs (default true). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Whether to drop each epoch's last smaller batch (default false). */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** The most samples one file may hold (default {@link DataLimits#DEFAULT_MAX_AUDIO_SAMPLES}). */
        public Builder maxSamples(long maxSamples) {
            this.maxSamples = maxSamples;
            return this;
        }

        /** The source; nothing is decoded yet. */
        public AudioBatchSource build() {
            return new AudioBatchSource(this);
        }
    }
}
