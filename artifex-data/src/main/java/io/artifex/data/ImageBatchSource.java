package io.artifex.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.data.transform.ImageTransform;
import io.artifex.data.transform.Transforms;

/**
 * Mini-batches of an in-memory {@link ImageDataset}: float32 images shaped {@code (N, C, H, W)}
 * or {@code (N, C*H*W)} (see {@link ImageLayout}) and, for labelled data, int64 labels
 * shaped {@code (N)}. Images are decoded from bytes per batch, so memory stays at one byte per
 * pixel. The transform (default {@link Transforms#scaleTo01()}) receives raw values in [0, 255].
 *
 * <pre>{@code
 * BatchSource src = ImageBatchSource.builder(EmbeddedMnist.train())
 *         .batchSize(128).seed(42).transform(Transforms.binarise()).build();
 * }</pre>
 *
 * <p>Thread-safety: not thread-safe: use one batch source and its epoch iterators from one thread.
 */
public final class ImageBatchSource extends AbstractBatchSource {

    private final ImageDataset data;
    private final ImageLayout layout;
    private final boolean withLabels;

    private ImageBatchSource(Builder b) {
        super(b.data.size(), b.batchSize, b.dropLast, b.shuffle, b.seed, b.transform);
        this.data = b.data;
        this.layout = b.layout;
        this.withLabels = b.withLabels && b.data.hasLabels();
    }

    /** A builder over {@code data}. */
    public static Builder builder(ImageDataset data) {
        if (data == null) {
            throw new IllegalArgumentException("image dataset must not be null");
        }
        return new Builder(data);
    }

    /** The underlying data set. */
    public ImageDataset dataset() {
        return data;
    }

    /** The layout of the arrays before the transform. */
    public ImageLayout layout() {
        return layout;
    }

    @Override
    protected NDArray inputs(NDManager manager, int[] indices) {
        int per = data.exampleSize();
        float[] buf = new float[indices.length * per];
        for (int i = 0; i < indices.length; i++) {
            data.copyExample(indices[i], buf, i * per);
        }
        Shape shape = layout == ImageLayout.NCHW
                ? new Shape(indices.length, data.channels(), data.height(), data.width())
                : new Shape(indices.length, per);
        return manager.create(buf, shape);
    }

    @Override
    protected NDArray labels(NDManager manager, int[] indices) {
        if (!withLabels) {
            return null;
        }
        long[] y = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            y[i] = data.label(indices[i]);
        }
        return manager.create(y);
    }

    /** Options for an {@link ImageBatchSource}. */
    public static final class Builder {
        private final ImageDataset data;
        private int batchSize = 64;
        private boolean dropLast;
        private boolean shuffle = true;
        private long seed;
        private ImageLayout layout = ImageLayout.NCHW;
        private ImageTransform transform = Transforms.scaleTo01();
        private boolean withLabels = true;

        private Builder(ImageDataset data) {
            this.data = data;
        }

        /** Examples per batch (default 64). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Whether to drop the last, smaller batch of each epoch (default false). */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Whether to shuffle each epoch (default true). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Seed of the shuffle and the per-batch transform streams (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** NCHW (default) or flattened arrays. */
        public Builder layout(ImageLayout layout) {
            if (layout == null) {
                throw new IllegalArgumentException("layout must not be null");
            }
            this.layout = layout;
            return this;
        }

        /** The per-batch transform applied to raw [0, 255] values (default {@link Transforms#scaleTo01()}). */
        public Builder transform(ImageTransform transform) {
            if (transform == null) {
                throw new IllegalArgumentException("transform must not be null; use Transforms.identity()");
            }
            this.transform = transform;
            return this;
        }

        /** Whether batches carry labels when the data set has them (default true). */
        public Builder labels(boolean withLabels) {
            this.withLabels = withLabels;
            return this;
        }

        /** Builds the source; checks the options. */
        public ImageBatchSource build() {
            return new ImageBatchSource(this);
        }
    }
}
