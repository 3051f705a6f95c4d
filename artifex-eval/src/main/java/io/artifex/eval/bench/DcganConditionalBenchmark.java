package io.artifex.eval.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ModelConfig;
import io.artifex.models.gan.DcganConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.models.gan.ConditionalGan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reference network #2 made class-conditional (the one-hot digit appended to the latent and, as
 * ten constant planes, to the discriminator's input), trained like {@link DcganBenchmark} on
 * labelled batches. Every sample is drawn for a chosen digit, {@code j % 10} for sample
 * {@code j}, so the class spread is balanced by construction, and
 * {@code sample_label_agreement} reports how many samples the feature classifier assigns to the
 * digit they were drawn for. A configuration of the GAN family for the "largest
 * configuration that reaches the bar"; its figures are not those of the unconditional network
 * and are reported apart from them.
 */
public final class DcganConditionalBenchmark extends VariantBenchmark {

    /** The id on the command line. */
    public static final String ID = "dcgan-cond";

    /** Parameters of this configuration (not from the spec): the reference plus the label inputs. */
    public static final long EXPECTED_PARAMETERS = 3_979_330L;

    /** Digit classes. */
    static final int CLASSES = 10;

    /** A variant of {@link DcganBenchmark}. */
    public DcganConditionalBenchmark() {
        super(new DcganBenchmark());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "class-conditional DCGAN (reference network #2 with one-hot labels into both networks); "
                + "not a spec reference network";
    }

    @Override
    public ModelConfig config() {
        DcganConfig reference = (DcganConfig) new DcganBenchmark().config();
        return new DcganConfig(ID, reference.generator(), reference.discriminator(), reference.loss(),
                reference.gradientPenaltyWeight(), reference.r1Weight(), reference.nCritic(), CLASSES);
    }

    @Override
    public long expectedParameters() {
        return EXPECTED_PARAMETERS;
    }

    /** Samples drawn for digits 0, 1, ..., 9, 0, 1, ... in turn. */
    @Override
    public NDArray sample(GenerativeModel model, SamplingWorkload workload, NDManager manager, Rng rng) {
        ConditionalGan gan = BenchQuality.require(model, ConditionalGan.class, ID);
        return gan.generate(BenchQuality.labelsInTurn(workload.samples(), CLASSES, manager), manager, rng);
    }

    @Override
    public String qualityBudget(int epochs) {
        return super.qualityBudget(epochs) + "; class-conditional, every sample drawn for a chosen digit (digits in turn)";
    }

    @Override
    public Map<String, Double> evaluateQuality(GenerativeModel model, QualityContext context) {
        ConditionalGan gan = BenchQuality.require(model, ConditionalGan.class, ID);
        Rng rng = new Rng(context.seed()).fork("dcgan-quality");
        return new LinkedHashMap<>(SampleMetrics.measureConditional(gan.config().name(), "sample",
                context.generatedSamples(), CLASSES, (labels, m, r) -> SignedImages.toUnit(gan.generate(labels, m, r)),
                context, BenchQuality.parentManager(gan), rng.fork("samples")));
    }
}
