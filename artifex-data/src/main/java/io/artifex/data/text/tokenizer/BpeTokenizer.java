package io.artifex.data.text.tokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A byte-level BPE tokenizer in the style of GPT-2: text is cut into pre-tokens
 * ({@link ByteLevel#PRE_TOKENIZE}), each pre-token's UTF-8 bytes are spelled with the 256
 * byte-level characters, and the merges are applied lowest rank first. Because every byte has a
 * token, {@code decode(encode(s)).equals(s)} for every string without unpaired surrogates (those
 * come back as U+FFFD, see {@link ByteLevel#utf8}). Merging a pre-token of length n costs
 * O(n log n), so a 10 MB line encodes in seconds.
 *
 * <p>Build one with {@link BpeTrainer}, or read a HuggingFace {@code tokenizer.json} with
 * {@link TokenizerJson#read}; {@link #save} writes that format.
 *
 * <p>Thread-safety: thread-safe once built: its tables are not changed afterwards and its encoding
 * cache is a concurrent map.
 */
public final class BpeTokenizer implements Tokenizer {

    private static final int CACHE_LIMIT = 200_000;
    private static final int CACHE_WORD_LENGTH = 64;

    private final List<String> vocab;
    private final Map<String, Integer> ids;
    private final List<String[]> merges;
    private final PairTable mergeTable;
    private final int[] byteIds = new int[256];
    private final List<String> specials;
    private final int[] specialIds;
    private final Pattern specialPattern;
    private final int endOfText;
    private final int pad;
    private final byte[][] tokenBytes;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * A tokenizer from its vocabulary and merges.
     *
     * @param vocab token -> id; ids must be 0..size-1 without gaps or repeats, and every byte-level
     *              character ({@link ByteLevel#alphabet()}) must be a token
     * @param merges the merge rules in rank order, each a pair of tokens whose concatenation is a token
     * @param specialTokens special tokens, each in {@code vocab}; must hold {@value Tokenizer#END_OF_TEXT}
     * @throws IllegalArgumentException naming the offending token or merge index
     */
    public BpeTokenizer(Map<String, Integer> vocab, List<String[]> merges, List<String> specialTokens) {
        int size = vocab.size();
        String[] byId = new String[size];
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            Integer id = e.getValue();
            if (id == null || id < 0 || id >= size) {
                throw new IllegalArgumentException("vocab: token '" + e.getKey() + "' has id " + id
                        + ", ids must be 0.." + (size - 1) + " without gaps");
            }
            if (byId[id] != null) {
                throw new IllegalArgumentException("vocab: id " + id + " is given to both '" + byId[id] + "' and '"
                        + e.getKey() + "'");
            }
            byId[id] = e.getKey();
        }
        this.vocab = List.of(byId);
        this.ids = Map.copyOf(vocab);
        for (int b = 0; b < 256; b++) {
            Integer id = vocab.get(String.valueOf(ByteLevel.charOf(b)));
            if (id == null) {
                throw new IllegalArgumentException(String.format("vocab: lacks the byte-level token '%c' for byte 0x%02X;"
                        + " only byte-level BPE vocabularies (GPT-2 style) are supported", ByteLevel.charOf(b), b));
            }
            byteIds[b] = id;
        }
        this.merges = List.copyOf(merges);
        this.mergeTable = new PairTable(merges.size());
        for (int r = 0; r < merges.size(); r++) {
            String[] m = merges.get(r);
            if (m == null || m.length != 2 || m[0] == null || m[1] == null) {
                throw new IllegalArgumentException("merges[" + r + "]: must be a pair of two tokens");
            }
            Integer a = vocab.get(m[0]);
            Integer b = vocab.get(m[1]);
            Integer c = vocab.get(m[0] + m[1]);
            if (a == null || b == null || c == null) {
                String missing = a == null ? m[0] : b == null ? m[1] : m[0] + m[1];
                throw new IllegalArgumentException("merges[" + r + "]: '" + m[0] + "' + '" + m[1] + "' needs the token '"
                        + missing + "', which is not in the vocab");
            }
            mergeTable.putIfAbsent(key(a, b), r, c);
        }
        if (specialTokens == null || !specialTokens.contains(END_OF_TEXT)) {
            throw new IllegalArgumentException("special tokens must include " + END_OF_TEXT + ", got " + specialTokens);
        }
        List<String> sorted = new ArrayList<>(specialTokens);
        for (String s : sorted) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("a special token is the empty string");
            }
            if (!vocab.containsKey(s)) {
                throw new IllegalArgumentException("special token '" + s + "' is not in the vocab");
            }
        }
        sorted.sort((x, y) -> Integer.compare(vocab.get(x), vocab.get(y)));
        this.specials = List.copyOf(sorted);
        this.specialIds = sorted.stream().mapToInt(vocab::get).toArray();
        List<String> longestFirst = new ArrayList<>(sorted);
        longestFirst.sort((x, y) -> Integer.compare(y.length(), x.length()));
        this.specialPattern = Pattern.compile(String.join("|", longestFirst.stream().map(Pattern::quote).toList()));
        this.endOfText = vocab.get(END_OF_TEXT);
        this.pad = sorted.contains(PAD) ? vocab.get(PAD) : endOfText;
        this.tokenBytes = new byte[size][];
        for (int id = 0; id < size; id++) {
            tokenBytes[id] = bytesOf(id);
        }
    }

    private static long key(int a, int b) {
        return (long) a << 32 | (b & 0xFFFFFFFFL);
    }

    @Override
    public int[] encode(String text) {
        IntList out = new IntList(text.length() / 3 + 4);
        java.util.regex.Matcher m = specialPattern.matcher(text);
        int from = 0;
        while (m.find()) {
            encodeInto(text.substring(from, m.start()), out);
            out.add(ids.get(m.group()));
            from = m.end();
        }
        encodeInto(text.substring(from), out);
        return out.toArray();
    }

    @Override
    public int[] encodeOrdinary(String text) {
        IntList out = new IntList(text.length() / 3 + 4);
        encodeInto(text, out);
        return out.toArray();
    }

    private void encodeInto(String text, IntList out) {
        if (text.isEmpty()) {
            return;
        }
        for (String word : ByteLevel.preTokenize(text)) {
            if (word.length() <= CACHE_WORD_LENGTH) {
                int[] cached = cache.get(word);
                if (cached == null) {
                    cached = encodeWord(word);
                    if (cache.size() >= CACHE_LIMIT) {
                        cache.clear();
                    }
                    cache.put(word, cached);
                }
                out.addAll(cached);
            } else {
                out.addAll(encodeWord(word));
            }
        }
    }

    /** BPE on one pre-token: a linked list of symbols and a heap of candidate merges (rank, position). */
    private int[] encodeWord(String word) {
        byte[] bytes = ByteLevel.utf8(word);
        int n = bytes.length;
        int[] sym = new int[n];
        int[] next = new int[n];
        int[] prev = new int[n];
        for (int i = 0; i < n; i++) {
            sym[i] = byteIds[bytes[i] & 0xFF];
            next[i] = i + 1;
            prev[i] = i - 1;
        }
        if (n > 1 && !mergeTable.isEmpty()) {
            // a min-heap of (rank << 32 | left position); an entry is acted on only if the pair now at
            // that position still has that rank, so stale entries are skipped when popped
            LongHeap heap = new LongHeap(n);
            for (int i = 0; i + 1 < n; i++) {
                push(heap, sym, i, i + 1);
            }
            while (!heap.isEmpty()) {
                long top = heap.poll();
                int left = (int) top;
                int right = next[left];
                if (sym[left] < 0 || right >= n) {
                    continue;
                }
                int slot = mergeTable.find(key(sym[left], sym[right]));
                if (slot < 0 || mergeTable.rank(slot) != top >>> 32) {
                    continue;
                }
                sym[left] = mergeTable.merged(slot);
                sym[right] = -1;
                next[left] = next[right];
                if (next[right] < n) {
                    prev[next[right]] = left;
                }
                if (prev[left] >= 0) {
                    push(heap, sym, prev[left], left);
                }
                if (next[left] < n) {
                    push(heap, sym, left, next[left]);
                }
            }
        }
        IntList out = new IntList(n);
        for (int i = 0; i < n; i = next[i]) {
            out.add(sym[i]);
        }
        return out.toArray();
    }

    private void push(LongHeap heap, int[] sym, int left, int right) {
        int slot = mergeTable.find(key(sym[left], sym[right]));
        if (slot >= 0) {
            heap.add((long) mergeTable.rank(slot) << 32 | left);
        }
    }

    @Override
    public String decode(int[] tokens) {
        int total = 0;
        for (int k = 0; k < tokens.length; k++) {
            int id = tokens[k];
            if (id < 0 || id >= vocab.size()) {
                throw new IllegalArgumentException("decode: id " + id + " at position " + k + " is outside the vocab (0.."
                        + (vocab.size() - 1) + ")");
            }
            total += tokenBytes[id].length;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (int id : tokens) {
            byte[] t = tokenBytes[id];
            System.arraycopy(t, 0, out, at, t.length);
            at += t.length;
        }
        return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The bytes a token stands for: its byte-level characters mapped back, or a special token's UTF-8. */
    private byte[] bytesOf(int id) {
        String token = vocab.get(id);
        if (isSpecial(id)) {
            return token.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(token.length());
        for (int i = 0; i < token.length(); i++) {
            int b = ByteLevel.byteOf(token.charAt(i));
            if (b < 0) {
                byte[] raw = String.valueOf(token.charAt(i)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            } else {
                bytes.write(b);
            }
        }
        return bytes.toByteArray();
    }

    private boolean isSpecial(int id) {
        for (int s : specialIds) {
            if (s == id) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int vocabSize() {
        return vocab.size();
    }

    @Override
    public int endOfTextId() {
        return endOfText;
    }

    @Override
    public int padId() {
        return pad;
    }

    @Override
    public List<String> specialTokens() {
        return specials;
    }

    /** The tokens in id order. */
    public List<String> vocab() {
        return vocab;
    }

    /** The id of {@code token}, or -1 if it is not in the vocabulary. */
    public int idOf(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    /** The merge rules in rank order, each a pair of tokens. */
    public List<String[]> merges() {
        return Collections.unmodifiableList(merges);
    }

    /** Token -> id, in id order. */
    public Map<String, Integer> vocabMap() {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (int i = 0; i < vocab.size(); i++) {
            ordered.put(vocab.get(i), i);
        }
        return ordered;
    }

    @Override
    public void save(Path file) throws IOException {
        TokenizerJson.write(this, file, TokenizerJson.MergesSpelling.PAIRS);
    }

    /** Open addressing from a token pair (two ids in a long) to its merge rank and merged id. */
    static final class PairTable {
        private final long[] keys;
        private final int[] ranks;
        private final int[] merged;
        private final int mask;
        private int size;

        PairTable(int expected) {
            int cap = Integer.highestOneBit(Math.max(4, expected * 2 + 1)) << 1;
            keys = new long[cap];
            ranks = new int[cap];
            merged = new int[cap];
            java.util.Arrays.fill(ranks, -1);
            mask = cap - 1;
        }

        private int slotOf(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            int i = (int) (h >>> 40) & mask;
            while (ranks[i] >= 0 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            return i;
        }

        void putIfAbsent(long key, int rank, int mergedId) {
            int i = slotOf(key);
            if (ranks[i] < 0) {
                keys[i] = key;
                ranks[i] = rank;
                merged[i] = mergedId;
                size++;
            }
        }

        /** The slot of {@code key}, or -1. */
        int find(long key) {
            int i = slotOf(key);
            return ranks[i] < 0 ? -1 : i;
        }

        int rank(int slot) {
            return ranks[slot];
        }

        int merged(int slot) {
            return merged[slot];
        }

        boolean isEmpty() {
            return size == 0;
        }
    }

    /** A binary min-heap of longs. */
    static final class LongHeap {
        private long[] data;
        private int size;

        LongHeap(int capacity) {
            data = new long[Math.max(4, capacity)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void add(long v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (data[parent] <= v) {
                    break;
                }
                data[i] = data[parent];
                i = parent;
            }
            data[i] = v;
        }

        long poll() {
            long top = data[0];
            long last = data[--size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && data[child + 1] < data[child]) {
                    child++;
                }
                if (data[child] >= last) {
                    break;
                }
                data[i] = data[child];
                i = child;
            }
            data[i] = last;
            return top;
        }
    }

    /** A growable int array. */
    static final class IntList {
        private int[] data;
        private int size;

        IntList(int capacity) {
            data = new int[Math.max(4, capacity)];
        }

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = v;
        }

        void addAll(int[] vs) {
            if (size + vs.length > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + vs.length));
            }
            System.arraycopy(vs, 0, data, size, vs.length);
            size += vs.length;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
