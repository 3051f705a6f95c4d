package io.artifex.eval.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything measured for one reference model.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param id the model id
 * @param description the model in words
 * @param parameters the parameter-count check against the spec
 * @param training training throughput
 * @param sampling one entry per sampling workload
 * @param memoryBefore memory after building the model and loading the data, before training
 * @param memoryAfter memory after the last training repeat (model still open)
 * @param quality the quality protocol's result, or null when it was not run
 */
public record ModelResult(String id, String description, ParameterCheck parameters, TrainingSpeed training,
                          List<SamplingSpeed> sampling, MemorySnapshot memoryBefore, MemorySnapshot memoryAfter,
                          QualityResult quality) {

    /** Copies the list. */
    public ModelResult {
        sampling = List.copyOf(sampling);
    }

    /** The checks this model failed, each as one line naming the model; empty when all passed. */
    public List<String> failures() {
        List<String> out = new ArrayList<>();
        if (!parameters.passed()) {
            out.add(id + ": " + parameters.describe());
        }
        for (SamplingSpeed s : sampling) {
            if (!s.finite()) {
                out.add(id + ": sampling workload '" + s.workload() + "' produced non-finite values");
            }
        }
        return out;
    }
}
