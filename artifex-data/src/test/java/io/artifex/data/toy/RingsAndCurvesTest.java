package io.artifex.data.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.artifex.core.random.Rng;
import org.junit.jupiter.api.Test;

class RingsAndCurvesTest {

    @Test
    void ringsDensityIntegratesToOneAndMatchesTheRadialHistogram() {
        Rings r = new Rings();
        assertThat(EightGaussiansTest.integrate(r, 3.6, 0.01)).isCloseTo(1.0, within(1e-3));
        assertThat(EightGaussiansTest.integrate(new Rings(new double[] {1.0, 2.0}, 0.3), 4, 0.01))
                .isCloseTo(1.0, within(1e-3));
        // a ring at radius 0 puts an integrable 1/|x| singularity at the origin: integrate radially
        Rings centred = new Rings(new double[] {0.0, 1.0}, 0.3);
        double radial = 0;
        for (double rho = 0.0005; rho < 4; rho += 0.001) {
            radial += Math.exp(centred.logDensity(rho, 0)) * 2 * Math.PI * rho * 0.001;
        }
        assertThat(radial).isCloseTo(1.0, within(1e-6));
        // fraction of samples with |x| in [1.4, 1.6] vs the integral of the radial density there
        int n = 100_000;
        float[] s = r.sampleHost(n, new Rng(4));
        int inBand = 0;
        double meanRadius = 0;
        for (int i = 0; i < n; i++) {
            double rho = Math.hypot(s[2 * i], s[2 * i + 1]);
            meanRadius += rho / n;
            if (rho >= 1.4 && rho < 1.6) {
                inBand++;
            }
        }
        double band = 0;
        double h = 0.0005;
        for (double rho = 1.4 + h / 2; rho < 1.6; rho += h) {
            band += Math.exp(r.logDensity(rho, 0)) * 2 * Math.PI * rho * h;
        }
        assertThat(inBand / (double) n).isCloseTo(band, within(0.005));
        assertThat(meanRadius).isCloseTo((0.75 + 1.5 + 2.25 + 3.0) / 4, within(0.01));
    }

    @Test
    void moonsHaveTheAnalyticMean() {
        // E[x] = (E cos t + 1 - E cos t) / 2 = 0.5, E[y] = (E sin t + 0.5 - E sin t) / 2 = 0.25
        int n = 100_000;
        float[] s = new TwoMoons().sampleHost(n, new Rng(6));
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += s[2 * i] / n;
            my += s[2 * i + 1] / n;
        }
        assertThat(mx).isCloseTo(0.5, within(0.01));
        assertThat(my).isCloseTo(0.25, within(0.01));
        float[] clean = new TwoMoons(0).sampleHost(1000, new Rng(6));
        for (int i = 0; i < 1000; i++) {
            double x = clean[2 * i];
            double y = clean[2 * i + 1];
            double upper = Math.hypot(x, y);
            double lower = Math.hypot(x - 1, y - 0.5);
            assertThat(Math.min(Math.abs(upper - 1), Math.abs(lower - 1))).isLessThan(1e-5);
        }
    }

    @Test
    void swissRollWithoutNoiseLiesOnTheSpiral() {
        float[] s = new SwissRoll(0).sampleHost(2000, new Rng(7));
        for (int i = 0; i < 2000; i++) {
            double t = 5 * Math.hypot(s[2 * i], s[2 * i + 1]);
            assertThat(t).isBetween(1.5 * Math.PI - 1e-4, 4.5 * Math.PI + 1e-4);
            assertThat(s[2 * i]).isCloseTo((float) (t * Math.cos(t) / 5), within(1e-3f));
            assertThat(s[2 * i + 1]).isCloseTo((float) (t * Math.sin(t) / 5), within(1e-3f));
        }
    }

    @Test
    void allToysAreDeterministicPerSeed() {
        for (ToyDistribution d : new ToyDistribution[] {new TwoMoons(), new SwissRoll(), new Rings()}) {
            assertThat(d.sampleHost(20, new Rng(1))).as(d.name()).containsExactly(d.sampleHost(20, new Rng(1)));
            assertThat(d.sampleHost(20, new Rng(1))).as(d.name()).isNotEqualTo(d.sampleHost(20, new Rng(2)));
        }
    }
}
