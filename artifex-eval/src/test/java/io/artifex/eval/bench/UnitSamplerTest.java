package io.artifex.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ActivationType;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.models.energy.EbmConfig;
import io.artifex.models.energy.EnergyNetworkConfig;
import io.artifex.models.energy.McmcConfig;
import io.artifex.models.energy.SampleBufferConfig;
import io.artifex.models.flow.MafConfig;
import io.artifex.models.vae.DecoderConfig;
import io.artifex.models.vae.EncoderConfig;
import io.artifex.models.vae.EncoderType;
import io.artifex.models.vae.VaeConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sample metrics bring a model's samples to [0, 1] by its data contract, or refuse the model. */
class UnitSamplerTest {

    @Test
    void symmetricModelsAreMappedToTheUnitRangeAndUnitModelsPassUnchanged() {
        EbmConfig ebm = new EbmConfig("ebm", 784, new EnergyNetworkConfig("e", List.of(8), ActivationType.SILU),
                new McmcConfig("m", 2, 0.01), new SampleBufferConfig("b", 16));
        EncoderConfig encoder = new EncoderConfig("e", List.of(28, 28, 1), 2, List.of(8), ActivationType.RELU);
        DecoderConfig decoder = new DecoderConfig("d", 2, List.of(28, 28, 1), List.of(8), ActivationType.RELU);
        try (NDManager manager = NDManager.newBaseManager();
             GenerativeModel symmetric = Models.create(ebm, 0L);
             GenerativeModel unit = Models.create(new VaeConfig("vae", encoder, decoder, EncoderType.DENSE, 1.0), 0L)) {
            float[] raw = symmetric.generate(3, manager, new Rng(7)).toFloatArray();
            float[] mapped = SampleMetrics.unitSampler(symmetric).sample(3, manager, new Rng(7)).toFloatArray();
            assertThat(mapped).hasSameSizeAs(raw);
            for (int i = 0; i < raw.length; i++) {
                assertThat(mapped[i]).isCloseTo((raw[i] + 1f) / 2f, within(1e-6f));
            }
            assertThat(SampleMetrics.unitSampler(unit).sample(3, manager, new Rng(7)).toFloatArray())
                    .containsExactly(unit.generate(3, manager, new Rng(7)).toFloatArray());
        }
    }

    @Test
    void aRealValuedModelIsRefusedNamingItsContract() {
        try (GenerativeModel maf = Models.create(new MafConfig("maf", 2, 1, List.of(8)), 0L)) {
            assertThatThrownBy(() -> SampleMetrics.unitSampler(maf))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Maf 'maf' reads any finite real values");
        }
    }
}
