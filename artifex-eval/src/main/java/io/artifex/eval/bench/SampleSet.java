package io.artifex.eval.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One set of samples that the quality protocol scores with {@link SampleMetrics}: its metrics
 * are prefixed with {@code name} ({@code sample_fid}, {@code truncated_fid}, ...), its first 64
 * samples become the grid {@code <entry>-<name>-step<N>.png}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param name the metric prefix, e.g. {@code "sample"}
 * @param sampler how the samples are drawn
 * @param slow whether the set is expensive: it then draws {@link QualityContext#slowSamples()}
 *             samples at the final evaluation point only (none when that is 0), instead of
 *             {@link QualityContext#generatedSamples()} at every point
 * @param randomStream the name the set's random stream is forked under, from the entry's quality
 *                     stream (fixed per set so that figures stay comparable between versions)
 */
public record SampleSet(String name, Sampler sampler, boolean slow, String randomStream) {

    /** Checks the fields. */
    public SampleSet {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("sample set name must be lower-case letters, digits and '_' "
                    + "starting with a letter (it prefixes metric names), got '" + name + "'");
        }
        if (sampler == null) {
            throw new IllegalArgumentException("sample set '" + name + "': sampler must not be null");
        }
        if (randomStream == null || randomStream.isBlank()) {
            throw new IllegalArgumentException("sample set '" + name + "': randomStream must not be blank");
        }
    }

    /** How many samples this set draws at this evaluation point of {@code model} (0: skipped). */
    int count(GenerativeModel model, QualityContext context, String what) {
        int n = slow ? (context.finalPoint() ? context.slowSamples() : 0) : context.generatedSamples();
        return n == 0 ? 0 : Math.min(n, sampler.maxSamples(model, what));
    }

    /**
     * Draws this set's samples from {@code model}, maps them to [0, 1] with {@code toUnit} and
     * scores them against the context's reference images; empty when the set is skipped here.
     */
    Map<String, Double> measure(GenerativeModel model, UnaryOperator<NDArray> toUnit, QualityContext context,
                                NDManager parent, Rng quality, String entryId) {
        String what = "benchmark entry '" + entryId + "', sample set '" + name + "'";
        int n = count(model, context, what);
        if (n == 0) {
            return Map.of();
        }
        Rng rng = quality.fork(randomStream);
        String label = model.config().name();
        if (sampler.labelsInTurn()) {
            return SampleMetrics.measureConditional(label, name, n, sampler.numClasses(model, what),
                    (labels, m, r) -> toUnit.apply(sampler.drawFor(model, labels, m, r, what)), context, parent, rng);
        }
        return SampleMetrics.measure(label, name, n, (count, m, r) -> toUnit.apply(sampler.draw(model, count, m, r, what)),
                context, parent, rng);
    }
}
