package io.artifex.models.autoregressive.transformer;

import io.artifex.core.model.DecodingOptions;
import io.artifex.core.random.Rng;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Picks the next token of each row of host logits by {@link DecodingOptions}: the pad id (if any)
 * is never a candidate; temperature 0 is the argmax (lowest id on ties); otherwise the logits are
 * divided by the temperature, cut to the {@code topK} largest, then to the smallest prefix (by
 * decreasing probability, renormalised after top-k) whose mass reaches {@code topP}, and one
 * candidate is drawn by Gumbel-max: {@code argmax(logit_j + G_j)} with one standard Gumbel draw
 * {@code G_j} per id of the vocabulary, in id order, from {@code rng} (so the draws do not depend on
 * which ids are candidates).
 */
final class TokenChooser {

    private TokenChooser() {
    }

    /**
     * The chosen id of each of the {@code rows} rows of {@code logits} ({@code rows * vocab} values,
     * row-major).
     */
    static int[] choose(float[] logits, int rows, int vocab, DecodingOptions options, Integer padTokenId, Rng rng) {
        int[] chosen = new int[rows];
        for (int r = 0; r < rows; r++) {
            double[] row = new double[vocab];
            for (int j = 0; j < vocab; j++) {
                row[j] = logits[r * vocab + j];
            }
            chosen[r] = chooseOne(row, options, padTokenId, rng);
        }
        return chosen;
    }

    /** The candidate mask of one row after the pad, top-k and top-p cuts at the options' temperature. */
    static boolean[] candidates(double[] row, DecodingOptions options, Integer padTokenId) {
        int vocab = row.length;
        boolean[] keep = new boolean[vocab];
        Arrays.fill(keep, true);
        if (padTokenId != null) {
            keep[padTokenId] = false;
        }
        if (options.temperature() == 0 || options.topK() == 0 && options.topP() >= 1) {
            return keep;
        }
        double temperature = options.temperature();
        Integer[] order = IntStream.range(0, vocab).filter(j -> keep[j]).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> -row[j]).thenComparingInt(j -> j));
        int kept = options.topK() > 0 ? Math.min(options.topK(), order.length) : order.length;
        if (options.topP() < 1) {
            double max = row[order[0]] / temperature;
            double total = 0;
            double[] weight = new double[kept];
            for (int i = 0; i < kept; i++) {
                weight[i] = Math.exp(row[order[i]] / temperature - max);
                total += weight[i];
            }
            double mass = 0;
            int prefix = kept;
            for (int i = 0; i < kept; i++) {
                mass += weight[i] / total;
                if (mass >= options.topP()) {
                    prefix = i + 1;
                    break;
                }
            }
            kept = prefix;
        }
        Arrays.fill(keep, false);
        for (int i = 0; i < kept; i++) {
            keep[order[i]] = true;
        }
        return keep;
    }

    private static int chooseOne(double[] row, DecodingOptions options, Integer padTokenId, Rng rng) {
        boolean[] keep = candidates(row, options, padTokenId);
        if (options.temperature() == 0) {
            int best = -1;
            for (int j = 0; j < row.length; j++) {
                if (keep[j] && (best < 0 || row[j] > row[best])) {
                    best = j;
                }
            }
            return best;
        }
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < row.length; j++) {
            // u in (0, 1): -log(-log(u)) is finite
            double u = ((rng.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
            double score = row[j] / options.temperature() - Math.log(-Math.log(u));
            if (keep[j] && (best < 0 || score > bestScore)) {
                best = j;
                bestScore = score;
            }
        }
        return best;
    }
}
