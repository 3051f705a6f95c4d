package io.artifex.models.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import org.junit.jupiter.api.Test;

class PredictionTargetsTest {

    private static float maxAbs(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    @Test
    void everyTargetConvertsBackToX0AndEpsilon() {
        try (NDManager m = NDManager.newBaseManager()) {
            Rng rng = new Rng(3);
            NDArray x0 = rng.normal(m, new Shape(4, 3));
            NDArray eps = rng.normal(m, new Shape(4, 3));
            NDArray a = m.create(new float[] {0.9f, 0.5f, 0.2f, 0.99f}, new Shape(4, 1));
            NDArray b = a.square().neg().add(1f).sqrt();
            NDArray xt = x0.mul(a).add(eps.mul(b));
            for (PredictionType type : PredictionType.values()) {
                NDArray target = PredictionTargets.target(type, x0, eps, a, b);
                assertThat(maxAbs(PredictionTargets.toX0(type, target, xt, a, b), x0)).as(type + " x0").isLessThan(1e-4f);
                assertThat(maxAbs(PredictionTargets.toEpsilon(type, target, xt, a, b), eps)).as(type + " eps")
                        .isLessThan(1e-4f);
            }
            NDArray v = PredictionTargets.target(PredictionType.V, x0, eps, a, b);
            assertThat(maxAbs(v, eps.mul(a).sub(x0.mul(b)))).isZero();
            assertThat(maxAbs(PredictionTargets.epsilonFromX0(x0, xt, a, b), eps)).isLessThan(1e-4f);
        }
    }

    @Test
    void minSnrWeightsGiveEveryTargetTheSameX0Weight() {
        double gamma = 5;
        for (double snr : new double[] {0.01, 1, 5, 100}) {
            double x0Weight = Math.min(snr, gamma);
            // the squared eps error is snr times the squared x0 error, so w_eps * snr is the x0 weight
            assertThat(PredictionTargets.minSnrWeight(PredictionType.EPSILON, snr, gamma) * snr)
                    .isCloseTo(x0Weight, within(1e-12));
            assertThat(PredictionTargets.minSnrWeight(PredictionType.X0, snr, gamma)).isCloseTo(x0Weight, within(1e-12));
            assertThat(PredictionTargets.minSnrWeight(PredictionType.V, snr, gamma) * (snr + 1))
                    .isCloseTo(x0Weight, within(1e-12));
            assertThat(PredictionTargets.minSnrWeight(PredictionType.V, snr, 0)).isEqualTo(1.0);
        }
    }
}
