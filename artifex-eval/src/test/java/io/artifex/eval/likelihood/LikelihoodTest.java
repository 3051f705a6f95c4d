package io.artifex.eval.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ModelConfig;
import io.artifex.models.vae.DecoderConfig;
import io.artifex.models.vae.EncoderConfig;
import io.artifex.models.vae.EncoderType;
import io.artifex.models.vae.VaeConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.core.model.ImportanceWeightedLikelihood;
import io.artifex.core.model.LikelihoodModel;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.StepContext;
import io.artifex.core.random.Rng;
import io.artifex.data.EmbeddedMnist;
import io.artifex.data.ImageBatchSource;
import io.artifex.data.transform.Transforms;
import io.artifex.models.vae.VaeFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

class LikelihoodTest {

    /**
     * A density on dequantised pixels y = (x + u) / 256 in [0, 1)^D: uniform when {@code linear}
     * is false (log p = 0), else p(y) = prod 2 y_d. Bits/dim go through {@link BitsPerDim}.
     */
    private record TestDensity(boolean linear) implements LikelihoodModel {
        @Override
        public NDArray logProb(Batch batch, NDManager manager, Rng rng) {
            NDArray y = batch.x().reshape(batch.size(), -1);
            NDArray lp = linear ? y.mul(2f).log().sum(new int[] {1}) : manager.zeros(new ai.djl.ndarray.types.Shape(batch.size()));
            return lp.toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        }

        @Override
        public NDArray bitsPerDim(Batch batch, NDManager manager, Rng rng) {
            long dims = batch.x().size() / batch.size();
            float[] lp = logProb(batch, manager, rng).toFloatArray();
            float[] out = new float[lp.length];
            for (int i = 0; i < lp.length; i++) {
                out[i] = (float) BitsPerDim.fromUnitDequantizedNll(-lp[i], dims);
            }
            return manager.create(out);
        }

        @Override
        public boolean isExact() {
            return true;
        }

        @Override
        public ModelConfig config() {
            return () -> "test-density";
        }

        @Override
        public Block network() {
            return null;
        }

        @Override
        public NDManager manager() {
            throw new UnsupportedOperationException("the test density has no parameters and so no manager");
        }

        @Override
        public ai.djl.ndarray.types.Shape exampleShape() {
            return new ai.djl.ndarray.types.Shape(1, 28, 28);
        }

        @Override
        public ModelOutputs forward(Batch batch, StepContext context) {
            throw new IllegalArgumentException("test density has no forward pass");
        }

        @Override
        public LossResult loss(Batch batch, ModelOutputs outputs, StepContext context) {
            throw new IllegalArgumentException("test density has no loss");
        }

        @Override
        public NDArray generate(int n, NDManager manager, Rng rng) {
            return rng.uniform(manager, 0f, 1f, new ai.djl.ndarray.types.Shape(n, 1, 28, 28));
        }

        @Override
        public void close() {
        }
    }

    private static BatchSource dequantisedDigits(int n) {
        return ImageBatchSource.builder(EmbeddedMnist.test().subset(0, n)).batchSize(32).shuffle(false).seed(3)
                .transform(Transforms.dequantise()).build();
    }

    @Test
    void bitsPerDimFormulaGivesExactlyEightForAUniformModel() {
        assertThat(BitsPerDim.fromUnitDequantizedNll(0, 784)).isEqualTo(8.0, within(1e-12));
        assertThat(BitsPerDim.fromDequantizedNll(0, 784, 2.0 / 256)).isCloseTo(7.0, within(1e-12));
        assertThat(BitsPerDim.fromDiscreteNll(784 * Math.log(256), 784)).isCloseTo(8.0, within(1e-12));
        // a histogram density p_y = 256 P(k) on each cell gives back the discrete NLL exactly
        double pk = 0.013;
        assertThat(BitsPerDim.fromUnitDequantizedNll(-Math.log(256 * pk), 1))
                .isCloseTo(BitsPerDim.fromDiscreteNll(-Math.log(pk), 1), within(1e-12));
        assertThat(BitsPerDim.toDequantizedNll(BitsPerDim.fromDequantizedNll(123.4, 10, 0.01), 10, 0.01))
                .isCloseTo(123.4, within(1e-9));
        assertThatThrownBy(() -> BitsPerDim.fromDiscreteNll(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dims");
    }

    @Test
    void evaluatorReportsEightBitsPerDimWithZeroErrorForTheUniformModel() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LikelihoodReport r = LikelihoodEvaluator.evaluate(new TestDensity(false), dequantisedDigits(80), manager, new Rng(1));
            assertThat(r.examples()).isEqualTo(80);
            assertThat(r.meanBitsPerDim()).isCloseTo(8.0, within(1e-6));
            assertThat(r.bitsPerDimStandardError()).isCloseTo(0, within(1e-6));
            assertThat(r.meanLogLikelihood()).isEqualTo(0.0);
            assertThat(r.exact()).isTrue();
        }
    }

