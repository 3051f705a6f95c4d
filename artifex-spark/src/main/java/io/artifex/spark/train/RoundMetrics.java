package io.artifex.spark.train;

/**
 * What one averaging round cost and did, as the driver measured it. Times are wall-clock
 * milliseconds on the driver unless said otherwise.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param round the round, from 0
 * @param step the global step after the round (steps each worker has run since the start)
 * @param examples examples trained on in the round, all workers together
 * @param loss the example-weighted mean training loss of the round's steps over all workers
 * @param retriedTasks tasks whose result came from a retry (Spark attempt number above 0)
 * @param broadcastBytes the size of the broadcast state (weights, and optimizer state to send)
 * @param resultBytes the size of what the workers sent back, all together
 * @param broadcastMillis serialising the state and handing it to Spark's broadcast
 * @param trainMillis the round's Spark job, from submission until every result was on the driver
 *     (executors fetching the broadcast, local training, shipping results back, scheduling)
 * @param slowestWorkerMillis the longest task's own work (reading its partition and the broadcast,
 *     model build, local trainer run, state I/O; not a wait for another task's training in the same
 *     JVM), measured on its executor; {@code trainMillis} minus this is Spark's overhead
 * @param workerMillisSum the tasks' own work added up; near {@code trainMillis} (rather than near
 *     {@code slowestWorkerMillis}) means the workers trained one after another, not in parallel
 * @param averageMillis averaging the weights and optimizer states on the driver
 * @param checkpointMillis writing the round checkpoint
 */
public record RoundMetrics(int round, long step, long examples, double loss, int retriedTasks, long broadcastBytes,
                           long resultBytes, double broadcastMillis, double trainMillis, double slowestWorkerMillis,
                           double workerMillisSum, double averageMillis, double checkpointMillis) {

    /** The whole round: broadcast, train, average and checkpoint. */
    public double totalMillis() {
        return broadcastMillis + trainMillis + averageMillis + checkpointMillis;
    }

    /** Examples per second over the whole round. */
    public double examplesPerSecond() {
        return totalMillis() <= 0 ? 0 : examples * 1000.0 / totalMillis();
    }

    /**
     * The share of the round not spent in the slowest worker's local work: broadcast, averaging,
     * checkpoint and Spark's scheduling and transfer. Near 1 means the round is all overhead: raise
     * the averaging period (or use fewer workers) until it falls well below one half.
     */
    public double overheadFraction() {
        return totalMillis() <= 0 ? 0 : Math.max(0, totalMillis() - slowestWorkerMillis) / totalMillis();
    }
}
