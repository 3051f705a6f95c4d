package io.artifex.models.autoregressive.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.model.DecodingOptions;
import io.artifex.core.random.Rng;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The next-token rules against sets computed here by hand: top-k and top-p never emit a token
 * outside the allowed set, every allowed token is emitted, temperature 0 (and a tiny temperature)
 * is the argmax, and the pad id is never drawn.
 */
class TokenChooserTest {

    /** Probabilities (at temperature 1) 0.4, 0.25, 0.15, 0.1, 0.06, 0.04 for ids 2, 0, 5, 1, 4, 3. */
    private static final double[] P = {0.25, 0.1, 0.4, 0.04, 0.06, 0.15};

    private static float[] logits() {
        float[] logits = new float[P.length];
        for (int j = 0; j < P.length; j++) {
            logits[j] = (float) Math.log(P[j]) + 3f;
        }
        return logits;
    }

    private static Set<Integer> drawn(DecodingOptions options, Integer pad, int draws) {
        Set<Integer> seen = new HashSet<>();
        Rng rng = new Rng(11);
        float[] rows = new float[draws * P.length];
        for (int r = 0; r < draws; r++) {
            System.arraycopy(logits(), 0, rows, r * P.length, P.length);
        }
        for (int id : TokenChooser.choose(rows, draws, P.length, options, pad, rng)) {
            seen.add(id);
        }
        return seen;
    }

    /**
     * Top-3 keeps {2, 0, 5}; top-p 0.7 keeps {2, 0, 5} (0.4 + 0.25 < 0.7 <= 0.8); top-p 0.65 keeps {2, 0}
     * (mass reached exactly at the second); top-k 4 then top-p 0.5 renormalises over the four
     * (0.4 / 0.9 < 0.5) and keeps {2, 0}. Planted bugs caught: top-p keeping the token that crosses
     * the threshold out (or one more), top-k off by one, top-p computed before top-k's renormalisation.
     */
    @Test
    void topKAndTopPNeverLeaveTheAllowedSetAndReachEveryAllowedToken() {
        assertThat(drawn(DecodingOptions.sampling().withTopK(3), null, 400)).containsExactlyInAnyOrder(2, 0, 5);
        assertThat(drawn(DecodingOptions.sampling().withTopP(0.7), null, 400)).containsExactlyInAnyOrder(2, 0, 5);
        assertThat(drawn(DecodingOptions.sampling().withTopP(0.65), null, 400)).containsExactlyInAnyOrder(2, 0);
        assertThat(drawn(DecodingOptions.sampling().withTopK(4).withTopP(0.5), null, 400))
                .containsExactlyInAnyOrder(2, 0);
        assertThat(drawn(DecodingOptions.sampling(), null, 2000)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        assertThat(drawn(DecodingOptions.sampling().withTopK(2), 2, 400)).containsExactlyInAnyOrder(0, 5);
    }

    /** Temperature 0 and 1e-6 both give the argmax; with the argmax as pad, the runner-up. */
    @Test
    void temperatureTowardsZeroIsTheArgmax() {
        assertThat(drawn(DecodingOptions.greedy(), null, 50)).containsExactly(2);
        assertThat(drawn(DecodingOptions.sampling().withTemperature(1e-6), null, 200)).containsExactly(2);
        assertThat(drawn(DecodingOptions.greedy(), 2, 50)).containsExactly(0);
    }

    /** The frequencies of plain sampling follow the softmax (Gumbel-max draws from it exactly). */
    @Test
    void plainSamplingFollowsTheSoftmax() {
        int draws = 20_000;
        float[] rows = new float[draws * P.length];
        for (int r = 0; r < draws; r++) {
            System.arraycopy(logits(), 0, rows, r * P.length, P.length);
        }
        int[] counts = new int[P.length];
        for (int id : TokenChooser.choose(rows, draws, P.length, DecodingOptions.sampling(), null, new Rng(3))) {
            counts[id]++;
        }
        for (int j = 0; j < P.length; j++) {
            assertThat(counts[j] / (double) draws).as("id %d of %s", j, Arrays.toString(counts))
                    .isBetween(P[j] - 0.015, P[j] + 0.015);
        }
    }
}
