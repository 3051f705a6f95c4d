package io.artifex.core.autograd;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Opens gradient collectors one at a time in the whole process. DJL's PyTorch engine allows one
 * open {@link GradientCollector} per process, so a training step on one thread and an
 * energy-based model's Langevin sampler on another (or two trainers in one server) would otherwise
 * fail with "only one GradientCollector may be open at a time". Every collector the library opens
 * comes from {@link #open}: it takes one process-wide, reentrant lock, and the collector's
 * {@code close} releases it, so the callers take turns for as long as a collector is open and the
 * rest of their work runs in parallel.
 *
 * <pre>{@code
 * try (GradientCollector collector = GradientCollectors.open(manager.getEngine())) {
 *     collector.backward(loss);
 * }
 * }</pre>
 *
 * Open and close a collector on the same thread (try-with-resources does).
 *
 * <p>Thread-safety: thread-safe: {@link #open} may be called from any thread; a thread waits while
 * another holds an open collector.
 */
public final class GradientCollectors {

    private static final ReentrantLock LOCK = new ReentrantLock();

    private GradientCollectors() {
    }

    /**
     * Waits until no other thread has a collector open, then opens one of {@code engine}; closing it
     * lets the next thread in.
     */
    public static GradientCollector open(Engine engine) {
        if (engine == null) {
            throw new IllegalArgumentException("engine must not be null");
        }
        LOCK.lock();
        try {
            return new Exclusive(engine.newGradientCollector());
        } catch (RuntimeException | Error e) {
            LOCK.unlock();
            throw e;
        }
    }

    /**
     * The process-wide lock itself, for a caller that must keep other collectors out across more
     * than one collector's life (e.g. while it freezes and unfreezes shared parameters).
     */
    public static ReentrantLock lock() {
        return LOCK;
    }

    /** A collector that releases the process-wide lock when it closes (once). */
    private static final class Exclusive implements GradientCollector {

        private final GradientCollector inner;
        private boolean closed;

        Exclusive(GradientCollector inner) {
            this.inner = inner;
        }

        @Override
        public void backward(NDArray target) {
            inner.backward(target);
        }

        @Override
        public void zeroGradients() {
            inner.zeroGradients();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                inner.close();
            } finally {
                LOCK.unlock();
            }
        }
    }
}
