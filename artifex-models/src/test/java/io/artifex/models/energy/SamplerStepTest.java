package io.artifex.models.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * One or two transitions of each sampler, replayed in plain Java double arithmetic: the
 * proposal, the Metropolis-Hastings log ratio (MALA's asymmetric proposal densities, HMC's
 * leapfrog and Hamiltonian), the accept decision against the same uniform draw, the domain
 * test and the reported acceptance rate. The Gaussian and uniform draws are reproduced by
 * drawing from an {@code Rng} with the same seed, in the sampler's order. The energy is
 * non-Gaussian, {@code E(x) = sum_i x_i^4 / 4 + c_i x_i^2 / 2}, with its gradient
 * {@code x_i^3 + c_i x_i} written by hand, so every chain's decision is checked against
 * independent mathematics. Each test takes a fraction of a second, unlike the moment tests of
 * {@link SamplerTest}.
 */
class SamplerStepTest {

    private static final double[] C = {0.5, 2.0};
    private static final int CHAINS = 64;

    /** The quartic energy through NDArray operations; its gradient comes from autograd. */
    private static final EnergyFunction QUARTIC = x -> {
        NDArray c = x.getManager().create(new float[] {(float) C[0], (float) C[1]}, new Shape(1, 2));
        NDArray sq = x.square();
        return Scalars.mul(sq.square(), 0.25).add(Scalars.mul(sq.mul(c), 0.5)).sum(new int[] {1});
    };

    private static double energy(double[] x) {
        double e = 0;
        for (int d = 0; d < 2; d++) {
            e += Math.pow(x[d], 4) / 4 + C[d] * x[d] * x[d] / 2;
        }
        return e;
    }

    private static double[] grad(double[] x) {
        return new double[] {x[0] * x[0] * x[0] + C[0] * x[0], x[1] * x[1] * x[1] + C[1] * x[1]};
    }

    private static double[] row(float[] flat, int i) {
        return new double[] {flat[2 * i], flat[2 * i + 1]};
    }

    private static boolean inside(double[] x, double min, double max) {
        return x[0] >= min && x[0] <= max && x[1] >= min && x[1] <= max;
    }

    /** Counts of the three outcomes a step test must all see, plus the decisions too close to call. */
    private static final class Outcomes {
        int accepted;
        int rejectedByRatio;
        int rejectedByDomain;
        int tooClose;
    }

    /**
     * Checks each chain's result is the hand-computed proposal when {@code log u < logAlpha} and
     * the proposal is inside the domain, and the old state otherwise.
     */
    private static void assertDecision(int i, double[] x, double[] proposal, double logAlpha, double logU,
                                       boolean inDomain, float[] got, Outcomes outcomes) {
        if (inDomain && Math.abs(logU - logAlpha) < 1e-3) {
            outcomes.tooClose++;
            return;
        }
        boolean accept = inDomain && logU < logAlpha;
        double[] expected = accept ? proposal : x;
        if (accept) {
            outcomes.accepted++;
        } else if (inDomain) {
            outcomes.rejectedByRatio++;
        } else {
            outcomes.rejectedByDomain++;
        }
        for (int d = 0; d < 2; d++) {
            assertThat((double) got[2 * i + d]).as("chain %d coordinate %d (accepted %s)", i, d, accept)
                    .isCloseTo(expected[d], within(2e-4 * (1 + Math.abs(expected[d]))));
        }
    }

    private static void assertAllOutcomesSeen(Outcomes o, double rate) {
        assertThat(o.tooClose).as("decisions within rounding of the threshold").isLessThanOrEqualTo(1);
        assertThat(o.accepted).as("accepted").isPositive();
        assertThat(o.rejectedByRatio).as("rejected by the Metropolis test").isPositive();
        assertThat(o.rejectedByDomain).as("rejected for leaving the domain").isPositive();
        if (o.tooClose == 0) {
            assertThat(rate).as("reported acceptance rate").isCloseTo(o.accepted / (double) CHAINS, within(1e-9));
        } else {
            assertThat(rate).isBetween(o.accepted / (double) CHAINS, (o.accepted + o.tooClose) / (double) CHAINS);
        }
    }

