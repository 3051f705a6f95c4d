package io.artifex.data.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.artifex.core.random.Rng;
import org.junit.jupiter.api.Test;

class CheckerboardTest {

    @Test
    void densityIsOneOverBlackAreaAndIntegratesToOne() {
        Checkerboard c = new Checkerboard();
        assertThat(c.blackArea()).isEqualTo(32.0);
        assertThat(c.logDensity(-3, -3)).isEqualTo(-Math.log(32));
        assertThat(c.logDensity(-1, -3)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(c.logDensity(4.5, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(EightGaussiansTest.integrate(c, 5, 0.01)).isCloseTo(1.0, within(1e-9));
        Checkerboard odd = new Checkerboard(3, 1.5);
        assertThat(odd.blackArea()).isEqualTo(5.0);
        assertThat(EightGaussiansTest.integrate(odd, 2, 0.01)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void samplesFallOnBlackSquaresUniformly() {
        for (Checkerboard c : new Checkerboard[] {new Checkerboard(), new Checkerboard(3, 1.5), new Checkerboard(5, 0.7)}) {
            float[] s = c.sampleHost(20_000, new Rng(8));
            for (int i = 0; i < 20_000; i++) {
                assertThat(c.isBlack(s[2 * i], s[2 * i + 1])).as("sample %d (%s, %s)", i, s[2 * i], s[2 * i + 1]).isTrue();
            }
        }
        Checkerboard c = new Checkerboard();
        int n = 40_000;
        float[] s = c.sampleHost(n, new Rng(2));
        int[][] counts = new int[4][4];
        double meanX = 0;
        for (int i = 0; i < n; i++) {
            counts[(int) Math.floor((s[2 * i] + 4) / 2)][(int) Math.floor((s[2 * i + 1] + 4) / 2)]++;
            meanX += s[2 * i] / n;
        }
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                if ((i + j) % 2 == 0) {
                    assertThat(counts[i][j]).isBetween(5000 - 400, 5000 + 400);
                } else {
                    assertThat(counts[i][j]).isZero();
                }
            }
        }
        // black squares are symmetric about the origin in x: mean 0, sd of x is sqrt(16/3)
        assertThat(meanX).isCloseTo(0, within(5 * Math.sqrt(16.0 / 3 / n)));
    }

    @Test
    void samplingIsDeterministicPerSeed() {
        Checkerboard c = new Checkerboard();
        assertThat(c.sampleHost(50, new Rng(1))).containsExactly(c.sampleHost(50, new Rng(1)));
        assertThat(c.sampleHost(50, new Rng(1))).isNotEqualTo(c.sampleHost(50, new Rng(2)));
    }
}
