package io.artifex.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkModelsTest {

    @Test
    void builtInTableFollowsTheSpecAndAbsentFamiliesAreLeftOut() {
        assertThat(BenchmarkModels.BUILT_IN.keySet()).containsExactly("vae", "dcgan", "ddpm", "realnvp", "ebm", "pixelcnn", "glow",
                "gated-pixelcnn", "ddpm-small", "ddpm-small-cond", "dcgan-cond", "ddpm-tiny-cond", "ddpm-tiny");
        BenchmarkModels available = BenchmarkModels.available();
        assertThat(available.ids()).contains("vae");
        for (String id : available.ids()) {
            assertThat(available.get(id).id()).isEqualTo(id);
        }
        assertThat(available.select(List.of())).extracting(BenchmarkModel::id).containsExactlyElementsOf(available.ids());
    }

    @Test
    void vaeEntryIsReferenceNetworkOne() {
        VaeBenchmark vae = new VaeBenchmark();
        assertThat(vae.expectedParameters()).isEqualTo(517_904L);
        assertThat(vae.samplingWorkloads()).extracting(SamplingWorkload::samples).containsExactly(64);
        assertThat(vae.data().dataset()).isEqualTo("mnist");
        assertThat(vae.data().preprocessing().name()).isEqualTo("BINARIZE");
        assertThat(vae.trainer(64, 3).optimizerFor("default").learningRate()).isEqualTo(1e-3);
    }

    @Test
    void unknownIdsAndDuplicatesAreRefused() {
        BenchmarkModels models = BenchmarkModels.of(List.of(new VaeBenchmark()));
        assertThatThrownBy(() -> models.get("ddpm")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown benchmark model 'ddpm'; valid models: vae");
        assertThatThrownBy(() -> BenchmarkModels.of(List.of(new VaeBenchmark(), new WrongCountVae(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'vae' appears twice");
    }
}