    @Test
    void evaluatorMeanAndStandardErrorMatchAReferenceLoop() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchSource source = dequantisedDigits(70);
            TestDensity model = new TestDensity(true);
            LikelihoodReport r = LikelihoodEvaluator.evaluate(model, source, manager, new Rng(1));
            // reference: the same dequantised batches (the source is seeded), scored by a plain loop
            RunningMean ll = new RunningMean();
            EpochIterator it = source.epoch(0);
            while (it.hasNext()) {
                try (NDManager scope = manager.newSubManager()) {
                    float[] y = it.next(scope).x().toFloatArray();
                    for (int i = 0; i < y.length / 784; i++) {
                        double s = 0;
                        for (int k = 0; k < 784; k++) {
                            s += Math.log(2 * y[i * 784 + k]);
                        }
                        ll.add(s, "reference");
                    }
                }
            }
            assertThat(r.examples()).isEqualTo(70);
            assertThat(r.meanLogLikelihood()).isCloseTo(ll.mean(), within(1e-3 * Math.abs(ll.mean())));
            assertThat(r.logLikelihoodStandardError()).isCloseTo(ll.standardError(), within(1e-3 * ll.standardError()));
            assertThat(r.meanBitsPerDim()).isCloseTo(BitsPerDim.fromUnitDequantizedNll(-ll.mean(), 784), within(1e-4));
            assertThat(r.bitsPerDimStandardError()).isCloseTo(ll.standardError() / (784 * Math.log(2)), within(1e-4));
        }
    }

    @Test
    void vaeEvaluatorGivesElboAndATighterImportanceWeightedBound() {
        EncoderConfig encoder = new EncoderConfig("encoder", List.of(28, 28, 1), 4, List.of(32), ActivationType.RELU);
        DecoderConfig decoder = new DecoderConfig("decoder", 4, List.of(28, 28, 1), List.of(32), ActivationType.RELU);
        VaeConfig config = new VaeConfig("tiny_vae", encoder, decoder, EncoderType.DENSE, 1.0);
        try (NDManager manager = NDManager.newBaseManager();
             ImportanceWeightedLikelihood vae = (ImportanceWeightedLikelihood) new VaeFamily().create(config, manager.newSubManager(), new Rng(0))) {
            BatchSource source = ImageBatchSource.builder(EmbeddedMnist.test().subset(0, 64)).batchSize(32)
                    .shuffle(false).build();
            VaeReport r = VaeEvaluator.evaluate(vae, source, 50, manager, new Rng(4));
            assertThat(r.examples()).isEqualTo(64);
            assertThat(r.importanceSamples()).isEqualTo(50);
            // an untrained decoder is far from the data: the k = 50 bound must be clearly tighter
            assertThat(r.meanImportanceWeightedNll()).isLessThan(r.meanNegativeElbo());
            assertThat(r.meanNegativeElbo()).isGreaterThan(0);
            assertThat(r.elboBitsPerDim()).isCloseTo(r.meanNegativeElbo() / (784 * Math.log(2)), within(1e-9));
            // reference for the ELBO: the model's own bound with k = 1 on the same batches and stream
            Rng elboRng = new Rng(4).fork("elbo");
            RunningMean ref = new RunningMean();
            EpochIterator it = source.epoch(0);
            while (it.hasNext()) {
                try (NDManager scope = manager.newSubManager()) {
                    for (float v : vae.logProb(it.next(scope), 1, scope, elboRng).toFloatArray()) {
                        ref.add(-v, "reference");
                    }
                }
            }
            assertThat(r.meanNegativeElbo()).isCloseTo(ref.mean(), within(1e-4 * ref.mean()));
            assertThatThrownBy(() -> VaeEvaluator.evaluate(vae, source, 0, manager, new Rng(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k");
        }
    }
}
