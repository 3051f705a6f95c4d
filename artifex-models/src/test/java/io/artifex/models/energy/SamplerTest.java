package io.artifex.models.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * The samplers on energies whose distribution is known in closed form: a correlated Gaussian
 * and a two-component mixture. 10,000 independent chains give Monte Carlo errors of about 0.01
 * on the means and 0.015 on the covariance entries, so the bounds below (0.04 and 0.05) are
 * three to four standard errors; the unadjusted Langevin bias at step 0.01 is below 0.02.
 */
class SamplerTest {

    static final double[] MEAN = {1.0, -0.5};
    static final double[][] COV = {{1.0, 0.6}, {0.6, 0.8}};
    static final int CHAINS = 10_000;

    private static NDArray start(NDManager m) {
        return new Rng(3).normal(m, new Shape(CHAINS, 2));
    }

    private static void assertMoments(float[] xy, double[] mean, double[][] cov, double meanTol, double covTol) {
        double[] mu = GaussianTargets.mean(xy);
        double[][] c = GaussianTargets.cov(xy);
        assertThat(mu[0]).as("mean x").isCloseTo(mean[0], within(meanTol));
        assertThat(mu[1]).as("mean y").isCloseTo(mean[1], within(meanTol));
        assertThat(c[0][0]).as("var x").isCloseTo(cov[0][0], within(covTol));
        assertThat(c[1][1]).as("var y").isCloseTo(cov[1][1], within(covTol));
        assertThat(c[0][1]).as("cov xy").isCloseTo(cov[0][1], within(covTol));
    }

    @Test
    void unadjustedLangevinRecoversAGaussiansMeanAndFullCovariance() {
        try (NDManager m = NDManager.newBaseManager()) {
            ChainResult r = LangevinSampler.unadjusted(800, 0.01)
                    .run(GaussianTargets.gaussian(MEAN, COV), start(m), new Rng(11));
            assertThat(r.acceptanceRate()).isEmpty();
            assertThat(r.samples().getShape()).isEqualTo(new Shape(CHAINS, 2));
            assertMoments(r.samples().toFloatArray(), MEAN, COV, 0.04, 0.05);
        }
    }

    @Test
    void malaRecoversTheGaussianAndReportsItsAcceptanceRate() {
        try (NDManager m = NDManager.newBaseManager()) {
            ChainResult r = new MalaSampler(120, 0.2, Domain.unbounded())
                    .run(GaussianTargets.gaussian(MEAN, COV), start(m), new Rng(12));
            assertThat(r.acceptanceRate()).isPresent();
            assertThat(r.acceptanceRate().getAsDouble()).isStrictlyBetween(0.5, 0.999);
            assertMoments(r.samples().toFloatArray(), MEAN, COV, 0.04, 0.05);
        }
    }

    @Test
    void hmcRecoversTheGaussianTightlyAndReportsItsAcceptanceRate() {
        try (NDManager m = NDManager.newBaseManager()) {
            ChainResult r = new HmcSampler(40, 0.1, 10, Domain.unbounded())
                    .run(GaussianTargets.gaussian(MEAN, COV), start(m), new Rng(13));
            assertThat(r.acceptanceRate().getAsDouble()).isStrictlyBetween(0.5, 0.999);
            assertMoments(r.samples().toFloatArray(), MEAN, COV, 0.03, 0.04);
        }
    }

