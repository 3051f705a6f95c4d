package io.artifex.models.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every adversarial loss on fixed logits against its textbook formula written here in doubles,
 * and the discriminator phase's total (adversarial + lambda GP + gamma / 2 R1) on a critic made
 * linear on purpose, whose input gradient is known in closed form.
 */
class GanFormulaTest {

    private static final double[] REAL = {-1.5, 0.2, 2.0, -0.3};
    private static final double[] FAKE = {0.7, -2.2, 0.1, 1.4};

    private static double softplus(double v) {
        return Math.log1p(Math.exp(v));
    }

    private static double mean(double[] v, java.util.function.DoubleUnaryOperator f) {
        double s = 0;
        for (double x : v) {
            s += f.applyAsDouble(x);
        }
        return s / v.length;
    }

    private static double discriminatorByHand(GanLoss loss) {
        return switch (loss) {
            // -log sigmoid(r) - log(1 - sigmoid(f))
            case NON_SATURATING -> mean(REAL, r -> -Math.log(1 / (1 + Math.exp(-r))))
                    + mean(FAKE, f -> -Math.log(1 - 1 / (1 + Math.exp(-f))));
            case LEAST_SQUARES -> 0.5 * (mean(REAL, r -> (r - 1) * (r - 1)) + mean(FAKE, f -> f * f));
            case HINGE -> mean(REAL, r -> Math.max(0, 1 - r)) + mean(FAKE, f -> Math.max(0, 1 + f));
            case WASSERSTEIN_GP -> mean(FAKE, f -> f) - mean(REAL, r -> r);
        };
    }

    private static double generatorByHand(GanLoss loss) {
        return switch (loss) {
            case NON_SATURATING -> mean(FAKE, f -> -Math.log(1 / (1 + Math.exp(-f))));
            case LEAST_SQUARES -> 0.5 * mean(FAKE, f -> (f - 1) * (f - 1));
            case HINGE, WASSERSTEIN_GP -> -mean(FAKE, f -> f);
        };
    }

    /** Kills a flipped hinge fake term, a changed LSGAN target, a flipped WGAN sign, and kin. */
    @Test
    void everyLossMatchesItsFormulaForBothNetworks() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray real = m.create(REAL).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            NDArray fake = m.create(FAKE).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            for (GanLoss loss : GanLoss.values()) {
                assertThat((double) GanLosses.discriminator(loss, real, fake).getFloat())
                        .as("discriminator %s", loss).isCloseTo(discriminatorByHand(loss), within(1e-5));
                assertThat((double) GanLosses.generator(loss, fake).getFloat())
                        .as("generator %s", loss).isCloseTo(generatorByHand(loss), within(1e-5));
            }
            // a sanity check of the hand formulas themselves: softplus form of the BCE
            assertThat(discriminatorByHand(GanLoss.NON_SATURATING))
                    .isCloseTo(mean(REAL, r -> softplus(-r)) + mean(FAKE, GanFormulaTest::softplus), within(1e-12));
        }
    }

    private static final float[][] W = {{0.6f, -0.4f}, {0.3f, 0.9f}, {-0.5f, 0.2f}};
    private static final float[] V = {1.4f, -2.2f, 0.8f};

    /**
     * The WGAN-GP critic with hidden biases of 30 keeps every ReLU pre-activation positive, so
     * D(x) = v . (W x + b) + c and grad_x D = W^T v everywhere: GP = (|W^T v| - 1)^2 and
     * R1 = |W^T v|^2 whatever the interpolates are. The total must be the adversarial term plus
     * lambda GP plus gamma / 2 R1 for several lambda and gamma (kills a sign error in how a
     * penalty enters the loss, and a dropped or misapplied weight, which a finite-difference
     * test of the same loss cannot see).
     */
    @Test
    void discriminatorTotalAddsTheWeightedPenaltiesOfALinearCritic() {
        double[] g = new double[2];
        for (int i = 0; i < 2; i++) {
            for (int h = 0; h < 3; h++) {
                g[i] += W[h][i] * V[h];
            }
        }
        double norm2 = g[0] * g[0] + g[1] * g[1];
        double gpByHand = Math.pow(Math.sqrt(norm2) - 1, 2);
        double[][] weights = {{10, 0}, {2.5, 0}, {10, 4}, {0, 3}};
        for (double[] lw : weights) {
            double lambda = lw[0];
            double gamma = lw[1];
            try (NDManager manager = NDManager.newBaseManager()) {
                BaseGan gan = (BaseGan) GanFixtures.create(MlpGanConfig.builder().name("linear").latentDim(2)
                        .dataDim(2).generatorHiddenDims(4).discriminatorHiddenDims(3).activation(ActivationType.RELU)
                        .loss(GanLoss.WASSERSTEIN_GP).gradientPenaltyWeight(lambda).r1Weight(gamma).build(),
                        manager, 5);
                List<Parameter> params = List.copyOf(gan.discriminator().getParameters().values());
                assertThat(params).hasSize(4);
                set(params.get(0), manager, new float[] {W[0][0], W[0][1], W[1][0], W[1][1], W[2][0], W[2][1]});
                set(params.get(1), manager, new float[] {30f, 30f, 30f});
                set(params.get(2), manager, V);
                set(params.get(3), manager, new float[] {0.25f});

                PhaseObjective objective = gan.trainingPhases().get(0).objective();
                NDArray real = new Rng(2).normal(manager, new Shape(4, 2));
                try (NDManager s = manager.newSubManager();
                     GradientCollector ignored = manager.getEngine().newGradientCollector()) {
                    StepContext ctx = new StepContext(s, new ParameterStore(s, false), new Rng(9), true, 0);
                    Batch prepared = objective.prepare(Batch.of(real), ctx);
                    float[] x = prepared.x().toFloatArray();
                    double adversarial = 0;
                    for (int row = 0; row < 8; row++) {
                        double d = 0.25;
                        for (int h = 0; h < 3; h++) {
                            double pre = 30 + W[h][0] * x[2 * row] + W[h][1] * x[2 * row + 1];
                            assertThat(pre).isPositive();
                            d += V[h] * pre;
                        }
                        adversarial += (row < 4 ? -d : d) / 4;
                    }
                    LossResult result = objective.loss(prepared, ctx);
                    double expected = adversarial + lambda * gpByHand + gamma / 2 * norm2;
                    assertThat((double) result.terms().get("adversarial").getFloat())
                            .isCloseTo(adversarial, within(2e-4));
                    if (lambda > 0) {
                        assertThat((double) result.terms().get("gradientPenalty").getFloat())
                                .isCloseTo(gpByHand, within(1e-5));
                    } else {
                        // a zero weight switches the penalty off: not computed, not reported
                        assertThat(result.terms()).doesNotContainKey("gradientPenalty");
                    }
                    if (gamma > 0) {
                        assertThat((double) result.terms().get("r1").getFloat()).isCloseTo(norm2, within(1e-5));
                    } else {
                        assertThat(result.terms()).doesNotContainKey("r1");
                    }
                    assertThat((double) result.total().getFloat()).as("total at lambda %s, gamma %s", lambda, gamma)
                            .isCloseTo(expected, within(5e-4));
                }
            }
        }
        assertThat(gpByHand).isGreaterThan(0.05);
        assertThat(norm2).isGreaterThan(0.1);
    }

    private static void set(Parameter p, NDManager m, float[] values) {
        NDArray array = p.getArray();
        array.set(new NDIndex("..."), m.create(values, array.getShape()));
    }
}
