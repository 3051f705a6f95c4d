package io.artifex.data.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.data.AbstractBatchSource;
import io.artifex.data.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Fixed-length windows of token ids read from a packed token file (int32, little-endian, the
 * documents of one split back to back, each followed by the end-of-text id). Window {@code i} holds
 * tokens {@code [i * maxLength, (i + 1) * maxLength)}; the last window is filled up with the pad id.
 * Batches are {@code Batch.x} int32 arrays shaped {@code (N, maxLength)}, without labels, read from
 * disk per batch, so the corpus is never in memory. Order, shuffling (seeded by (seed, epoch)),
 * batching and skipping are those of {@link AbstractBatchSource}.
 *
 * <p>Thread-safety: not thread-safe: use one batch source and its epoch iterators from one thread.
 */
public final class TextBatchSource extends AbstractBatchSource {

    private final Path tokens;
    private final long tokenCount;
    private final int maxLength;
    private final int padId;
    private final Tokenizer tokenizer;

    /**
     * Windows over {@code tokens}, which holds {@code tokenCount} ids made by {@code tokenizer}
     * (whose pad id fills the last window).
     *
     * @throws IllegalArgumentException when there are no tokens, or more windows than an int counts
     */
    public TextBatchSource(Path tokens, long tokenCount, int maxLength, Tokenizer tokenizer, int batchSize, long seed,
                           boolean shuffle) {
        super(windows(tokens, tokenCount, maxLength), batchSize, false, shuffle, seed, null);
        this.tokens = tokens;
        this.tokenCount = tokenCount;
        this.maxLength = maxLength;
        this.tokenizer = tokenizer;
        this.padId = tokenizer.padId();
    }

    private static int windows(Path tokens, long count, int maxLength) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be >= 2, got " + maxLength);
        }
        if (count <= 0) {
            throw new IllegalArgumentException("token file " + tokens + " holds no tokens: this split has no documents");
        }
        long n = (count + maxLength - 1) / maxLength;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("token file " + tokens + " makes " + n + " windows of " + maxLength
                    + " tokens, more than " + Integer.MAX_VALUE + "; raise maxLength");
        }
        return (int) n;
    }

    /** Tokens per window. */
    public int maxLength() {
        return maxLength;
    }

    /** The tokenizer of the ids: its {@code vocabSize()} sizes a model, it encodes prompts and decodes samples. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The id that fills the end of the last window. */
    public int padId() {
        return padId;
    }

    /** The number of token ids in the split (the last window's padding not counted). */
    public long tokenCount() {
        return tokenCount;
    }

    /** The ids of window {@code index}, padded at the end of the split. */
    public int[] window(int index) {
        int[] out = new int[maxLength];
        read(new int[] {index}, out);
        return out;
    }

    private void read(int[] indices, int[] out) {
        ByteBuffer buf = ByteBuffer.allocate(maxLength * 4).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(tokens, StandardOpenOption.READ)) {
            for (int k = 0; k < indices.length; k++) {
                long first = (long) indices[k] * maxLength;
                int have = (int) Math.min(maxLength, tokenCount - first);
                buf.clear().limit(have * 4);
                long pos = first * 4;
                while (buf.hasRemaining()) {
                    int r = ch.read(buf, pos + buf.position());
                    if (r < 0) {
                        throw new IOException("token file " + tokens + " ends at byte " + (pos + buf.position())
                                + ", expected " + tokenCount + " tokens; delete it to rebuild the cache");
                    }
                }
                buf.flip();
                buf.asIntBuffer().get(out, k * maxLength, have);
                Arrays.fill(out, k * maxLength + have, (k + 1) * maxLength, padId);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read token windows from " + tokens + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected NDArray inputs(NDManager manager, int[] indices) {
        int[] ids = new int[indices.length * maxLength];
        read(indices, ids);
        return manager.create(ids, new Shape(indices.length, maxLength));
    }

    @Override
    protected NDArray labels(NDManager manager, int[] indices) {
        return null;
    }
}
