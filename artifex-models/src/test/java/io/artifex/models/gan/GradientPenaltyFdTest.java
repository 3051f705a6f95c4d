package io.artifex.models.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.artifex.core.config.ActivationType;
import io.artifex.core.model.Batch;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.PhaseObjective;
import io.artifex.core.model.StepContext;
import io.artifex.core.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * WGAN-GP at the GAN-loss level on a tiny tanh critic: the reported penalty equals one built
 * from finite-difference input gradients, and the discriminator loss's gradient with respect to
 * critic weights (second order through the penalty) equals central finite differences.
 */
class GradientPenaltyFdTest {

    private static final long SEED = 11;

    @Test
    void penaltyValueAndWeightGradientMatchFiniteDifferences() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BaseGan gan = (BaseGan) GanFixtures.create(io.artifex.models.gan.MlpGanConfig.builder().name("fd").latentDim(3)
                    .dataDim(2).generatorHiddenDims(8).discriminatorHiddenDims(6).activation(ActivationType.TANH)
                    .loss(GanLoss.WASSERSTEIN_GP).r1Weight(0.5).build(), manager, 3);
            PhaseObjective objective = gan.trainingPhases().get(0).objective();
            NDArray real = new Rng(2).normal(manager, new Shape(5, 2));
            Batch prepared;
            try (NDManager s = manager.newSubManager()) {
                prepared = objective.prepare(Batch.of(real), ctx(s));
                prepared.x().attach(manager);
            }
            float[] x = prepared.x().toFloatArray();

            // penalty and R1 from finite-difference input gradients of the critic
            Rng rng = new Rng(SEED);
            NDArray e = rng.uniform(manager, 0f, 1f, new Shape(5, 1));
            float[] ev = e.toFloatArray();
            double gp = 0;
            double r1 = 0;
            for (int i = 0; i < 5; i++) {
                float[] hat = new float[2];
                float[] rl = new float[2];
                for (int j = 0; j < 2; j++) {
                    hat[j] = ev[i] * x[2 * i + j] + (1 - ev[i]) * x[10 + 2 * i + j];
                    rl[j] = x[2 * i + j];
                }
                double[] g = inputGradient(gan, manager, hat);
                double[] gr = inputGradient(gan, manager, rl);
                gp += Math.pow(Math.hypot(g[0], g[1]) - 1, 2) / 5;
                r1 += (gr[0] * gr[0] + gr[1] * gr[1]) / 5;
            }

            Parameter w = gan.discriminator().getParameters().values().stream()
                    .filter(p -> p.getType() == Parameter.Type.WEIGHT).findFirst().orElseThrow();
            float analytic;
            LossResult result;
            try (NDManager s = manager.newSubManager();
                 GradientCollector c = manager.getEngine().newGradientCollector()) {
                result = objective.loss(prepared, ctx(s));
                assertThat(result.terms().get("gradientPenalty").getFloat()).isCloseTo((float) gp, within(2e-3f));
                assertThat(result.terms().get("r1").getFloat()).isCloseTo((float) r1, within(2e-3f));
                c.backward(result.total());
                analytic = w.getArray().getGradient().getFloat(1, 0);
            }
            float h = 2e-3f;
            float base = w.getArray().getFloat(1, 0);
            float plus = lossWith(objective, prepared, manager, w, base + h);
            float minus = lossWith(objective, prepared, manager, w, base - h);
            w.getArray().set(new ai.djl.ndarray.index.NDIndex(1, 0), base);
            float numeric = (plus - minus) / (2 * h);
            assertThat(analytic).isCloseTo(numeric, within(2e-2f * Math.max(1f, Math.abs(numeric))));
            assertThat(Math.abs(numeric)).isGreaterThan(1e-3f);
        }
    }

    private static StepContext ctx(NDManager s) {
        return new StepContext(s, new ParameterStore(s, false), new Rng(SEED), true, 0);
    }

    private static float lossWith(PhaseObjective objective, Batch prepared, NDManager manager, Parameter w, float v) {
        w.getArray().set(new ai.djl.ndarray.index.NDIndex(1, 0), v);
        try (NDManager s = manager.newSubManager();
             GradientCollector c = manager.getEngine().newGradientCollector()) {
            float value = objective.loss(prepared, ctx(s)).total().getFloat();
            return value;
        }
    }

    private static double[] inputGradient(BaseGan gan, NDManager manager, float[] point) {
        double h = 1e-2;
        double[] g = new double[2];
        for (int j = 0; j < 2; j++) {
            float[] p = point.clone();
            p[j] += (float) h;
            float[] m = point.clone();
            m[j] -= (float) h;
            g[j] = (critic(gan, manager, p) - critic(gan, manager, m)) / (2 * h);
        }
        return g;
    }

    private static double critic(BaseGan gan, NDManager manager, float[] point) {
        try (NDManager s = manager.newSubManager()) {
            return gan.discriminatorOutput(s.create(point, new Shape(1, 2)), null, new ParameterStore(s, false), false)
                    .getFloat(0);
        }
    }
}
