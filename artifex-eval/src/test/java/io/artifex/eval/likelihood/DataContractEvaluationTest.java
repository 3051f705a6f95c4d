package io.artifex.eval.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ActivationType;
import io.artifex.core.data.BatchSource;
import io.artifex.core.model.DataContractException;
import io.artifex.core.model.LikelihoodModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.data.EmbeddedMnist;
import io.artifex.data.ImageBatchSource;
import io.artifex.data.transform.ImageTransform;
import io.artifex.data.transform.Transforms;
import io.artifex.models.flow.CouplingNetworkConfig;
import io.artifex.models.flow.RealNvpConfig;
import io.artifex.models.vae.BaseVae;
import io.artifex.models.vae.DecoderConfig;
import io.artifex.models.vae.EncoderConfig;
import io.artifex.models.vae.EncoderType;
import io.artifex.models.vae.VaeConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The likelihood evaluators check their first batch against the model's data contract. */
class DataContractEvaluationTest {

    private static BatchSource digits(int n, ImageTransform transform) {
        return ImageBatchSource.builder(EmbeddedMnist.test().subset(0, n)).batchSize(16).shuffle(false).seed(3)
                .transform(transform).build();
    }

    @Test
    void likelihoodEvaluatorRefusesUndequantisedPixelsForAnImageFlowAndScoresDequantisedOnes() {
        RealNvpConfig config = new RealNvpConfig("nvp", 784, 2, new CouplingNetworkConfig("c", List.of(8), ActivationType.RELU));
        try (NDManager manager = NDManager.newBaseManager();
             LikelihoodModel flow = (LikelihoodModel) Models.create(config, 0L)) {
            assertThatThrownBy(() -> LikelihoodEvaluator.evaluate(flow, digits(32, Transforms.scaleTo01()), manager,
                    new Rng(1)))
                    .isInstanceOf(DataContractException.class)
                    .hasMessageContaining("RealNvp 'nvp'")
                    .hasMessageContaining("the first evaluation batch")
                    .hasMessageContaining("'dequantize'");
            LikelihoodReport report = LikelihoodEvaluator.evaluate(flow, digits(32, Transforms.dequantise()), manager,
                    new Rng(1));
            assertThat(report.examples()).isEqualTo(32);
        }
    }

    @Test
    void vaeEvaluatorRefusesSymmetricDataForABernoulliVae() {
        EncoderConfig encoder = new EncoderConfig("e", List.of(28, 28, 1), 2, List.of(8), ActivationType.RELU);
        DecoderConfig decoder = new DecoderConfig("d", 2, List.of(28, 28, 1), List.of(8), ActivationType.RELU);
        try (NDManager manager = NDManager.newBaseManager();
             BaseVae vae = (BaseVae) Models.create(new VaeConfig("vae", encoder, decoder, EncoderType.DENSE, 1.0), 0L)) {
            assertThatThrownBy(() -> VaeEvaluator.evaluate(vae, digits(32, Transforms.scaleToSymmetric()), 2, manager,
                    new Rng(1)))
                    .isInstanceOf(DataContractException.class)
                    .hasMessageContaining("expects values in [0, 1]")
                    .hasMessageContaining("'binarize' or 'scale01'");
            assertThat(VaeEvaluator.evaluate(vae, digits(32, Transforms.binarise()), 2, manager, new Rng(1)).examples())
                    .isEqualTo(32);
        }
    }
}
