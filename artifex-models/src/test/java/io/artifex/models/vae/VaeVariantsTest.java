package io.artifex.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.config.ActivationType;
import io.artifex.core.model.Batch;
import io.artifex.core.model.ConditionalModel;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.LatentGenerator;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.StepContext;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Beta/KL warm-up, the Gaussian likelihood, the conditional VAE and the importance-weighted bound. */
class VaeVariantsTest {

    /** A Bernoulli VAE (the default likelihood) with the given beta, warm-up and classes. */
    private static VaeConfig config(double klWeight, int warmup, int classes) {
        return builder(klWeight, warmup, classes).build();
    }

    private static VaeConfig.Builder builder(double klWeight, int warmup, int classes) {
        EncoderConfig encoder = new EncoderConfig("encoder", List.of(28, 28, 1), 4, List.of(16), ActivationType.RELU);
        DecoderConfig decoder = new DecoderConfig("decoder", 4, List.of(28, 28, 1), List.of(16), ActivationType.RELU);
        return VaeConfig.builder().name("variant").encoder(encoder).decoder(decoder).encoderType(EncoderType.DENSE)
                .klWeight(klWeight).klWarmupSteps(warmup).numClasses(classes);
    }

    @Test
    void klWeightRisesLinearlyOverTheWarmUpToBeta() {
        try (GenerativeModel model = Models.create(config(4.0, 100, 0), 0)) {
            Vae vae = (Vae) model;
            assertThat(vae.klWeightAt(0)).isCloseTo(0.04f, within(1e-6f));
            assertThat(vae.klWeightAt(49)).isCloseTo(2.0f, within(1e-6f));
            assertThat(vae.klWeightAt(99)).isCloseTo(4.0f, within(1e-6f));
            assertThat(vae.klWeightAt(5000)).isCloseTo(4.0f, within(1e-6f));
        }
        try (GenerativeModel model = Models.create(config(0.5, 0, 0), 0)) {
            assertThat(((Vae) model).klWeightAt(0)).isEqualTo(0.5f);
        }
    }

    @Test
    void gaussianLikelihoodIsTheExactNormalLogDensityOfTheDecoderMean() {
        double std = 0.3;
        try (GenerativeModel model = Models.create(builder(1.0, 0, 0).likelihood(VaeLikelihood.GAUSSIAN).gaussianStd(std).build(), 0);
             NDManager scope = NDManager.newBaseManager()) {
            Vae vae = (Vae) model;
            NDArray x = new Rng(1).uniform(scope, 0f, 1f, new Shape(2, 1, 28, 28));
            NDArray mean = new Rng(2).uniform(scope, 0f, 1f, new Shape(2, 1, 28, 28));
            float[] nll = vae.negativeLogLikelihood(x, mean).toFloatArray();
            float[] xs = x.toFloatArray();
            float[] ms = mean.toFloatArray();
            for (int n = 0; n < 2; n++) {
                double expected = 0;
                for (int i = 0; i < 784; i++) {
                    double d = xs[n * 784 + i] - ms[n * 784 + i];
                    expected += d * d / (2 * std * std) + Math.log(std) + 0.5 * Math.log(2 * Math.PI);
                }
                assertThat((double) nll[n]).isCloseTo(expected, within(1e-2));
            }
            // Gaussian samples are decoder means, not probabilities: no sigmoid is applied
            assertThat(vae.generate(3, scope, new Rng(3)).getShape()).isEqualTo(new Shape(3, 1, 28, 28));
        }
    }

    @Test
    void conditionalVaeGeneratesChosenClassesAndNeedsLabels() {
        try (GenerativeModel model = Models.create(config(1.0, 0, 10), 0);
             NDManager scope = NDManager.newBaseManager()) {
            assertThat(model).isInstanceOf(ConditionalModel.class).isNotInstanceOf(LatentGenerator.class);
            ConditionalVae cvae = (ConditionalVae) model;
            assertThat(cvae.numClasses()).isEqualTo(10);
            // 784 + 10 inputs into the encoder, 4 + 10 into the decoder
            long expected = (794 * 16 + 16) + (16 * 8 + 8) + (14 * 16 + 16) + (16 * 784 + 784);
            assertThat(cvae.parameterCount()).isEqualTo(expected);

            NDArray labels = scope.create(new long[] {3, 3, 7});
            NDArray z = scope.zeros(new Shape(3, 4));
            NDArray decoded = cvae.decode(z, labels, scope);
            // same z, same label: same image; another label: another image
            assertThat(decoded.get(0).toFloatArray()).containsExactly(decoded.get(1).toFloatArray());
            assertThat(decoded.get(0).toFloatArray()).isNotEqualTo(decoded.get(2).toFloatArray());
            assertThat(cvae.generate(labels, scope, new Rng(4)).getShape()).isEqualTo(new Shape(3, 1, 28, 28));

            NDArray x = new Rng(5).uniform(scope, 0f, 1f, new Shape(3, 1, 28, 28));
            StepContext ctx = new StepContext(scope, new ParameterStore(scope, false), new Rng(6), true, 0);
            assertThatThrownBy(() -> cvae.forward(Batch.of(x), ctx)).hasMessageContaining("needs labelled batches");
            ModelOutputs out = cvae.forward(Batch.of(x, labels), ctx);
            assertThat(cvae.loss(Batch.of(x, labels), out, ctx).total().getFloat()).isFinite();
            assertThatThrownBy(() -> cvae.generate(scope.create(new long[] {10}), scope, new Rng(1)))
                    .hasMessageContaining("label 10 is outside [0, 10)");
        }
    }

    @Test
    void importanceWeightedBoundIsTighterThanTheElboAndEqualsItForOneSample() {
        try (GenerativeModel model = Models.create(config(1.0, 0, 0), 0);
             NDManager scope = NDManager.newBaseManager()) {
            Vae vae = (Vae) model;
            NDArray x = new Rng(7).uniform(scope, 0f, 1f, new Shape(6, 784)).gt(0.5f).toType(DataType.FLOAT32, false);
            Batch batch = Batch.of(x);
            double elbo = mean(vae.logProb(batch, 1, scope, new Rng(8)).toFloatArray());
            double sameAsLogProb = mean(vae.logProb(batch, scope, new Rng(8)).toFloatArray());
            double iwae = mean(vae.logProb(batch, 200, scope, new Rng(9)).toFloatArray());
            assertThat(sameAsLogProb).isCloseTo(elbo, within(1e-4));
            assertThat(iwae).isGreaterThan(elbo);
            assertThat(vae.isExact()).isFalse();
            double bits = mean(vae.bitsPerDim(batch, scope, new Rng(8)).toFloatArray());
            assertThat(bits).isCloseTo(-elbo / (784 * Math.log(2)), within(1e-4));
        }
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
