package io.artifex.eval.bench;

import io.artifex.core.model.GenerativeModel;
import java.util.Map;

/**
 * The quality part of the benchmark protocol for a model trained elsewhere (a checkpoint or a
 * saved model): the same test split, reference images, likelihood and sample sets as
 * {@code bench --quality} measures at its final point, with no training.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class CheckpointQuality {

    private CheckpointQuality() {
    }

    /**
     * Measures {@code model} as {@code entry}'s quality plan says, with the options' batch size,
     * test limit, importance samples, sample counts and seed; the model is left as it was.
     */
    public static Map<String, Double> measure(BenchmarkModel entry, GenerativeModel model, BenchmarkOptions options) {
        if (entry == null || model == null || options == null) {
            throw new IllegalArgumentException("checkpoint quality needs an entry, a model and options");
        }
        QualityContext context = new QualityContext(
                BenchData.test(entry.data(), options.batchSize(), options.qualityTestLimit()),
                BenchData.testImages(entry.data(), options.qualityTestLimit()), options.importanceSamples(),
                options.generatedSamples(), options.seed(), options.slowSamples(), SampleSink.NONE, true);
        return entry.evaluateQuality(model, context);
    }
}
