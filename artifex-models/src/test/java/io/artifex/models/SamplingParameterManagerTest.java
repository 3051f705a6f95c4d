package io.artifex.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.PreviewSampling;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sampling leaves no arrays behind on the manager that holds a model's parameters. A layer that
 * computes from a parameter first ({@code bias.reshape(...)}, {@code logScale.exp()}) creates its
 * result on that manager, which lives as long as the model: a service that samples from one
 * loaded model for days would grow without bound. The training-side twin of this check is
 * {@code ParameterManagerGrowthTest} in artifex-eval.
 */
class SamplingParameterManagerTest {

    private static int ownArrays(NDManager manager) {
        int own = 0;
        for (NDArray array : manager.getManagedArrays()) {
            own += array.getManager() == manager ? 1 : 0;
        }
        return own;
    }

    @ParameterizedTest
    @ValueSource(strings = {"vae", "dcgan", "pixelcnn", "ddpm", "transformer", "wavenet", "realnvp", "glow", "maf", "ebm", "vqvae"})
    void samplingLeavesTheParameterManagerAsItWas(String family) {
        try (GenerativeModel model = Models.create(TinyModels.config(family), 5)) {
            NDManager parameters = model.network().getParameters().valueAt(0).getArray().getManager();
            List<Integer> counts = new ArrayList<>();
            for (int call = 0; call < 4; call++) {
                try (NDManager target = model.manager().newSubManager()) {
                    PreviewSampling.previewOf(model, 2, target, new Rng(call)).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                            .toFloatArray();
                }
                counts.add(ownArrays(parameters));
            }
            // the first call may create lasting state (a cache, a data-dependent initialisation)
            assertThat(counts.subList(1, 4)).as("arrays on the parameters' manager after sampling calls 2-4 of %s", family)
                    .containsOnly(counts.get(0));
        }
    }
}
