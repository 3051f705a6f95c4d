package io.artifex.eval.bench;

import ai.djl.ndarray.NDManager;
import io.artifex.core.image.ValueRange;
import io.artifex.core.model.DataContract;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.eval.features.FeatureExtractor;
import io.artifex.eval.features.ImageArrays;
import io.artifex.eval.metrics.SampleQualityReport;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sample-based quality of a model of 28x28 grey images: {@code generatedSamples} samples (in
 * [0, 1]) against the context's reference test images, through
 * {@link SampleQualityReport} on the shipped MNIST feature network: {@code sample_fid},
 * {@code sample_kid} (and {@code _se}), {@code sample_precision}, {@code sample_recall},
 * {@code sample_classifier_score}, and the smallest and largest predicted-class fractions
 * ({@code sample_class_min_fraction}, {@code sample_class_max_fraction}; 0.1 each for a perfectly
 * balanced model, far apart under mode collapse). The features are not Inception's: these
 * numbers are not comparable with published FIDs.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class SampleMetrics {

    private SampleMetrics() {
    }

    /**
     * Draws the samples with {@code rng} (in chunks of at most 500 under {@code parent}'s
     * sub-managers) and scores them; the samples are brought to [0, 1] as {@link #unitSampler} says.
     */
    public static Map<String, Double> measure(GenerativeModel model, QualityContext context, NDManager parent, Rng rng) {
        return measure(model.config().name(), unitSampler(model), context, parent, rng);
    }

    /**
     * The model's samples in [0, 1], the range the feature network reads, going by its data
     * contract: as they are for [0, 1], through {@link SignedImages#toUnit} for [-1, 1].
     *
     * @throws IllegalArgumentException for a model whose contract is neither (e.g. real-valued
     *                                  data), naming the model and its contract
     */
    public static ImageSampler unitSampler(GenerativeModel model) {
        DataContract contract = model.dataContract();
        ValueRange range = contract.valueRange().orElseThrow(() -> new IllegalArgumentException("sample metrics score"
                + " images in [0, 1] or [-1, 1], but " + model.getClass().getSimpleName() + " '" + model.config().name()
                + "' reads " + contract.describe() + "; pass an ImageSampler that maps its samples to [0, 1]"));
        return range == ValueRange.MINUS_ONE_ONE ? (n, m, r) -> SignedImages.toUnit(model.generate(n, m, r))
                : model::generate;
    }

    /**
     * As {@link #measure(GenerativeModel, QualityContext, NDManager, Rng)}, drawing the samples
     * (which must be in [0, 1]) from {@code sampler}; {@code name} labels the model in errors.
     */
    public static Map<String, Double> measure(String name, ImageSampler sampler, QualityContext context, NDManager parent,
                                              Rng rng) {
        return measure(name, "sample", context.generatedSamples(), sampler, context, parent, rng);
    }

    /**
     * Draws {@code n} samples from {@code sampler} (in chunks of at most 500) and scores them;
     * every metric name starts with {@code prefix} (e.g. {@code buffer_fid}), and the first 64
     * samples are offered to the context's {@link SampleSink} under that prefix. Besides the
     * metrics listed on the class, reports {@code <prefix>_confident_fraction} (share of samples
     * whose top class probability is at least 0.9) and {@code <prefix>_seconds_per_sample}
     * (sampling wall time only).
     */
    public static Map<String, Double> measure(String name, String prefix, int n, ImageSampler sampler,
                                              QualityContext context, NDManager parent, Rng rng) {
        requireInputs(context, n);
        long start = System.nanoTime();
        float[] generated = draw(name, n, sampler, parent, rng);
        return score(prefix, generated, n, (System.nanoTime() - start) / 1e9, null, context);
    }

    /**
     * As {@link #measure(String, String, int, ImageSampler, QualityContext, NDManager, Rng)} for
     * a class-conditional model: sample {@code j} is drawn for class {@code j % numClasses}, so
     * the classes are balanced by construction, and {@code <prefix>_label_agreement} reports the
     * share of samples that the feature classifier assigns to the class they were drawn for.
     */
    public static Map<String, Double> measureConditional(String name, String prefix, int n, int numClasses,
                                                         LabelledImageSampler sampler, QualityContext context,
                                                         NDManager parent, Rng rng) {
        requireInputs(context, n);
        if (numClasses < 1) {
            throw new IllegalArgumentException("a conditional sampler needs at least one class, got " + numClasses);
        }
        int[] intended = new int[n];
        for (int j = 0; j < n; j++) {
            intended[j] = j % numClasses;
        }
        int[] next = {0};
        ImageSampler byLabel = (count, manager, r) -> {
            long[] labels = new long[count];
            for (int i = 0; i < count; i++) {
                labels[i] = intended[next[0] + i];
            }
            next[0] += count;
            return sampler.sample(manager.create(labels), manager, r);
        };
        long start = System.nanoTime();
        float[] generated = draw(name, n, byLabel, parent, rng);
        return score(prefix, generated, n, (System.nanoTime() - start) / 1e9, intended, context);
    }

    private static void requireInputs(QualityContext context, int n) {
        if (context.referenceImages() == null) {
            throw new IllegalArgumentException("sample metrics need reference images in the quality context");
        }
        if (n < 1) {
            throw new IllegalArgumentException("sample metrics need at least one sample, got " + n);
        }
    }

    /** {@code n} samples from {@code sampler} as host floats, drawn in chunks of at most 500. */
    private static float[] draw(String name, int n, ImageSampler sampler, NDManager parent, Rng rng) {
        int per = 28 * 28;
        float[] generated = new float[n * per];
        int done = 0;
        while (done < n) {
            int chunk = Math.min(500, n - done);
            try (NDManager sm = parent.newSubManager()) {
                float[] values = sampler.sample(chunk, sm, rng.fork("chunk-" + done)).toFloatArray();
                if (values.length != chunk * per) {
                    throw new IllegalArgumentException("sample metrics need 28x28 grey images; " + name
                            + " produced " + values.length / chunk + " values per sample");
                }
                System.arraycopy(values, 0, generated, done * per, values.length);
            }
            done += chunk;
        }
        return generated;
    }

    private static Map<String, Double> score(String prefix, float[] generated, int n, double samplingSeconds,
                                             int[] intended, QualityContext context) {
        int per = 28 * 28;
        int shown = Math.min(64, n);
        context.sink().accept(prefix, Arrays.copyOf(generated, shown * per), shown);
        float[] reference = ImageArrays.toUnitFloats(context.referenceImages());
        SampleQualityReport.Options defaults = SampleQualityReport.Options.defaults();
        SampleQualityReport.Options options = new SampleQualityReport.Options(defaults.kidSubsetSize(),
                defaults.kidSubsets(), defaults.nearestNeighbours(), defaults.scoreSplits(),
                defaults.confidenceThreshold(), context.seed());
        SampleQualityReport r;
        double agreement = Double.NaN;
        try (FeatureExtractor extractor = FeatureExtractor.mnist()) {
            r = SampleQualityReport.compute(generated, reference, extractor, options);
            if (intended != null) {
                agreement = labelAgreement(extractor.probabilities(generated), intended);
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "_fid", r.fid());
        m.put(prefix + "_kid", r.kid());
        m.put(prefix + "_kid_se", r.kidStandardError());
        m.put(prefix + "_precision", r.precision());
        m.put(prefix + "_recall", r.recall());
        m.put(prefix + "_classifier_score", r.classifierScore());
        m.put(prefix + "_confident_fraction", r.histogram().confidentFraction());
        m.put(prefix + "_class_min_fraction", r.histogram().minFraction());
        m.put(prefix + "_class_max_fraction", r.histogram().maxFraction());
        if (intended != null) {
            m.put(prefix + "_label_agreement", agreement);
        }
        m.put(prefix + "_count", (double) r.generatedCount());
        m.put(prefix + "_seconds_per_sample", samplingSeconds / n);
        return m;
    }

    /** The share of rows whose most probable class is the intended one. */
    static double labelAgreement(float[][] probabilities, int[] intended) {
        int agree = 0;
        for (int i = 0; i < probabilities.length; i++) {
            if (FeatureExtractor.argmax(probabilities[i]) == intended[i]) {
                agree++;
            }
        }
        return agree / (double) probabilities.length;
    }
}
