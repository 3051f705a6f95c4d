package io.artifex.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.config.ActivationType;
import io.artifex.core.model.Batch;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.StepContext;
import io.artifex.core.random.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaeTest {

    static VaeConfig seedConfig() {
        EncoderConfig encoder = new EncoderConfig("encoder", List.of(28, 28, 1), 128, List.of(256, 128), ActivationType.RELU);
        DecoderConfig decoder = new DecoderConfig("decoder", 128, List.of(28, 28, 1), List.of(128, 256), ActivationType.RELU);
        return new VaeConfig("beta_vae", encoder, decoder, EncoderType.DENSE, 1.0);
    }

    @Test
    void seedConfigBuildsReferenceNetworkOne() {
        try (NDManager manager = NDManager.newBaseManager();
             GenerativeModel model = new VaeFamily().create(seedConfig(), manager.newSubManager(), new Rng(0))) {
            assertThat(model.parameterCount()).isEqualTo(517_904L);
            try (NDManager scope = manager.newSubManager()) {
                NDArray samples = model.generate(5, scope, new Rng(1));
                assertThat(samples.getShape()).isEqualTo(new Shape(5, 1, 28, 28));
                assertThat(samples.min().getFloat()).isGreaterThanOrEqualTo(0f);
                assertThat(samples.max().getFloat()).isLessThanOrEqualTo(1f);
            }
        }
    }

    @Test
    void lossIsReconstructionPlusKlAndMatchesAHandComputation() {
        try (NDManager manager = NDManager.newBaseManager();
             Vae model = (Vae) new VaeFamily().create(seedConfig(), manager.newSubManager(), new Rng(0))) {
            NDManager scope = manager.newSubManager();
            NDArray x = new Rng(5).uniform(scope, 0f, 1f, new Shape(4, 1, 28, 28));
            StepContext ctx = new StepContext(scope, new ParameterStore(scope, false), new Rng(2), true, 0);
            Batch batch = Batch.of(x);
            ModelOutputs out = model.forward(batch, ctx);
            LossResult loss = model.loss(batch, out, ctx);
            float[] logits = out.get("logits").toFloatArray();
            float[] xs = x.toFloatArray();
            float[] mean = out.get("mean").toFloatArray();
            float[] logVar = out.get("logVar").toFloatArray();
            double total = 0;
            for (int i = 0; i < xs.length; i++) {
                double l = logits[i];
                total += Math.log1p(Math.exp(l)) - xs[i] * l;
            }
            for (int i = 0; i < mean.length; i++) {
                total += 0.5 * (mean[i] * mean[i] + Math.exp(logVar[i]) - 1 - logVar[i]);
            }
            assertThat(loss.total().getFloat()).isCloseTo((float) (total / 4), within(1e-2f));
            assertThat(loss.terms()).containsKeys("reconstruction", "kl", "negElbo");
            scope.close();
        }
    }

    @Test
    void convolutionalVaeReconstructsImageShapesThroughTransposedConvolutions() {
        EncoderConfig encoder = new EncoderConfig("encoder", List.of(28, 28, 1), 8, List.of(8, 16), ActivationType.RELU);
        DecoderConfig decoder = new DecoderConfig("decoder", 8, List.of(28, 28, 1), List.of(16, 8), ActivationType.RELU);
        VaeConfig config = new VaeConfig("conv_vae", encoder, decoder, EncoderType.CONV, 1.0);
        try (NDManager manager = NDManager.newBaseManager();
             Vae model = (Vae) new VaeFamily().create(config, manager.newSubManager(), new Rng(0))) {
            // encoder: 1*8*16+8, 8*16*16+16, head (16*7*7)->16; decoder: 8->16*7*7, up 16->8, up 8->1
            long expected = (16 * 8 + 8) + (8 * 16 * 16 + 16) + (784 * 16 + 16)
                    + (8 * 784 + 784) + (16 * 8 * 16 + 8) + (8 * 1 * 16 + 1);
            assertThat(model.parameterCount()).isEqualTo(expected);
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = new Rng(3).uniform(scope, 0f, 1f, new Shape(2, 1, 28, 28));
                assertThat(model.encode(x, scope).getShape()).isEqualTo(new Shape(2, 8));
                assertThat(model.reconstruct(x, scope).getShape()).isEqualTo(new Shape(2, 1, 28, 28));
                assertThat(model.generate(3, scope, new Rng(4)).getShape()).isEqualTo(new Shape(3, 1, 28, 28));
                assertThat(model.interpolate(x.get(0), x.get(1), 5, scope).getShape()).isEqualTo(new Shape(5, 1, 28, 28));
            }
        }
    }
}