    @Test
    void malaStepIsTheLangevinProposalWithTheAsymmetricMetropolisHastingsTest() {
        double eps = 0.35;
        double min = -1.6;
        double max = 1.6;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray start = new Rng(2).uniform(m, -1.5f, 1.5f, new Shape(CHAINS, 2));
            ChainResult r = new MalaSampler(1, eps, new Domain(min, max)).run(QUARTIC, start, new Rng(31));
            Rng replay = new Rng(31);
            float[] noise = replay.normal(m, new Shape(CHAINS, 2)).toFloatArray();
            float[] u = replay.uniform(m, 0f, 1f, new Shape(CHAINS)).toFloatArray();
            float[] x0 = start.toFloatArray();
            float[] got = r.samples().toFloatArray();
            Outcomes outcomes = new Outcomes();
            for (int i = 0; i < CHAINS; i++) {
                double[] x = row(x0, i);
                double[] gx = grad(x);
                double[] y = new double[2];
                for (int d = 0; d < 2; d++) {
                    y[d] = x[d] - eps * gx[d] + Math.sqrt(2 * eps) * noise[2 * i + d];
                }
                double[] gy = grad(y);
                double forward = 0;
                double backward = 0;
                for (int d = 0; d < 2; d++) {
                    double f = y[d] - x[d] + eps * gx[d];
                    double b = x[d] - y[d] + eps * gy[d];
                    forward += f * f;
                    backward += b * b;
                }
                double logAlpha = energy(x) - energy(y) - backward / (4 * eps) + forward / (4 * eps);
                assertDecision(i, x, y, logAlpha, Math.log(u[i]), inside(y, min, max), got, outcomes);
            }
            assertAllOutcomesSeen(outcomes, r.acceptanceRate().getAsDouble());
            assertThat(r.steps()).isEqualTo(1);
        }
    }

    @Test
    void hmcStepIsLeapfrogIntegrationWithTheHamiltonianAcceptanceTest() {
        double eps = 0.3;
        int leapfrog = 3;
        double min = -1.6;
        double max = 1.6;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray start = new Rng(4).uniform(m, -1.5f, 1.5f, new Shape(CHAINS, 2));
            ChainResult r = new HmcSampler(1, eps, leapfrog, new Domain(min, max)).run(QUARTIC, start, new Rng(37));
            Rng replay = new Rng(37);
            float[] momentum = replay.normal(m, new Shape(CHAINS, 2)).toFloatArray();
            float[] u = replay.uniform(m, 0f, 1f, new Shape(CHAINS)).toFloatArray();
            float[] x0 = start.toFloatArray();
            float[] got = r.samples().toFloatArray();
            Outcomes outcomes = new Outcomes();
            for (int i = 0; i < CHAINS; i++) {
                double[] x = row(x0, i);
                double[] p0 = row(momentum, i);
                double[] q = x.clone();
                double[] p = p0.clone();
                for (int l = 0; l < leapfrog; l++) {
                    double[] g = grad(q);
                    for (int d = 0; d < 2; d++) {
                        p[d] -= eps / 2 * g[d];
                        q[d] += eps * p[d];
                    }
                    g = grad(q);
                    for (int d = 0; d < 2; d++) {
                        p[d] -= eps / 2 * g[d];
                    }
                }
                double hStart = energy(x) + (p0[0] * p0[0] + p0[1] * p0[1]) / 2;
                double hEnd = energy(q) + (p[0] * p[0] + p[1] * p[1]) / 2;
                assertDecision(i, x, q, hStart - hEnd, Math.log(u[i]), inside(q, min, max), got, outcomes);
            }
            assertAllOutcomesSeen(outcomes, r.acceptanceRate().getAsDouble());
        }
    }

    /**
     * Two unadjusted steps (no clip, no domain) replayed by hand: the second step starts from the
     * first one's result and uses the second Gaussian draw.
     */
    @Test
    void twoUnadjustedLangevinStepsChainTheUpdateWithFreshNoise() {
        double eps = 0.05;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray start = new Rng(6).uniform(m, -1.5f, 1.5f, new Shape(8, 2));
            ChainResult r = LangevinSampler.unadjusted(2, eps).run(QUARTIC, start, new Rng(41));
            assertThat(r.acceptanceRate()).isEmpty();
            assertThat(r.steps()).isEqualTo(2);
            Rng replay = new Rng(41);
            float[] noise1 = replay.normal(m, new Shape(8, 2)).toFloatArray();
            float[] noise2 = replay.normal(m, new Shape(8, 2)).toFloatArray();
            float[] x0 = start.toFloatArray();
            float[] got = r.samples().toFloatArray();
            for (int i = 0; i < 8; i++) {
                double[] x = row(x0, i);
                for (float[] noise : new float[][] {noise1, noise2}) {
                    double[] g = grad(x);
                    for (int d = 0; d < 2; d++) {
                        x[d] = x[d] - eps * g[d] + Math.sqrt(2 * eps) * noise[2 * i + d];
                    }
                }
                for (int d = 0; d < 2; d++) {
                    assertThat((double) got[2 * i + d]).as("chain %d coordinate %d", i, d).isCloseTo(x[d], within(1e-4));
                }
            }
        }
    }

    /** With no noise, a clip and a domain, Langevin is clipped gradient descent clamped to the box. */
    @Test
    void noiseFreeLangevinIsClippedGradientDescentInsideTheBox() {
        double eps = 0.4;
        double clip = 0.8;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray start = m.create(new float[] {1.4f, -1.3f, 0.2f, 0.3f, -0.5f, 1.45f}, new Shape(3, 2));
            ChainResult r = new LangevinSampler(3, eps, 0, clip, new Domain(-1, 1)).run(QUARTIC, start, new Rng(0));
            float[] x0 = start.toFloatArray();
            float[] got = r.samples().toFloatArray();
            for (int i = 0; i < 3; i++) {
                double[] x = row(x0, i);
                for (int step = 0; step < 3; step++) {
                    double[] g = grad(x);
                    for (int d = 0; d < 2; d++) {
                        double clipped = Math.max(-clip, Math.min(clip, g[d]));
                        x[d] = Math.max(-1, Math.min(1, x[d] - eps * clipped));
                    }
                }
                for (int d = 0; d < 2; d++) {
                    assertThat((double) got[2 * i + d]).as("chain %d coordinate %d", i, d).isCloseTo(x[d], within(1e-5));
                }
            }
        }
    }

    /** Each sampler accepts the smallest valid settings and refuses the first invalid one, naming it. */
    @Test
    void argumentEdgesAreAcceptedOrRefusedByName() {
        assertThat(new LangevinSampler(1, 1e-9, 0, 0, Domain.unbounded()).steps()).isEqualTo(1);
        assertThat(new MalaSampler(1, 1e-9, Domain.unbounded()).steps()).isEqualTo(1);
        assertThat(new HmcSampler(2, 1e-9, 1, Domain.unbounded()).steps()).isEqualTo(2);
        assertThatThrownBy(() -> new LangevinSampler(0, 0.1, 0, 0, Domain.unbounded())).hasMessageContaining("steps");
        assertThatThrownBy(() -> new LangevinSampler(1, 0, 0, 0, Domain.unbounded())).hasMessageContaining("stepSize");
        assertThatThrownBy(() -> new LangevinSampler(1, Double.NaN, 0, 0, Domain.unbounded())).hasMessageContaining("stepSize");
        assertThatThrownBy(() -> new LangevinSampler(1, Double.POSITIVE_INFINITY, 0, 0, Domain.unbounded()))
                .hasMessageContaining("stepSize");
        assertThatThrownBy(() -> new LangevinSampler(1, 0.1, -1e-9, 0, Domain.unbounded())).hasMessageContaining("noiseScale");
        assertThatThrownBy(() -> new LangevinSampler(1, 0.1, Double.NaN, 0, Domain.unbounded())).hasMessageContaining("noiseScale");
        assertThatThrownBy(() -> new LangevinSampler(1, 0.1, 0, Double.POSITIVE_INFINITY, Domain.unbounded()))
                .hasMessageContaining("gradClip");
        assertThatThrownBy(() -> new LangevinSampler(1, 0.1, 0, -1e-9, Domain.unbounded())).hasMessageContaining("gradClip");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ints = m.create(new int[] {1, 2}, new Shape(1, 2));
            assertThatThrownBy(() -> new MalaSampler(1, 0.1, Domain.unbounded()).run(QUARTIC, ints, new Rng(0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("floating point");
            assertThatThrownBy(() -> new HmcSampler(1, 0.1, 1, Domain.unbounded()).run(QUARTIC, null, new Rng(0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chain start");
        }
    }
}
