package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named arrays produced by {@link GenerativeModel#forward}, consumed by
 * {@link GenerativeModel#loss} (e.g. "logits", "mean", "logVar", "z").
 *
 * <p>Thread-safety: not thread-safe: it holds NDArrays, which belong to one manager and are not
 * thread-safe; use it on the thread that made it.
 */
public final class ModelOutputs {

    private final Map<String, NDArray> values;

    private ModelOutputs(Map<String, NDArray> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Wraps a map of outputs; iteration order is kept. */
    public static ModelOutputs of(Map<String, NDArray> values) {
        return new ModelOutputs(values);
    }

    /** The output called {@code name}; the error lists the names that exist. */
    public NDArray get(String name) {
        NDArray value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("model output '" + name + "' does not exist; outputs are "
                    + values.keySet());
        }
        return value;
    }

    /** Whether an output of that name exists. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** All outputs, read-only. */
    public Map<String, NDArray> asMap() {
        return values;
    }
}
