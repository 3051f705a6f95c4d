package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import java.util.Objects;
import java.util.Optional;

/**
 * One mini-batch: the inputs, shaped {@code (N, ...)}, and optional integer class labels
 * shaped {@code (N)}. Labels are used by conditional models and ignored by the others.
 *
 * <p>Thread-safety: not thread-safe: it holds NDArrays, which belong to one manager and are not
 * thread-safe; use it on the thread that made it.
 */
public final class Batch {

    private final NDArray x;
    private final NDArray labels;

    private Batch(NDArray x, NDArray labels) {
        this.x = Objects.requireNonNull(x, "batch inputs must not be null");
        if (x.getShape().dimension() == 0) {
            throw new IllegalArgumentException("batch inputs must have a leading batch axis, got a scalar");
        }
        if (labels != null && labels.getShape().size() != x.getShape().get(0)) {
            throw new IllegalArgumentException("batch has " + x.getShape().get(0)
                    + " inputs but " + labels.getShape().size() + " labels");
        }
        this.labels = labels;
    }

    /** An unlabelled batch. */
    public static Batch of(NDArray x) {
        return new Batch(x, null);
    }

    /** A labelled batch; {@code labels} has one entry per input. */
    public static Batch of(NDArray x, NDArray labels) {
        return new Batch(x, Objects.requireNonNull(labels, "labels must not be null; use Batch.of(x)"));
    }

    /** The inputs. */
    public NDArray x() {
        return x;
    }

    /** The labels, if the batch has them. */
    public Optional<NDArray> labels() {
        return Optional.ofNullable(labels);
    }

    /** The number of examples. */
    public int size() {
        return (int) x.getShape().get(0);
    }

    /** A batch with the same labels and other inputs (e.g. after a transform). */
    public Batch withX(NDArray newX) {
        return new Batch(newX, labels);
    }
}
