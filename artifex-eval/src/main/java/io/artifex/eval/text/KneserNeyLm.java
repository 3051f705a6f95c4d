package io.artifex.eval.text;

import io.artifex.data.text.TextBatchSource;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An interpolated Kneser-Ney n-gram language model over token ids, the smoothed baseline a neural
 * language model has to beat. The highest order uses counts, lower orders continuation counts
 * (the number of distinct tokens seen before an n-gram), each order has one absolute discount
 * {@code D = n1 / (n1 + 2 n2)} (Ney's estimate from the counts seen once and twice), and the
 * unigram level interpolates with the uniform distribution over the whole vocabulary, so every id
 * has a positive probability and the probabilities of the next token sum to 1 for every context:
 * <pre>
 * P_k(w | h) = max(c_k(h w) - D_k, 0) / c_k(h) + D_k N1+(h .) / c_k(h) * P_{k-1}(w | h')   (c_k(h) &gt; 0)
 * P_k(w | h) = P_{k-1}(w | h')                                                           (h unseen)
 * P_0(w)     = 1 / V
 * </pre>
 * where {@code h'} drops the oldest token of {@code h}. Fitted on a token stream (the training
 * documents back to back with their end-of-text ids), it scores each token of a held-out window
 * from the tokens before it in the same window, as a Transformer reading the window would.
 *
 * <p>Thread-safety: immutable once fitted; safe to share between threads.
 */
public final class KneserNeyLm {

    private static final Logger LOG = LoggerFactory.getLogger(KneserNeyLm.class);

    private final int order;
    private final int vocab;
    /** Per order k (index k - 1): the (continuation) count of each k-gram. */
    private final Map<Long, Integer>[] counts;
    /** Per order k: the sum of the counts of the k-grams that extend each (k - 1)-gram context. */
    private final Map<Long, Long>[] contextTotals;
    /** Per order k: the number of distinct tokens that follow each (k - 1)-gram context. */
    private final Map<Long, Integer>[] contextTypes;
    private final double[] discounts;
    /** While fitting, per order k below the top: the distinct (k + 1)-grams seen so far. */
    private final Set<Long>[] seen;

    @SuppressWarnings("unchecked")
    private KneserNeyLm(int order, int vocab) {
        this.order = order;
        this.vocab = vocab;
        this.counts = new Map[order];
        this.contextTotals = new Map[order];
        this.contextTypes = new Map[order];
        this.discounts = new double[order];
        this.seen = new Set[order];
        for (int k = 0; k < order; k++) {
            counts[k] = new HashMap<>();
            contextTotals[k] = new HashMap<>();
            contextTypes[k] = new HashMap<>();
            seen[k] = new HashSet<>();
        }
    }

    /**
     * Fits a model of {@code order} (2 or more) over ids {@code [0, vocabSize)} on {@code tokens},
     * read as one stream.
     *
     * @throws IllegalArgumentException for an order below 2, a vocabulary below 2 or too large for
     *     the order ({@code vocabSize^order} must fit a long), an id outside the vocabulary, or fewer
     *     than {@code order} tokens
     */
    public static KneserNeyLm fit(int order, int vocabSize, int[] tokens) {
        KneserNeyLm lm = create(order, vocabSize);
        for (int i = 0; i < tokens.length; i++) {
            lm.add(tokens, i, i);
        }
        lm.finish(tokens.length);
        return lm;
    }

    /**
     * Fits on the token file of a packed text split (int32 little-endian ids, as {@code TextDataset}
     * writes {@code train.tokens}), streamed.
     *
     * @throws IOException when the file cannot be read
     */
    public static KneserNeyLm fit(int order, int vocabSize, Path tokenFile) throws IOException {
        KneserNeyLm lm = create(order, vocabSize);
        int[] ring = new int[order];
        long n = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tokenFile), 1 << 16);
             DataInputStream data = new DataInputStream(in)) {
            while (true) {
                int id;
                try {
                    id = Integer.reverseBytes(data.readInt());
                } catch (EOFException end) {
                    break;
                }
                ring[(int) (n % order)] = id;
                lm.addRing(ring, n);
                n++;
            }
        }
        if (Files.size(tokenFile) % 4 != 0) {
            throw new IOException("token file " + tokenFile + " is " + Files.size(tokenFile)
                    + " bytes long, not a whole number of int32 ids");
        }
        lm.finish(n);
        return lm;
    }

    private static KneserNeyLm create(int order, int vocabSize) {
        if (order < 2) {
            throw new IllegalArgumentException("n-gram order must be >= 2, got " + order);
        }
        if (vocabSize < 2) {
            throw new IllegalArgumentException("n-gram vocabSize must be >= 2, got " + vocabSize);
        }
        if (order * (Math.log(vocabSize) / Math.log(2)) >= 62) {
            throw new IllegalArgumentException("n-gram keys of order " + order + " over " + vocabSize
                    + " ids do not fit a long; lower the order");
        }
        return new KneserNeyLm(order, vocabSize);
    }

    /** The n-gram order. */
    public int order() {
        return order;
    }

    /** The number of ids. */
    public int vocabSize() {
        return vocab;
    }

    /** The absolute discount of order {@code k} (1 = unigrams). */
    public double discount(int k) {
        return discounts[k - 1];
    }

    private void addRing(int[] ring, long n) {
        int len = (int) Math.min(order, n + 1);
        int[] gram = new int[len];
        for (int j = 0; j < len; j++) {
            gram[j] = ring[(int) ((n - len + 1 + j) % order)];
        }
        add(gram, len - 1, n);
    }

    /** Adds the n-grams that end at {@code tokens[i]} (stream position {@code position}). */
    private void add(int[] tokens, int i, long position) {
        int id = tokens[i];
        if (id < 0 || id >= vocab) {
            throw new IllegalArgumentException("token " + id + " at position " + position + " is outside the"
                    + " n-gram vocabulary [0, " + vocab + ")");
        }
        long key = 0;
        long scale = 1;
        // key of tokens[i - k + 1 .. i] for k = 1 .. order, built from the newest token backwards
        for (int k = 1; k <= order && i - k + 1 >= 0; k++) {
            key += tokens[i - k + 1] * scale;
            scale *= vocab;
            if (k == order) {
                counts[k - 1].merge(key, 1, Integer::sum);
            } else if (i - k >= 0) {
                // a (k + 1)-gram: its first time makes one more distinct left neighbour of its k-gram suffix
                long longer = key + tokens[i - k] * scale;
                if (seen[k - 1].add(longer)) {
                    counts[k - 1].merge(key, 1, Integer::sum);
                }
            }
        }
    }

    private void finish(long tokens) {
        if (tokens < order) {
            throw new IllegalArgumentException("an n-gram model of order " + order + " needs at least " + order
                    + " training tokens, got " + tokens);
        }
        for (Set<Long> s : seen) {
            s.clear();
        }
        for (int k = 1; k <= order; k++) {
            long n1 = 0;
            long n2 = 0;
            for (Map.Entry<Long, Integer> e : counts[k - 1].entrySet()) {
                int c = e.getValue();
                n1 += c == 1 ? 1 : 0;
                n2 += c == 2 ? 1 : 0;
                long context = e.getKey() / vocab;
                contextTotals[k - 1].merge(context, (long) c, Long::sum);
                contextTypes[k - 1].merge(context, 1, Integer::sum);
            }
            double d = n1 + 2 * n2 == 0 ? 0.5 : (double) n1 / (n1 + 2.0 * n2);
            discounts[k - 1] = Math.min(1.0, Math.max(d, 1e-3));
        }
        LOG.info("Kneser-Ney {}-gram over {} ids fitted on {} tokens: {} distinct {}-grams, discounts {}", order, vocab,
                tokens, counts[order - 1].size(), order, Arrays.toString(discounts));
    }

    private long pow(int k) {
        long p = 1;
        for (int j = 0; j < k; j++) {
            p *= vocab;
        }
        return p;
    }

    /**
     * The probability of {@code next} after {@code context} (its last {@code order - 1} ids are
     * used; fewer when it is shorter).
     */
    public double probability(int[] context, int next) {
        return probability(context, 0, context.length, next);
    }

    private double probability(int[] ids, int from, int end, int next) {
        if (next < 0 || next >= vocab) {
            throw new IllegalArgumentException("token " + next + " is outside the n-gram vocabulary [0, " + vocab + ")");
        }
        int available = Math.min(order - 1, end - from);
        double p = 1.0 / vocab;
        // from unigrams (k = 1, empty context) up to k = available + 1
        long contextKey = 0;
        long scale = vocab;
        for (int k = 1; k <= available + 1; k++) {
            if (k > 1) {
                int prev = ids[end - k + 1];
                if (prev < 0 || prev >= vocab) {
                    throw new IllegalArgumentException("context token " + prev + " is outside the n-gram vocabulary [0, "
                            + vocab + ")");
                }
                // context key of the k - 1 newest ids, oldest most significant: prev * vocab^(k - 2) + older key
                contextKey = contextKey + prev * pow(k - 2);
            }
            Long total = contextTotals[k - 1].get(contextKey);
            if (total == null) {
                continue;
            }
            double d = discounts[k - 1];
            Integer c = counts[k - 1].get(contextKey * vocab + next);
            double discounted = c == null ? 0 : Math.max(c - d, 0) / total;
            p = discounted + d * contextTypes[k - 1].get(contextKey) / total * p;
        }
        return p;
    }

    /**
     * Totals of this model over every window of {@code test} in order: each token after the first of
     * a window (targets equal to {@link TextLikelihood#skippedTarget} excluded) scored from the
     * tokens before it in its window.
     */
    public TextMeasures measure(TextBatchSource test) {
        int[] tokenBytes = TokenBytes.of(test.tokenizer());
        if (test.tokenizer().vocabSize() > vocab) {
            throw new IllegalArgumentException("the held-out text's tokenizer has " + test.tokenizer().vocabSize()
                    + " ids, the n-gram model " + vocab);
        }
        int skipped = TextLikelihood.skippedTarget(test);
        double nats = 0;
        long tokens = 0;
        long bytes = 0;
        for (int w = 0; w < test.size(); w++) {
            int[] ids = test.window(w);
            for (int i = 1; i < ids.length; i++) {
                if (ids[i] == skipped) {
                    continue;
                }
                nats -= Math.log(probability(ids, 0, i, ids[i]));
                tokens++;
            }
            bytes += TextLikelihood.windowBytes(ids, 0, ids.length, tokenBytes, skipped);
        }
        return new TextMeasures(tokens, bytes, nats);
    }
}
