package io.artifex.models.autoregressive.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The keys and values every layer has computed so far during generation, {@code (N, H, t, d)} per
 * layer, so that each new token costs one single-position network step instead of a pass over the
 * whole sequence. The arrays live on the manager given at construction (a sampling run's scope)
 * and are replaced, not grown in place, as positions are appended.
 */
final class KeyValueCache {

    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private int length;

    KeyValueCache(NDManager manager, int layers) {
        this.manager = manager;
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
    }

    /** The number of positions cached (those of the last layer appended to). */
    int length() {
        return length;
    }

    /**
     * Appends the new keys and values {@code (N, H, T, d)} of {@code layer} and returns the whole
     * cached keys and values of that layer, {@code [keys, values]}, {@code (N, H, t + T, d)}.
     */
    NDArray[] append(int layer, NDArray newKeys, NDArray newValues) {
        keys[layer] = extend(keys[layer], newKeys);
        values[layer] = extend(values[layer], newValues);
        length = (int) keys[layer].getShape().get(2);
        return new NDArray[] {keys[layer], values[layer]};
    }

    private NDArray extend(NDArray old, NDArray fresh) {
        NDArray all = old == null ? fresh.duplicate() : old.concat(fresh, 2);
        all.attach(manager);
        if (old != null) {
            old.close();
        }
        return all;
    }
}
