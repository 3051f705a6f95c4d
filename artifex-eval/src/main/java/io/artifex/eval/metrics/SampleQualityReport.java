package io.artifex.eval.metrics;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.artifex.eval.features.FeatureExtractor;
import io.artifex.eval.features.FeatureNetworkInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Sample quality of generated images against reference images in one call: Fréchet distance,
 * KID with its standard error, precision and recall on the feature network's 128-dimensional
 * features, and the classifier score and class histogram on its probabilities.
 *
 * <p>The numbers use features from this project's small classifier, not Inception-v3, so they
 * are not comparable with published FIDs: {@link #caveat()} says so, and every rendering
 * (toString, Markdown, JSON) carries that sentence.
 *
 * <p>Thread-safety: safe to read from several threads; every component is immutable except the
 * arrays of its {@link ClassHistogram}, which nobody may mutate.
 *
 * @param featureNetwork      the dataset the feature network was trained on ("mnist", ...)
 * @param generatedCount      generated images scored
 * @param referenceCount      reference images scored
 * @param fid                 Fréchet distance on features
 * @param kid                 KID mean
 * @param kidStandardError    KID standard error over subsets
 * @param precision           improved precision (k = options' k)
 * @param recall              improved recall
 * @param classifierScore     the Inception-score formula on the classifier's probabilities
 * @param classifierScoreStd  its standard deviation over splits
 * @param histogram           predicted-class histogram and confident fraction of the generated images
 */
public record SampleQualityReport(String featureNetwork, int generatedCount, int referenceCount, double fid, double kid,
                                  double kidStandardError, double precision, double recall, double classifierScore,
                                  double classifierScoreStd, ClassHistogram histogram) {

    /** The caveat every rendering of a report carries (for the MNIST feature network). */
    public static final String CAVEAT =
            "features from our MNIST classifier, not Inception: not comparable with published FIDs";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Settings of the metrics.
     *
     * @param kidSubsetSize       rows per KID subset
     * @param kidSubsets          KID subsets
     * @param nearestNeighbours   k of precision/recall
     * @param scoreSplits         splits of the classifier score
     * @param confidenceThreshold the histogram's confidence threshold
     * @param seed                seed of the KID subsets
     */
    public record Options(int kidSubsetSize, int kidSubsets, int nearestNeighbours, int scoreSplits,
                          double confidenceThreshold, long seed) {

        /** KID 100 subsets of 1,000, k = 3, 10 score splits, threshold 0.9, seed 0. */
        public static Options defaults() {
            return new Options(1000, 100, PrecisionRecall.DEFAULT_K, 10, 0.9, 0L);
        }
    }

    /** The report with {@link Options#defaults()}; images in [0, 1], shaped (N, 1, 28, 28). */
    public static SampleQualityReport compute(NDArray generated, NDArray reference, FeatureExtractor extractor) {
        return compute(generated, reference, extractor, Options.defaults());
    }

    /** The report with the given options; images in [0, 1], shaped (N, 1, 28, 28). */
    public static SampleQualityReport compute(NDArray generated, NDArray reference, FeatureExtractor extractor,
                                              Options options) {
        if (extractor == null) {
            throw new IllegalArgumentException("feature extractor must not be null");
        }
        return fromOutputs(Samples.toDouble(extractor.features(generated)), Samples.toDouble(extractor.probabilities(generated)),
                Samples.toDouble(extractor.features(reference)), networkName(extractor), options);
    }

    /** The report from host images in [0, 1] (784 values per image, NCHW order). */
    public static SampleQualityReport compute(float[] generated, float[] reference, FeatureExtractor extractor,
                                              Options options) {
        if (extractor == null) {
            throw new IllegalArgumentException("feature extractor must not be null");
        }
        return fromOutputs(Samples.toDouble(extractor.features(generated)), Samples.toDouble(extractor.probabilities(generated)),
                Samples.toDouble(extractor.features(reference)), networkName(extractor), options);
    }

    /** The report from already extracted features and generated-image probabilities. */
    public static SampleQualityReport fromOutputs(double[][] generatedFeatures, double[][] generatedProbabilities,
                                                  double[][] referenceFeatures, String featureNetwork, Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        Samples.checkPair(generatedFeatures, "generated features", referenceFeatures, "reference features",
                options.nearestNeighbours() + 1);
        if (generatedProbabilities == null || generatedProbabilities.length != generatedFeatures.length) {
            throw new IllegalArgumentException("generated probabilities must have one row per generated image");
        }
        double fid = FrechetDistance.between(generatedFeatures, referenceFeatures);
        KernelInceptionDistance.Result kid = KernelInceptionDistance.compute(generatedFeatures, referenceFeatures,
                options.kidSubsetSize(), options.kidSubsets(), options.seed());
        PrecisionRecall.Result pr = PrecisionRecall.compute(referenceFeatures, generatedFeatures, options.nearestNeighbours());
        int splits = Math.min(options.scoreSplits(), generatedProbabilities.length);
        ClassifierScore.Result score = ClassifierScore.compute(generatedProbabilities, splits);
        ClassHistogram histogram = ClassHistogram.of(generatedProbabilities, options.confidenceThreshold());
        return new SampleQualityReport(featureNetwork, generatedFeatures.length, referenceFeatures.length, fid, kid.mean(),
                kid.standardError(), pr.precision(), pr.recall(), score.mean(), score.std(), histogram);
    }

    /** The caveat sentence for this report's feature network. */
    @JsonProperty("caveat")
    public String caveat() {
        return "fashion-mnist".equals(featureNetwork) ? CAVEAT.replace("our MNIST", "our Fashion-MNIST") : CAVEAT;
    }

    private static final String TABLE_HEADER =
            "| features | n gen | n ref | FID | KID ± se | precision | recall | classifier score | confident | class fractions |\n"
            + "|---|---|---|---|---|---|---|---|---|---|";

    /** The Markdown table header, preceded by the (MNIST) caveat as a quote line. */
    public static String markdownHeader() {
        return "> " + CAVEAT + "\n\n" + TABLE_HEADER;
    }

    /** This report as a Markdown table: its own caveat as a quote line, the header and one row. */
    public String toMarkdownTable() {
        return "> " + caveat() + "\n\n" + TABLE_HEADER + "\n" + toMarkdownRow();
    }

    /** This report as one row under {@link #markdownHeader()}. */
    public String toMarkdownRow() {
        return String.format(Locale.ROOT, "| %s | %d | %d | %.3f | %.5f ± %.5f | %.3f | %.3f | %.2f ± %.2f | %.3f | %.3f-%.3f |",
                featureNetwork, generatedCount, referenceCount, fid, kid, kidStandardError, precision, recall,
                classifierScore, classifierScoreStd, histogram.confidentFraction(), histogram.minFraction(),
                histogram.maxFraction());
    }

    /** Pretty-printed JSON, including the caveat. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise sample quality report", e);
        }
    }

    @Override
    public String toString() {
        return caveat() + "\n" + TABLE_HEADER + "\n" + toMarkdownRow();
    }

    private static String networkName(FeatureExtractor extractor) {
        FeatureNetworkInfo info = extractor.info();
        return info == null ? "unsaved" : info.dataset();
    }
}
