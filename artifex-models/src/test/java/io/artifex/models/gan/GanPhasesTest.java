package io.artifex.models.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.artifex.core.model.Batch;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ParameterGroup;
import io.artifex.core.model.TrainingPhase;
import io.artifex.core.random.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each phase updates only its own network, and leaves no gradient on the other. */
class GanPhasesTest {

    @Test
    void discriminatorPhaseLeavesGeneratorWeightsAndGradientsUntouchedAndViceVersa() {
        for (GanLoss loss : GanLoss.values()) {
            boolean bn = loss != GanLoss.WASSERSTEIN_GP;
            try (NDManager manager = NDManager.newBaseManager()) {
                BaseGan gan = (BaseGan) GanFixtures.create(GanFixtures.tinyDcgan(loss, bn, loss == GanLoss.HINGE, 3,
                        loss == GanLoss.LEAST_SQUARES ? 1.0 : 0.0), manager, 7);
                List<TrainingPhase> phases = gan.trainingPhases();
                assertThat(phases.get(0).repeats()).isEqualTo(1);
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = new Rng(1).uniform(step, -1f, 1f, new Shape(6, 1, 12, 12));
                    Batch batch = Batch.of(x, step.create(new long[] {0, 1, 2, 0, 1, 2}));
                    check(gan, phases.get(0), gan.generator(), gan.discriminator(), batch, step);
                    check(gan, phases.get(1), gan.discriminator(), gan.generator(), batch, step);
                }
            }
        }
    }

    private static void check(BaseGan gan, TrainingPhase phase, Block frozen, Block updated, Batch batch,
                              NDManager step) {
        List<float[]> frozenBefore = learned(frozen);
        List<float[]> updatedBefore = learned(updated);
        LossResult result = PhaseRunner.run(gan, phase, batch, step, 3, 0.05f, true);
        assertThat(result.total().getFloat()).isFinite();
        List<float[]> frozenAfter = learned(frozen);
        for (int i = 0; i < frozenBefore.size(); i++) {
            assertThat(frozenAfter.get(i)).as(phase.name() + " phase changed a frozen weight").isEqualTo(frozenBefore.get(i));
        }
        for (Parameter p : frozen.getParameters().values()) {
            if (ParameterGroup.isLearned(p) && p.getArray().hasGradient()) {
                assertThat(p.getArray().getGradient().abs().sum().getFloat()).as("gradient on frozen " + p.getName())
                        .isEqualTo(0f);
            }
        }
        List<float[]> updatedAfter = learned(updated);
        boolean changed = false;
        for (int i = 0; i < updatedBefore.size(); i++) {
            changed |= !java.util.Arrays.equals(updatedBefore.get(i), updatedAfter.get(i));
        }
        assertThat(changed).as(phase.name() + " phase updated its own network").isTrue();
        PhaseRunner.zeroGradients(gan.network().getParameters().values().stream()
                .filter(ParameterGroup::isLearned).toList());
    }

    private static List<float[]> learned(Block block) {
        return block.getParameters().values().stream().filter(ParameterGroup::isLearned)
                .map(p -> p.getArray().toFloatArray()).toList();
    }
}
