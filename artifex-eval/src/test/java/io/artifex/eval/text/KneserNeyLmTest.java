package io.artifex.eval.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KneserNeyLmTest {

    /**
     * The stream 0 1 0 1 2 over 3 ids, bigrams, worked by hand: bigram counts (0,1)=2, (1,0)=1,
     * (1,2)=1 give D2 = n1 / (n1 + 2 n2) = 2 / 4; every id has one distinct left neighbour, so the
     * unigram level (D1 = 1) is uniform. P(0|1) = (1 - .5) / 2 + .5 * 2 / 2 * 1/3 = 5/12,
     * P(1|1) = 1/6, P(1|0) = 1.5 / 2 + .5 / 2 / 3 = 5/6, and an unseen context falls back to 1/3.
     * Catches raw counts at the lower order, a wrong discount, or a backoff weight without N1+(h .).
     */
    @Test
    void bigramProbabilitiesMatchTheHandWorkedExample() {
        KneserNeyLm lm = KneserNeyLm.fit(2, 3, new int[] {0, 1, 0, 1, 2});
        assertThat(lm.discount(2)).isCloseTo(0.5, within(1e-12));
        assertThat(lm.probability(new int[] {1}, 0)).isCloseTo(5.0 / 12, within(1e-12));
        assertThat(lm.probability(new int[] {1}, 2)).isCloseTo(5.0 / 12, within(1e-12));
        assertThat(lm.probability(new int[] {1}, 1)).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(lm.probability(new int[] {0}, 1)).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(lm.probability(new int[] {2}, 0)).isCloseTo(1.0 / 3, within(1e-12));
    }

    /** Every context, seen, unseen, shorter than the order or empty, gives a distribution: catches a lost backoff mass. */
    @Test
    void probabilitiesSumToOneOverTheVocabulary() {
        Random random = new Random(3);
        int vocab = 12;
        int[] tokens = new int[3000];
        for (int i = 0; i < tokens.length; i++) {
            // a skewed, partly predictable stream: mostly the previous id + 1, sometimes a random one
            tokens[i] = i > 0 && random.nextInt(4) > 0 ? (tokens[i - 1] + 1) % 8 : random.nextInt(vocab - 1);
        }
        KneserNeyLm lm = KneserNeyLm.fit(3, vocab, tokens);
        int[][] contexts = {{}, {3}, {2, 3}, {11, 11}, {5, 11}, {0, 1, 2}, {4, 7}};
        for (int[] context : contexts) {
            double sum = 0;
            for (int w = 0; w < vocab; w++) {
                double p = lm.probability(context, w);
                assertThat(p).as("P(%d | %s)", w, java.util.Arrays.toString(context)).isPositive();
                sum += p;
            }
            assertThat(sum).as("sum over the vocabulary after %s", java.util.Arrays.toString(context))
                    .isCloseTo(1.0, within(1e-9));
        }
        // the trigram level sees the pattern: after 2, 3 the next id is mostly 4
        assertThat(lm.probability(new int[] {2, 3}, 4)).isGreaterThan(0.5);
    }

    /** Fitting from a packed int32 little-endian token file equals fitting from the array: catches a byte-order slip. */
    @Test
    void fitsTheSameFromAPackedTokenFile(@TempDir Path dir) throws IOException {
        int[] tokens = {0, 5, 6, 7, 0, 5, 6, 8, 0, 300, 6, 7};
        ByteBuffer buf = ByteBuffer.allocate(tokens.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asIntBuffer().put(tokens);
        Path file = dir.resolve("train.tokens");
        Files.write(file, buf.array());
        KneserNeyLm fromFile = KneserNeyLm.fit(3, 301, file);
        KneserNeyLm fromArray = KneserNeyLm.fit(3, 301, tokens);
        for (int[] context : new int[][] {{5, 6}, {300, 6}, {6}, {}}) {
            for (int w : new int[] {7, 8, 0, 300}) {
                assertThat(fromFile.probability(context, w)).isEqualTo(fromArray.probability(context, w));
            }
        }
        assertThat(fromArray.probability(new int[] {5, 6}, 7)).isGreaterThan(fromArray.probability(new int[] {5, 6}, 300));
    }

    @Test
    void refusesIdsOutsideTheVocabularyNamingThePosition() {
        assertThatThrownBy(() -> KneserNeyLm.fit(3, 4, new int[] {0, 1, 4, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token 4 at position 2");
        assertThatThrownBy(() -> KneserNeyLm.fit(1, 4, new int[] {0, 1}))
                .hasMessageContaining("order must be >= 2");
    }
}
