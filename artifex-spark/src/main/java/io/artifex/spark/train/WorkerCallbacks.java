package io.artifex.spark.train;

import io.artifex.training.callbacks.Callback;
import java.io.Serializable;
import java.util.List;

/**
 * Trainer callbacks to run inside each worker's local training (a per-worker metrics writer, a
 * probe): serialised to the executors with the task and asked for fresh callbacks every round.
 * They run after the trainer's own NaN guard and before the round's end is recorded; a callback
 * that throws fails the task, which Spark retries from the round's broadcast weights.
 *
 * <p>Thread-safety: implementations need not be thread-safe; use one instance per thread unless an
 * implementation says otherwise.
 */
@FunctionalInterface
public interface WorkerCallbacks extends Serializable {

    /** No callbacks. */
    WorkerCallbacks NONE = (worker, round) -> List.of();

    /** The callbacks for worker {@code worker} (the partition index) in round {@code round} (from 0). */
    List<Callback> create(int worker, int round);
}
