package io.artifex.models.autoregressive.wavenet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The past of every gated layer during generation: per layer, a queue of that layer's inputs
 * {@code (N, 1, R)}, exactly as long as its dilation, so that the input of {@code dilation} steps
 * ago is the queue's head. The queues start full of zeros (the zeros a causal convolution sees
 * before the start). The entries live on the cache's own manager; an entry leaving its queue moves
 * to the step's manager and is closed with it.
 */
final class LayerCache implements AutoCloseable {

    private final NDManager manager;
    private final List<ArrayDeque<NDArray>> queues = new ArrayList<>();
    private final long rows;
    private NDManager step;

    /** Empty queues for {@code rows} sequences through {@code network}, on a sub-manager of {@code parent}. */
    LayerCache(WaveNetNetwork network, long rows, NDManager parent) {
        this.manager = parent.newSubManager();
        this.rows = rows;
        for (int i = 0; i < network.numLayers(); i++) {
            int length = network.dilation(i);
            ArrayDeque<NDArray> queue = new ArrayDeque<>(length);
            for (int k = 0; k < length; k++) {
                queue.addLast(manager.zeros(new Shape(rows, 1, network.residualChannels())));
            }
            queues.add(queue);
        }
    }

    /** The number of sequences. */
    long rows() {
        return rows;
    }

    /** The manager of the step now running: entries leaving a queue are moved onto it. */
    void beginStep(NDManager stepManager) {
        this.step = stepManager;
    }

    /**
     * Layer {@code layer}'s input of {@code dilation} steps ago (on the step's manager), replaced in
     * the queue by a copy of this step's input {@code current}.
     */
    NDArray exchange(int layer, NDArray current) {
        ArrayDeque<NDArray> queue = queues.get(layer);
        NDArray past = queue.pollFirst();
        past.attach(step);
        NDArray kept = current.duplicate();
        kept.attach(manager);
        queue.addLast(kept);
        return past;
    }

    /** Marks the end of a step. */
    void advance() {
        step = null;
    }

    @Override
    public void close() {
        manager.close();
    }
}
