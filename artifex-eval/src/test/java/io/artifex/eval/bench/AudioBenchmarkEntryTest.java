package io.artifex.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.data.BatchSource;
import io.artifex.core.model.Batch;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelRegistry;
import io.artifex.models.autoregressive.wavenet.WaveNetConfig;
import org.junit.jupiter.api.Test;

/**
 * The entry of reference network #8 (WaveNet on audio): it reads, pins the spec's 546,240
 * parameters, builds a network of exactly that many with the spec's receptive field of 512, and the
 * harness serves it mu-law clips of the embedded audio. Planted once: {@code testImages} not
 * excluding audio (the harness reached for image files and threw). It would also catch a layer's
 * residual or skip convolution dropped or a bias removed (the count changes) and float samples
 * served instead of codes (the dtype).
 */
class AudioBenchmarkEntryTest {

    @Test
    void theWaveNetEntryIsReferenceNetworkEightWithItsPinnedCount() {
        BenchmarkModel entry = BenchmarkModels.available().get("wavenet");
        assertThat(entry.source()).endsWith("benchmarks/wavenet.yaml");
        assertThat(entry.specNetwork()).hasValue(8);
        assertThat(entry.expectedParameters()).isEqualTo(546_240L);
        assertThat(entry.data().dataset()).isEqualTo("audio");
        WaveNetConfig config = (WaveNetConfig) entry.config();
        assertThat(config.receptiveField()).isEqualTo(512);
        assertThat(entry.trainer(4, 0).optimizerFor("default").type()).isEqualTo(OptimizerType.ADAM);
        assertThat(entry.quality().likelihood()).isEqualTo(QualityPlan.Likelihood.BITS_PER_DIM);
        try (NDManager manager = NDManager.newBaseManager();
             GenerativeModel model = ModelRegistry.defaultRegistry().create(entry.config(), manager, new Rng(0))) {
            assertThat(model.parameterCount()).isEqualTo(546_240L);
            BatchSource train = BenchData.train(entry.data(), 4, 0, 0, true);
            Batch batch = train.epoch(0).next(manager);
            assertThat(batch.x().getShape()).isEqualTo(new Shape(4, 1, 4000));
            assertThat(batch.x().getDataType()).isEqualTo(DataType.INT32);
        }
        assertThat(BenchData.testImages(entry.data(), 0)).isNull();
        assertThatThrownBy(() -> BenchData.train(entry.data(), 16, 0, 0, true))
                .hasMessageContaining("batch size 16 exceeds the 4 audio clips of the train split");
    }
}
