package io.artifex.data.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Mu-law with mu = 255 against the closed-form companding formula and its quantisation bound. */
class MuLawTest {

    // planted bug caught: floor instead of round when quantising (codes one lower for half the inputs)
    @Test
    void encodeMatchesTheClosedForm() {
        MuLaw m = MuLaw.MU_255;
        for (int i = -2000; i <= 2000; i++) {
            double x = i / 2000.0;
            double f = Math.signum(x) * Math.log(1 + 255 * Math.abs(x)) / Math.log(256);
            long expected = Math.round((f + 1) / 2 * 255);
            assertThat(m.encode(x)).as("code of %f", x).isEqualTo((int) expected);
        }
        assertThat(m.encode(-1.0)).isZero();
        assertThat(m.encode(1.0)).isEqualTo(255);
        assertThat(m.encode(0.0)).isEqualTo(128);
        assertThat(m.encode(3.0)).isEqualTo(255);
        assertThat(m.codes()).isEqualTo(256);
    }

    // planted bug caught: decoding with exp instead of expm1 over mu, or (1+mu)^y without the -1, breaks the bound
    @Test
    void decodeIsTheInverseAtTheCodeAndTheRoundTripErrorIsBounded() {
        MuLaw m = MuLaw.MU_255;
        for (int code = 0; code <= 255; code++) {
            double y = 2.0 * code / 255 - 1;
            double expected = Math.signum(y) * (Math.pow(256, Math.abs(y)) - 1) / 255;
            assertThat(m.decode(code)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(m.encode(m.decode(code))).isEqualTo(code);
        }
        // |F(x) - y| <= 1/mu in the companded domain, so |x' - x| <= (|x| + 1/mu) ((1 + mu)^(1/mu) - 1)
        double growth = Math.pow(256, 1.0 / 255) - 1;
        for (int i = -20000; i <= 20000; i++) {
            double x = i / 20000.0;
            double back = m.decode(m.encode(x));
            assertThat(Math.abs(back - x)).as("round trip of %f", x)
                    .isLessThanOrEqualTo((Math.abs(x) + 1.0 / 255) * growth + 1e-12);
        }
        float[] xs = {-0.5f, 0f, 0.25f};
        assertThat(m.decode(m.encode(xs))).hasSize(3);
        assertThatThrownBy(() -> m.decode(256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mu-law code must be in 0..255, got 256");
    }
}
