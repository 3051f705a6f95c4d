package io.artifex.models.energy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.artifex.core.config.training.CheckpointConfig;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.random.Rng;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.callbacks.CheckpointCallback;
import io.artifex.training.checkpoint.Checkpoint;
import io.artifex.training.checkpoint.CheckpointIO;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay buffer travels in trainer checkpoints, so a resumed run continues the same chains. */
class EbmCheckpointTest {

    @TempDir
    Path dir;

    private TrainerConfig config(long maxSteps, int everySteps) {
        return TrainerConfig.builder().epochs(10).maxSteps(maxSteps).batchSize(16).seed(11)
                .optimizer(OptimizerConfig.adam(1e-3, 0.0, 0.999)).validateEvery(0)
                .checkpoint(CheckpointConfig.builder().enabled(everySteps > 0).directory(dir.resolve("ckpt").toString())
                        .everySteps(everySteps).everyEpochs(0).keepLast(2).saveBest(false).monitor("loss").build())
                .build();
    }

    /**
     * The tiny EBM with its domain widened to [-3, 3]: the eight modes of radius 2 with noise 0.1
     * reach beyond [-2, 2], and the trainer refuses data outside the model's MCMC domain.
     */
    private static Ebm model(long seed, NDManager manager) {
        EbmConfig tiny = EbmTest.tiny(2, 64, 0.05, 5);
        McmcConfig m = tiny.mcmc();
        McmcConfig wide = new McmcConfig(m.name(), m.nSteps(), m.stepSize(), m.noiseScale(), m.gradClip(), -3.0, 3.0,
                m.sampler(), m.leapfrogSteps());
        return (Ebm) new EbmFamily().create(tiny.withMcmc(wide), manager.newSubManager(), new Rng(seed));
    }

    private static Map<String, float[]> state(Ebm model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : model.network().getParameters()) {
            out.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    @Test
    void resumingFromACheckpointRestoresTheBufferAndContinuesTheSameChains() {
        PointSource data = new PointSource(PointSource.eightGaussians(64, 0.1, 3), 16, 5);
        Map<String, float[]> whole;
        Map<String, float[]> atFour;
        Map<String, float[]> resumed;
        try (NDManager manager = NDManager.newBaseManager()) {
            try (Ebm m = model(0, manager)) {
                float[] initialBuffer = m.replayBuffer().contents(manager).toFloatArray();
                new Trainer(config(8, 0)).fit(m, data, null);
                whole = state(m);
                assertThat(whole.get(bufferKey(whole))).isNotEqualTo(initialBuffer);
            }
            TrainerConfig first = config(4, 4);
            Path atFourSteps = CheckpointCallback.pathFor(first.checkpoint(), 4);
            try (Ebm m = model(0, manager)) {
                TrainingResult r = new Trainer(first).fit(m, data, null);
                assertThat(r.checkpoints()).containsExactly(atFourSteps);
                assertThat(r.steps()).isEqualTo(4);
                atFour = state(m);
            }
            try (NDManager loading = NDManager.newBaseManager()) {
                Checkpoint c = CheckpointIO.read(atFourSteps, loading);
                String key = bufferKey(atFour);
                NDArray saved = c.parameters().get(key);
                assertThat(saved.getShape()).isEqualTo(new Shape(64, 2));
                assertThat(saved.toFloatArray()).containsExactly(atFour.get(key));
            }
            try (Ebm fresh = model(99, manager)) { // other weights and another buffer: all must come from the checkpoint
                assertThat(state(fresh).get(bufferKey(whole))).isNotEqualTo(atFour.get(bufferKey(whole)));
                new Trainer(config(8, 0)).resume(atFourSteps, fresh, data, null);
                resumed = state(fresh);
            }
        }
        assertThat(resumed.keySet()).containsExactlyElementsOf(whole.keySet());
        whole.forEach((k, v) -> assertThat(resumed.get(k)).as(k).containsExactly(v));
    }

    private static String bufferKey(Map<String, float[]> state) {
        return state.keySet().stream().filter(k -> k.endsWith(EbmNetwork.BUFFER)).findFirst().orElseThrow();
    }
}
