package io.artifex.eval.bench;

/**
 * One timed sampling job of a reference model, as the benchmark spec fixes it (e.g. the VAE's
 * "64 samples", or DDPM's "16 samples with 1000 ancestral steps").
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param name a short label for the report, e.g. {@code "prior"} or {@code "ddim-50"}
 * @param samples how many samples one timed call produces
 * @param description what one call does, in words, for the report
 * @param maxRepeats the most timed calls (0 = as many as the run's {@code repeats}, after one
 *                   untimed warm-up call); expensive workloads such as 1000-step diffusion
 *                   sampling set a cap (e.g. 1) and then get no warm-up call
 * @param sampler how one call draws its samples (the model's capabilities carry it out)
 */
public record SamplingWorkload(String name, int samples, String description, int maxRepeats, Sampler sampler) {

    /** A workload drawn by the model's ordinary sampler. */
    public SamplingWorkload(String name, int samples, String description, int maxRepeats) {
        this(name, samples, description, maxRepeats, Sampler.generate());
    }

    /** Checks the fields. */
    public SamplingWorkload {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("sampling workload name must not be blank");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("sampling workload '" + name + "': samples must be >= 1, got " + samples);
        }
        if (maxRepeats < 0) {
            throw new IllegalArgumentException("sampling workload '" + name + "': maxRepeats must be >= 0, got "
                    + maxRepeats);
        }
        description = description == null ? "" : description;
        if (sampler == null) {
            throw new IllegalArgumentException("sampling workload '" + name + "': sampler must not be null");
        }
    }

    /** The same workload with another sample count (used by tests and quick runs). */
    public SamplingWorkload withSamples(int newSamples) {
        return new SamplingWorkload(name, newSamples, description, maxRepeats, sampler);
    }

    /** The number of timed calls for a run with {@code repeats} repeats. */
    public int timedCalls(int repeats) {
        return maxRepeats == 0 ? repeats : Math.min(repeats, maxRepeats);
    }
}
