package io.artifex.models.autoregressive.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.artifex.core.model.Batch;
import io.artifex.core.model.StepContext;
import io.artifex.core.random.Rng;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The gradient of the loss of a one-block model (padding on) against central finite differences,
 * for entries of every kind of parameter: the tied token embedding (input and output), the
 * position table, both LayerNorms, the q/k/v and output projections, the MLP and the final norm.
 * Weights are set to values in [-0.5, 0.5] so that attention is far from uniform and every
 * gradient is sizeable. Planted bug caught: the attention weights detached from the graph
 * ({@code softmax(...).stopGradient()}), which zeroes the query and key gradients.
 */
class TransformerGradientTest {

    private static final String[] CHECKED = {"tokenEmbedding", "positionEmbedding", "b0_norm1_gamma", "b0_qkv_weight",
        "b0_qkv_bias", "b0_proj_weight", "b0_norm2_beta", "b0_fc1_weight", "b0_fc2_weight", "final_gamma"};

    @Test
    void lossGradientsMatchCentralDifferences() {
        TransformerConfig config = TransformerConfig.builder().name("grad").vocabSize(5).contextLength(4).numLayers(1)
                .numHeads(2).width(4).mlpWidth(8).dropout(0.0).padTokenId(4).build();
        try (NDManager manager = NDManager.newBaseManager(); TransformerLm lm = TransformerFixtures.create(config, manager, 0)) {
            SplittableRandom random = new SplittableRandom(3);
            for (Parameter p : lm.network().getParameters().values()) {
                float[] values = new float[(int) p.getArray().size()];
                for (int i = 0; i < values.length; i++) {
                    double u = random.nextDouble() - 0.5;
                    values[i] = (float) (p.getType() == Parameter.Type.GAMMA ? 1 + 0.6 * u : u);
                }
                TransformerFixtures.set(lm, p.getName(), values);
            }
            Batch batch = Batch.of(manager.create(new int[] {0, 2, 3, 1, 2, 3, 3, 0, 4, 4}, new Shape(2, 5)));
            float[][] analytic = new float[CHECKED.length][];
            try (NDManager step = manager.newSubManager(); GradientCollector collector = manager.getEngine().newGradientCollector()) {
                StepContext context = new StepContext(step, new ParameterStore(step, false), new Rng(0), true, 0);
                collector.backward(lm.loss(batch, lm.forward(batch, context), context).total());
                for (int c = 0; c < CHECKED.length; c++) {
                    analytic[c] = lm.network().getParameters().get(CHECKED[c]).getArray().getGradient().toFloatArray();
                }
            }
            float h = 1e-2f;
            int compared = 0;
            for (int c = 0; c < CHECKED.length; c++) {
                NDArray w = lm.network().getParameters().get(CHECKED[c]).getArray();
                float[] flat = w.toFloatArray();
                for (int i = 0; i < flat.length; i += Math.max(1, flat.length / 3)) {
                    double numeric = (lossWith(lm, batch, manager, CHECKED[c], flat, i, flat[i] + h)
                            - lossWith(lm, batch, manager, CHECKED[c], flat, i, flat[i] - h)) / (2 * h);
                    TransformerFixtures.set(lm, CHECKED[c], flat);
                    assertThat((double) analytic[c][i]).as("%s[%d]", CHECKED[c], i)
                            .isCloseTo(numeric, within(2e-3 + 0.02 * Math.abs(numeric)));
                    compared += Math.abs(numeric) > 1e-3 ? 1 : 0;
                }
            }
            assertThat(compared).as("entries with a sizeable gradient").isGreaterThan(20);
        }
    }

    private static double lossWith(TransformerLm lm, Batch batch, NDManager manager, String name, float[] flat, int i,
                                   float value) {
        float[] changed = flat.clone();
        changed[i] = value;
        TransformerFixtures.set(lm, name, changed);
        try (NDManager step = manager.newSubManager()) {
            StepContext context = StepContext.inference(step, new Rng(0));
            return lm.loss(batch, lm.forward(batch, context), context).total().getFloat();
        }
    }
}
