package io.artifex.data.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import io.artifex.data.ImageDataset;
import io.artifex.data.ImageLayout;

/**
 * An {@link ImageDataset} as a DJL {@link RandomAccessDataset}, for users of DJL's own
 * {@code Trainer}/{@code EasyTrain}. Each record is one float32 image ({@code (C, H, W)} or
 * {@code (C*H*W)}) scaled as chosen, with its label as an int64 scalar (DJL's default stack
 * batchifier turns these into {@code (N, ...)} and {@code (N)}). DJL's sampler does the
 * batching and shuffling; set it with {@code setSampling(batchSize, shuffle)}. Random
 * per-batch transforms (binarisation, dequantisation) are an artifex batch-source feature;
 * use {@link io.artifex.data.ImageBatchSource} for those.
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public final class DjlImageDataset extends RandomAccessDataset {

    /** How raw [0, 255] pixel values are scaled. */
    public enum Scaling {
        /** Unchanged, [0, 255]. */
        RAW,
        /** {@code x / 255}, [0, 1]. */
        UNIT,
        /** {@code x / 127.5 - 1}, [-1, 1]. */
        SYMMETRIC
    }

    private final ImageDataset data;
    private final ImageLayout layout;
    private final Scaling scaling;

    private DjlImageDataset(Builder builder) {
        super(builder);
        this.data = builder.data;
        this.layout = builder.layout;
        this.scaling = builder.scaling;
    }

    /** A builder; call {@code setSampling(batchSize, shuffle)} and {@link Builder#data} before {@code build()}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Record get(NDManager manager, long index) {
        if (index < 0 || index >= data.size()) {
            throw new IllegalArgumentException("index " + index + " outside [0, " + data.size() + ") of " + data.name());
        }
        int i = (int) index;
        int per = data.exampleSize();
        float[] buf = new float[per];
        data.copyExample(i, buf, 0);
        for (int k = 0; k < per; k++) {
            buf[k] = switch (scaling) {
                case RAW -> buf[k];
                case UNIT -> buf[k] / 255f;
                case SYMMETRIC -> buf[k] / 127.5f - 1f;
            };
        }
        Shape shape = layout == ImageLayout.NCHW
                ? new Shape(data.channels(), data.height(), data.width())
                : new Shape(per);
        NDArray x = manager.create(buf, shape);
        NDList labels = new NDList();
        if (data.hasLabels()) {
            labels.add(manager.create((long) data.label(i)));
        }
        return new Record(new NDList(x), labels);
    }

    @Override
    protected long availableSize() {
        return data.size();
    }

    /** Nothing to prepare: the data are already in memory. */
    @Override
    public void prepare(Progress progress) {
        // the images were loaded when the ImageDataset was built
    }

    /** Options for a {@link DjlImageDataset}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private ImageDataset data;
        private ImageLayout layout = ImageLayout.NCHW;
        private Scaling scaling = Scaling.UNIT;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The images to serve (required). */
        public Builder data(ImageDataset data) {
            this.data = data;
            return this;
        }

        /** NCHW (default) or flat records. */
        public Builder layout(ImageLayout layout) {
            this.layout = layout;
            return this;
        }

        /** Pixel scaling (default {@link Scaling#UNIT}). */
        public Builder scaling(Scaling scaling) {
            this.scaling = scaling;
            return this;
        }

        /** Builds the dataset; fails if no data or no sampler was set. */
        public DjlImageDataset build() {
            if (data == null) {
                throw new IllegalArgumentException("DjlImageDataset needs data(ImageDataset)");
            }
            if (layout == null || scaling == null) {
                throw new IllegalArgumentException("layout and scaling must not be null");
            }
            if (sampler == null) {
                throw new IllegalArgumentException("DjlImageDataset needs setSampling(batchSize, shuffle)");
            }
            return new DjlImageDataset(this);
        }
    }
}
