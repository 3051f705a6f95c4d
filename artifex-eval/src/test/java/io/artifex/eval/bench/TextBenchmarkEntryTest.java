package io.artifex.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.WeightDecayScope;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelRegistry;
import io.artifex.models.autoregressive.transformer.TransformerConfig;
import org.junit.jupiter.api.Test;

/**
 * The entry of reference network #7 (the Transformer language model), one of the default entries:
 * it reads, pins the spec's 4,273,664 parameters
 * and builds a network of exactly that many, with the spec's optimizer. Planted bugs caught: a
 * layer of the spec's list missing or added (e.g. an output bias, an untied output matrix, an
 * MLP of another width), the pinned count edited to match.
 */
class TextBenchmarkEntryTest {

    @Test
    void theTransformerEntryIsReferenceNetworkSevenWithItsPinnedCount() {
        BenchmarkModel entry = BenchmarkModels.available().get("transformer");
        assertThat(entry.source()).endsWith("benchmarks/transformer.yaml");
        assertThat(entry.specNetwork()).hasValue(7);
        assertThat(entry.expectedParameters()).isEqualTo(4_273_664L);
        assertThat(entry.data().dataset()).isEqualTo("text");
        TransformerConfig config = (TransformerConfig) entry.config();
        assertThat(config.contextLength()).isEqualTo(256);
        assertThat(config.vocabSize()).isEqualTo(4096);
        var adamw = entry.trainer(32, 0).optimizerFor("default");
        assertThat(adamw.type()).isEqualTo(OptimizerType.ADAMW);
        assertThat(adamw.learningRate()).isEqualTo(3e-4);
        assertThat(adamw.beta2()).isEqualTo(0.95);
        assertThat(adamw.weightDecay()).isEqualTo(0.1);
        assertThat(adamw.weightDecayOn()).isEqualTo(WeightDecayScope.MATRICES);
        assertThat(entry.samplingWorkloads()).extracting(SamplingWorkload::samples).containsExactly(4);
        try (NDManager manager = NDManager.newBaseManager();
             GenerativeModel model = ModelRegistry.defaultRegistry().create(entry.config(), manager, new Rng(0))) {
            assertThat(model.parameterCount()).isEqualTo(entry.expectedParameters());
        }
        assertThat(entry.quality().likelihood()).isEqualTo(QualityPlan.Likelihood.TOKENS);
    }
}
