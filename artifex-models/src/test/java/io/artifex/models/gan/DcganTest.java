package io.artifex.models.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.artifex.core.model.Batch;
import io.artifex.core.model.TrainingPhase;
import io.artifex.core.random.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's DCGAN builds reference network #2 exactly; geometry, sampling and batch norm behave. */
class DcganTest {

    @Test
    void seedConfigBuildsReferenceNetworkTwo() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Gan gan = (Gan) GanFixtures.create(GanFixtures.seedDcgan(), manager, 1);
            assertThat(gan.parameterCount()).isEqualTo(3_923_010L);
            List<ConvLayerSpec> g = GanGeometry.generatorLayers(GanFixtures.seedDcgan().generator());
            assertThat(GanGeometry.generatorStart(GanFixtures.seedDcgan().generator())).isEqualTo(new Shape(3, 3));
            assertThat(g).extracting(s -> s.kernel().get(0)).containsExactly(3L, 4L, 4L);
            assertThat(g).extracting(s -> s.padding().get(0)).containsExactly(0L, 1L, 1L);
            assertThat(g).extracting(s -> s.outSize().get(0)).containsExactly(7L, 14L, 28L);
            List<ConvLayerSpec> d = GanGeometry.discriminatorLayers(GanFixtures.seedDcgan().discriminator(), 0);
            assertThat(d).extracting(s -> s.kernel().get(0)).containsExactly(4L, 4L, 3L, 3L);
            assertThat(d).extracting(s -> s.padding().get(0)).containsExactly(1L, 1L, 1L, 1L);
            assertThat(d).extracting(s -> s.outSize().get(0)).containsExactly(14L, 7L, 4L, 2L);
            // generator: 2,311,553 and discriminator: 1,611,457 (BN scale+shift counted, running stats not)
            long gCount = gan.generator().getParameters().values().stream()
                    .filter(io.artifex.core.model.ParameterGroup::isLearned).mapToLong(p -> p.getArray().size()).sum();
            assertThat(gCount).isEqualTo(2_311_553L);
            NDArray x = gan.generate(2, manager, new Rng(3));
            assertThat(x.getShape()).isEqualTo(new Shape(2, 1, 28, 28));
            assertThat(x.abs().max().getFloat()).isLessThanOrEqualTo(1f);
            List<TrainingPhase> phases = gan.trainingPhases();
            assertThat(phases).extracting(TrainingPhase::name).containsExactly("discriminator", "generator");
            assertThat(phases).extracting(TrainingPhase::optimizer).containsExactly("discriminator", "generator");
        }
    }

    @Test
    void generatorReachesTheOutputSizeForOtherShapesAndDepths() {
        int[][] cases = {{3, 32, 32, 3}, {1, 28, 28, 3}, {1, 28, 28, 2}, {3, 20, 24, 3}, {1, 7, 7, 1}};
        for (int[] c : cases) {
            List<Integer> widths = List.of(32, 16, 8).subList(0, c[3]);
            ConvGeneratorConfig g = ConvGeneratorConfig.builder().name("g").latentDim(4).hiddenDims(widths)
                    .outputShape(List.of(c[1], c[2], c[0])).build();
            ConvDiscriminatorConfig d = ConvDiscriminatorConfig.builder().name("d").hiddenDims(List.of(4, 8, 8))
                    .inputShape(List.of(c[1], c[2], c[0])).build();
            try (NDManager manager = NDManager.newBaseManager()) {
                Gan gan = (Gan) GanFixtures.create(new io.artifex.models.gan.DcganConfig("t", g, d), manager, 2);
                NDArray x = gan.generate(2, manager, new Rng(1));
                assertThat(x.getShape()).as("case %s", java.util.Arrays.toString(c))
                        .isEqualTo(new Shape(2, c[0], c[1], c[2]));
                StepContextHolder ctx = new StepContextHolder(manager);
                NDArray logits = gan.discriminatorOutput(x, null, ctx.store(), false);
                assertThat(logits.getShape()).isEqualTo(new Shape(2));
            }
        }
    }

    @Test
    void validPaddingInTheGeneratorIsRejectedWithTheField() {
        ConvGeneratorConfig g = ConvGeneratorConfig.builder().name("g").latentDim(4).hiddenDims(List.of(8, 4))
                .outputShape(List.of(8, 8, 1)).padding(Padding.VALID).build();
        assertThatThrownBy(() -> GanGeometry.generatorLayers(g)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("generator.padding");
        ConvGeneratorConfig deep = ConvGeneratorConfig.builder().name("g").latentDim(4)
                .hiddenDims(List.of(8, 8, 8, 8, 8)).outputShape(List.of(8, 8, 1)).build();
        assertThatThrownBy(() -> GanGeometry.generatorLayers(deep)).hasMessageContaining("generator.hiddenDims");
    }

    @Test
    void batchNormLearnsRunningStatisticsAndSamplingUsesThem() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Gan gan = (Gan) GanFixtures.create(GanFixtures.tinyDcgan(GanLoss.NON_SATURATING, true, false, 0, 0),
                    manager, 5);
            Parameter runningMean = gan.generator().getParameters().values().stream()
                    .filter(p -> p.getType() == Parameter.Type.RUNNING_MEAN).findFirst().orElseThrow();
            float before = runningMean.getArray().abs().sum().getFloat();
            NDArray z = gan.samplePrior(6, manager, new Rng(9));
            NDArray early = gan.decode(z, manager);
            for (int i = 0; i < 3; i++) {
                try (NDManager step = manager.newSubManager()) {
                    Batch batch = Batch.of(new Rng(i).uniform(step, -1f, 1f, new Shape(8, 1, 12, 12)));
                    for (TrainingPhase phase : gan.trainingPhases()) {
                        PhaseRunner.run(gan, phase, batch, step, i, 0.01f, false);
                    }
                }
            }
            assertThat(runningMean.getArray().abs().sum().getFloat()).isGreaterThan(before);
            NDArray all = gan.decode(z, manager);
            assertThat(all.sub(early).abs().max().getFloat()).isGreaterThan(0f);
            // eval mode: one sample alone equals the same sample inside a batch
            NDArray alone = gan.decode(z.get(new NDIndex("2:3")), manager);
            assertThat(alone.sub(all.get(new NDIndex("2:3"))).abs().max().getFloat()).isLessThan(1e-5f);
            // same seed, same samples
            NDArray a = gan.generate(3, manager, new Rng(4));
            NDArray b = gan.generate(3, manager, new Rng(4));
            assertThat(a.sub(b).abs().max().getFloat()).isEqualTo(0f);
        }
    }
}