    @Test
    void everySamplerRecoversATwoComponentMixture() {
        double[] m1 = {-1.2, -0.3};
        double[] m2 = {1.2, 0.5};
        double[][] within = {{0.4, 0.15}, {0.15, 0.3}};
        double[] mean = {0.0, 0.1};
        double dx = 1.2;
        double dy = 0.4;
        double[][] cov = {{within[0][0] + dx * dx, within[0][1] + dx * dy}, {within[1][0] + dx * dy, within[1][1] + dy * dy}};
        EnergyFunction energy = GaussianTargets.mixture(m1, m2, within);
        EnergySampler[] samplers = {LangevinSampler.unadjusted(500, 0.02), new MalaSampler(150, 0.1, Domain.unbounded()),
            new HmcSampler(40, 0.1, 10, Domain.unbounded())};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray start = new Rng(4).normal(m, new Shape(CHAINS, 2)).mul(1.5f).add(m.create(new float[] {0f, 0.1f}));
            for (EnergySampler sampler : samplers) {
                float[] xy = sampler.run(energy, start, new Rng(21)).samples().toFloatArray();
                int right = 0;
                for (int i = 0; i < CHAINS; i++) {
                    right += xy[2 * i] * 1.2 + (xy[2 * i + 1] - 0.1) * 0.4 > 0 ? 1 : 0;
                }
                assertThat(right / (double) CHAINS).as(sampler.getClass().getSimpleName() + " mode weight")
                        .isCloseTo(0.5, within(0.03));
                assertMoments(xy, mean, cov, 0.05, 0.07);
            }
        }
    }

    @Test
    void langevinStepIsExactlyTheSpecUpdateWithClipNoiseAndDomainClamp() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] slope = {0.1f, -0.01f, 5f};
            NDArray a = m.create(slope, new Shape(1, 3));
            EnergyFunction linear = x -> x.mul(a).sum(new int[] {1});
            NDArray x0 = m.create(new float[] {0.2f, -0.3f, -0.99f, 0.999f, 0.5f, 0f}, new Shape(2, 3));
            ChainResult r = new LangevinSampler(1, 0.5, 0.01, 0.03, new Domain(-1, 1)).run(linear, x0, new Rng(7));
            float[] noise = new Rng(7).normal(m, new Shape(2, 3)).toFloatArray();
            float[] x = x0.toFloatArray();
            float[] got = r.samples().toFloatArray();
            for (int i = 0; i < 6; i++) {
                float g = Math.max(-0.03f, Math.min(0.03f, slope[i % 3]));
                float expected = Math.max(-1f, Math.min(1f, x[i] - 0.5f * g + 0.01f * noise[i]));
                assertThat(got[i]).as("element " + i).isCloseTo(expected, within(1e-6f));
            }
            assertThat(x0.toFloatArray()).containsExactly(x);
        }
    }

    @Test
    void samplersRejectProposalsOutsideTheDomainSoChainsStayInside() {
        try (NDManager m = NDManager.newBaseManager()) {
            // a wide Gaussian truncated to [-1, 1]: without the domain most proposals would leave it
            EnergyFunction wide = x -> x.square().sum(new int[] {1}).mul(0.02f);
            NDArray start = new Rng(5).uniform(m, -1f, 1f, new Shape(500, 2));
            for (EnergySampler s : new EnergySampler[] {new MalaSampler(50, 0.5, new Domain(-1, 1)),
                new HmcSampler(20, 0.5, 4, new Domain(-1, 1))}) {
                ChainResult r = s.run(wide, start, new Rng(6));
                assertThat(r.samples().abs().max().getFloat()).isLessThanOrEqualTo(1f);
                assertThat(r.acceptanceRate().getAsDouble()).isStrictlyBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void sameSeedSameChainsAndConfigPicksTheSampler() {
        try (NDManager m = NDManager.newBaseManager()) {
            McmcConfig config = McmcConfig.builder().name("hmc").nSteps(5).stepSize(0.1).domainMin(-3.0)
                    .domainMax(3.0).sampler(McmcSampler.HMC).leapfrogSteps(3).build();
            EnergySampler s = EnergySampler.fromConfig(config);
            assertThat(s).isInstanceOf(HmcSampler.class);
            assertThat(s.steps()).isEqualTo(5);
            assertThat(EnergySampler.fromConfig(new McmcConfig("l", 60, 0.01))).isInstanceOf(LangevinSampler.class);
            NDArray start = new Rng(1).normal(m, new Shape(20, 2));
            EnergyFunction e = GaussianTargets.gaussian(MEAN, COV);
            float[] first = s.run(e, start, new Rng(9)).samples().toFloatArray();
            float[] second = s.run(e, start, new Rng(9)).samples().toFloatArray();
            assertThat(second).containsExactly(first);
        }
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> new MalaSampler(0, 0.1, Domain.unbounded())).hasMessageContaining("steps");
        assertThatThrownBy(() -> new HmcSampler(1, -0.1, 2, Domain.unbounded())).hasMessageContaining("stepSize");
        assertThatThrownBy(() -> new HmcSampler(1, 0.1, 0, Domain.unbounded())).hasMessageContaining("leapfrogSteps");
        assertThatThrownBy(() -> new Domain(1, -1)).hasMessageContaining("min < max");
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> LangevinSampler.unadjusted(1, 0.1).run(x -> x.sum(new int[] {1}),
                    m.create(new float[] {1f}), new Rng(0))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("chain start");
        }
    }
}
