package io.artifex.data.text.tokenizer;

import io.artifex.core.config.data.TokenizerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a byte-level BPE tokenizer on a corpus streamed through {@link #add}: the texts are cut into
 * pre-tokens and counted (in parallel, a bounded batch of texts at a time, so the corpus is never
 * held whole: only the distinct words and their counts are), then the most frequent adjacent pair
 * is merged until the vocabulary reaches {@link TokenizerConfig#vocabSize()} or no pair is seen
 * {@link TokenizerConfig#minFrequency()} times. The first pair counts are taken in parallel over
 * the words; later counts are updated only for the words a merge touches.
 *
 * <p>The result depends only on the texts and the config: ties between equally frequent pairs go to
 * the pair whose token ids are smaller, and counts are sums, whatever the number of threads.
 * Vocabulary layout: the special tokens (ids 0..s-1, in the config's order), the 256 byte tokens in
 * byte order, then one token per merge.
 *
 * <pre>{@code
 * BpeTrainer trainer = new BpeTrainer(TokenizerConfig.builder().vocabSize(1000).build());
 * trainer.add("some text");
 * BpeTokenizer tokenizer = trainer.train();
 * }</pre>
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public final class BpeTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(BpeTrainer.class);
    private static final int BATCH_CHARS = 4 << 20;

    private final TokenizerConfig config;
    private final ForkJoinPool pool;
    private final Map<String, Long> wordCounts = new HashMap<>();
    private final List<String> pending = new ArrayList<>();
    private long pendingChars;
    private long texts;

    /** A trainer with {@code config}'s vocabulary size, minimum pair frequency and special tokens, on all cores. */
    public BpeTrainer(TokenizerConfig config) {
        this(config, Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #BpeTrainer(TokenizerConfig)} on {@code threads} threads (the result does not depend on it). */
    public BpeTrainer(TokenizerConfig config, int threads) {
        if (config == null) {
            throw new IllegalArgumentException("tokenizer config must not be null");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (!config.specialTokens().contains(Tokenizer.END_OF_TEXT)) {
            throw new IllegalArgumentException("tokenizer.specialTokens must include " + Tokenizer.END_OF_TEXT
                    + ", got " + config.specialTokens());
        }
        if (config.vocabSize() < 256 + config.specialTokens().size()) {
            throw new IllegalArgumentException("tokenizer.vocabSize must be at least 256 + "
                    + config.specialTokens().size() + " special tokens, got " + config.vocabSize());
        }
        if (config.minFrequency() < 1) {
            throw new IllegalArgumentException("tokenizer.minFrequency must be >= 1, got " + config.minFrequency());
        }
        this.config = config;
        this.pool = new ForkJoinPool(threads);
    }

    /** Adds one text (a document or a part of one) to the counts. */
    public void add(String text) {
        pending.add(text);
        pendingChars += text.length();
        texts++;
        if (pendingChars >= BATCH_CHARS) {
            flush();
        }
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Long> counts;
        try {
            counts = pool.submit(() -> pending.parallelStream()
                    .flatMap(t -> ByteLevel.preTokenize(t).stream())
                    .collect(Collectors.groupingByConcurrent(w -> w, Collectors.counting()))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("tokenizer training interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("tokenizer training failed while counting words: " + e.getCause(), e.getCause());
        }
        counts.forEach((w, c) -> wordCounts.merge(w, c, Long::sum));
        pending.clear();
        pendingChars = 0;
    }

    /** The number of distinct pre-tokens counted so far. */
    public int distinctWords() {
        flush();
        return wordCounts.size();
    }

    /** Runs the merges and returns the tokenizer (once per trainer); throws when nothing was added. */
    public BpeTokenizer train() {
        flush();
        if (texts == 0 || wordCounts.isEmpty()) {
            throw new IllegalArgumentException("cannot train a tokenizer on an empty corpus (no text was added)");
        }
        long started = System.nanoTime();
        List<String> tokens = new ArrayList<>(config.specialTokens());
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            ids.put(tokens.get(i), i);
        }
        int[] byteId = new int[256];
        for (int b = 0; b < 256; b++) {
            String t = String.valueOf(ByteLevel.charOf(b));
            Integer known = ids.get(t);
            if (known == null) {
                known = tokens.size();
                tokens.add(t);
                ids.put(t, known);
            }
            byteId[b] = known;
        }
        // words in a fixed order (sorted) so ids and ties never depend on hash order
        String[] words = wordCounts.keySet().toArray(new String[0]);
        Arrays.sort(words);
        int[][] sym = new int[words.length][];
        int[] len = new int[words.length];
        long[] freq = new long[words.length];
        for (int w = 0; w < words.length; w++) {
            byte[] bytes = ByteLevel.utf8(words[w]);
            sym[w] = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                sym[w][i] = byteId[bytes[i] & 0xFF];
            }
            len[w] = bytes.length;
            freq[w] = wordCounts.get(words[w]);
        }
        Map<Long, Long> counts = countPairs(sym, len, freq);
        Map<Long, Set<Integer>> where = new HashMap<>();
        for (int w = 0; w < words.length; w++) {
            for (int i = 0; i + 1 < len[w]; i++) {
                where.computeIfAbsent(key(sym[w][i], sym[w][i + 1]), k -> new HashSet<>()).add(w);
            }
        }
        PriorityQueue<long[]> heap = new PriorityQueue<>(BpeTrainer::byCountThenIds);
        counts.forEach((k, c) -> heap.add(new long[] {c, k}));
        List<String[]> merges = new ArrayList<>();
        while (tokens.size() < config.vocabSize() && !heap.isEmpty()) {
            long[] top = heap.poll();
            long pair = top[1];
            long current = counts.getOrDefault(pair, 0L);
            if (current != top[0]) {
                if (current > 0) {
                    heap.add(new long[] {current, pair});
                }
                continue;
            }
            if (current < config.minFrequency()) {
                break;
            }
            int a = (int) (pair >>> 32);
            int b = (int) pair;
            String merged = tokens.get(a) + tokens.get(b);
            Integer c = ids.get(merged);
            if (c == null) {
                c = tokens.size();
                tokens.add(merged);
                ids.put(merged, c);
            }
            merges.add(new String[] {tokens.get(a), tokens.get(b)});
            Map<Long, Long> delta = new HashMap<>();
            Set<Integer> touched = where.remove(pair);
            Integer[] list = touched == null ? new Integer[0] : touched.toArray(new Integer[0]);
            Arrays.sort(list);
            for (int w : list) {
                mergeWord(sym, len, freq, w, a, b, c, delta, where);
            }
            counts.remove(pair);
            for (Map.Entry<Long, Long> d : delta.entrySet()) {
                if (d.getKey() == pair) {
                    continue;
                }
                long n = counts.getOrDefault(d.getKey(), 0L) + d.getValue();
                if (n > 0) {
                    counts.put(d.getKey(), n);
                    if (d.getValue() > 0) {
                        heap.add(new long[] {n, d.getKey()});
                    }
                } else {
                    counts.remove(d.getKey());
                }
            }
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            vocab.put(tokens.get(i), i);
        }
        LOG.info("trained a byte-level BPE tokenizer: {} tokens ({} merges) from {} distinct words in {} texts, {} ms",
                tokens.size(), merges.size(), words.length, texts, (System.nanoTime() - started) / 1_000_000);
        pool.shutdown();
        return new BpeTokenizer(vocab, merges, config.specialTokens());
    }

    private static int byCountThenIds(long[] x, long[] y) {
        if (x[0] != y[0]) {
            return Long.compare(y[0], x[0]);
        }
        return Long.compare(x[1], y[1]);
    }

    /** Pair counts over all words, in parallel over word ranges; sums, so the result is thread-independent. */
    private Map<Long, Long> countPairs(int[][] sym, int[] len, long[] freq) {
        int chunks = Math.max(1, pool.getParallelism() * 4);
        int n = sym.length;
        try {
            return pool.submit(() -> IntStream.range(0, chunks).parallel().mapToObj(c -> {
                Map<Long, Long> local = new HashMap<>();
                for (int w = (int) ((long) n * c / chunks); w < (long) n * (c + 1) / chunks; w++) {
                    for (int i = 0; i + 1 < len[w]; i++) {
                        local.merge(key(sym[w][i], sym[w][i + 1]), freq[w], Long::sum);
                    }
                }
                return local;
            }).reduce((x, y) -> {
                Map<Long, Long> big = x.size() >= y.size() ? x : y;
                (big == x ? y : x).forEach((k, v) -> big.merge(k, v, Long::sum));
                return big;
            }).orElseGet(HashMap::new)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("tokenizer training interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("tokenizer training failed while counting pairs: " + e.getCause(), e.getCause());
        }
    }

    /** Merges every (a, b) in word {@code w} into c, left to right, recording pair count changes. */
    private static void mergeWord(int[][] sym, int[] len, long[] freq, int w, int a, int b, int c,
                                  Map<Long, Long> delta, Map<Long, Set<Integer>> where) {
        int[] s = sym[w];
        int n = len[w];
        long f = freq[w];
        int out = 0;
        int i = 0;
        while (i < n) {
            if (i + 1 < n && s[i] == a && s[i + 1] == b) {
                if (out > 0) {
                    int left = s[out - 1];
                    delta.merge(key(left, a), -f, Long::sum);
                    delta.merge(key(left, c), f, Long::sum);
                    where.computeIfAbsent(key(left, c), k -> new HashSet<>()).add(w);
                }
                if (i + 2 < n) {
                    int right = s[i + 2];
                    delta.merge(key(b, right), -f, Long::sum);
                    delta.merge(key(c, right), f, Long::sum);
                    where.computeIfAbsent(key(c, right), k -> new HashSet<>()).add(w);
                }
                s[out++] = c;
                i += 2;
            } else {
                s[out++] = s[i++];
            }
        }
        len[w] = out;
    }

    private static long key(int a, int b) {
        return (long) a << 32 | (b & 0xFFFFFFFFL);
    }
}
