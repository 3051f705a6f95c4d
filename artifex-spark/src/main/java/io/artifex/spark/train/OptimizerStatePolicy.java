package io.artifex.spark.train;

/**
 * What happens to the optimizers' state (Adam's moments, SGD's momentum buffers, their step
 * counts) between averaging rounds of {@link SparkTrainer}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum OptimizerStatePolicy {

    /**
     * The workers' optimizer states are averaged like the weights (weighted by the examples each
     * worker saw in the round; a step count takes the largest of the workers'), and every worker
     * starts the next round from that one averaged state. The round checkpoint holds it under the
     * optimizer's own key, as a single-machine checkpoint would.
     */
    AVERAGE,

    /**
     * Each worker keeps its own optimizer state: worker {@code i} (the {@code i}-th partition)
     * starts round {@code r + 1} with exactly the state it had at the end of round {@code r}, and
     * states are never mixed across workers; only the weights are averaged. The states travel
     * back to the driver with the weights and are broadcast again (executors keep nothing between
     * rounds), so a retried task, a task moved to another executor and a resumed run all see the
     * same state. The round checkpoint holds them under {@code "worker-<i>/<optimizer key>"}.
     */
    KEEP_PER_WORKER
}
