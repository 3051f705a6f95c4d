package io.artifex.data.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.SplitConfig;
import io.artifex.core.config.data.TextConfig;
import io.artifex.core.config.data.TokenizerConfig;
import io.artifex.data.EpochOrder;
import io.artifex.data.Split;
import io.artifex.data.folder.ImageFolderDataset;
import io.artifex.data.text.tokenizer.BpeTrainer;
import io.artifex.data.text.tokenizer.CharTokenizer;
import io.artifex.data.text.tokenizer.Tokenizer;
import io.artifex.data.text.tokenizer.TokenizerJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A text corpus tokenized and packed for a language model. Building one reads the corpus in three
 * streaming passes: count the documents and choose the test documents (a seeded
 * {@code round(n * testFraction)} of whole documents, at least one, leaving one, the rule image
 * folders use); load the tokenizer, or train a BPE on the training documents only (a character
 * tokenizer takes the alphabet of all documents, so no test character lacks an id); tokenize each
 * document (in parallel, a bounded buffer of text at a time) and append its ids and the
 * end-of-text id to its split's token file. The token files, the tokenizer and a summary are
 * cached under a key made of the corpus files (paths, sizes, modification times), the format, the
 * tokenizer settings and the split rule, so the second build of an unchanged corpus reads the cache.
 * {@link #source} then serves windows of any length from the token files.
 *
 * <pre>{@code
 * TextDataset text = TextDataset.builder().corpus(TextCorpus.embedded("brown")).build();
 * BatchSource train = text.source(Split.TRAIN, 256, 32, 1L, true);
 * }</pre>
 *
 * <p>Thread-safety: immutable once built and safe to share between threads; the batch sources
 * {@link #source} returns are not thread-safe (one per thread), and the {@code Builder} is not
 * thread-safe either.
 */
public final class TextDataset {

    private static final Logger LOG = LoggerFactory.getLogger(TextDataset.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAYOUT = "artifex-text-v1";

    private final Path directory;
    private final Tokenizer tokenizer;
    private final long[] documents;
    private final long[] tokens;
    private final long maxBufferedChars;

    private TextDataset(Path directory, Tokenizer tokenizer, long[] documents, long[] tokens, long maxBufferedChars) {
        this.directory = directory;
        this.tokenizer = tokenizer;
        this.documents = documents;
        this.tokens = tokens;
        this.maxBufferedChars = maxBufferedChars;
    }

    /** A builder; set at least nothing (the embedded Brown corpus with a trained 4,096-token BPE). */
    public static Builder builder() {
        return new Builder();
    }

    /** The data set {@code config.text} describes (its {@code split} divides the documents). */
    public static TextDataset of(DataConfig config) throws IOException {
        TextConfig text = config.textOrDefaults();
        TextCorpus corpus = text.path() == null || text.path().isBlank() ? TextCorpus.embedded(text.corpus())
                : TextCorpus.of(Path.of(text.path()), text.format(), text.field());
        Builder b = builder().corpus(corpus).tokenizer(text.tokenizer()).split(config.split());
        if (config.cacheDirectory() != null && !config.cacheDirectory().isBlank()) {
            b.cacheDirectory(Path.of(config.cacheDirectory()));
        }
        return b.build();
    }

    /** The tokenizer the ids come from. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** Where the token files, {@code tokenizer.json} and the summary are. */
    public Path directory() {
        return directory;
    }

    /** The packed token file of {@code split}. */
    public Path tokenFile(Split split) {
        return directory.resolve(split == Split.TRAIN ? "train.tokens" : "test.tokens");
    }

    /** The number of documents in {@code split}. */
    public long documents(Split split) {
        return documents[split.ordinal()];
    }

    /** The number of token ids in {@code split}, end-of-text ids included. */
    public long tokens(Split split) {
        return tokens[split.ordinal()];
    }

    /** The most characters held in the tokenizing buffer while packing (0 when read from the cache). */
    public long maxBufferedChars() {
        return maxBufferedChars;
    }

    /** Windows of {@code maxLength} ids of {@code split}, in batches of {@code batchSize}, shuffled with {@code seed} if asked. */
    public TextBatchSource source(Split split, int maxLength, int batchSize, long seed, boolean shuffle) {
        if (tokens(split) == 0) {
            throw new IllegalArgumentException("the " + split.name().toLowerCase(java.util.Locale.ROOT)
                    + " split of the text corpus has no tokens");
        }
        return new TextBatchSource(tokenFile(split), tokens(split), maxLength, tokenizer, batchSize, seed, shuffle);
    }

    /** Options for {@link TextDataset}. */
    public static final class Builder {
        private TextCorpus corpus;
        private TokenizerConfig tokenizer = TokenizerConfig.defaults();
        private SplitConfig split = SplitConfig.defaults();
        private Path cacheDirectory;
        private int bufferChars = 8 << 20;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        /** The corpus; default the embedded Brown corpus. */
        public Builder corpus(TextCorpus corpus) {
            this.corpus = corpus;
            return this;
        }

        /** The tokenizer to load ({@code path}) or train; default {@link TokenizerConfig#defaults()}. */
        public Builder tokenizer(TokenizerConfig tokenizer) {
            this.tokenizer = tokenizer;
            return this;
        }

        /** How documents are divided into training and test documents; default 10% held out, seed 0. */
        public Builder split(SplitConfig split) {
            this.split = split;
            return this;
        }

        /** Where the packed data go; default {@code $ARTIFEX_CACHE/text}, else {@code ~/.cache/artifex/text}. */
        public Builder cacheDirectory(Path cacheDirectory) {
            this.cacheDirectory = cacheDirectory;
            return this;
        }

        /** The most characters of text tokenized at once (memory bound of packing); default 8 Mi. */
        public Builder bufferChars(int bufferChars) {
            if (bufferChars < 1) {
                throw new IllegalArgumentException("bufferChars must be >= 1, got " + bufferChars);
            }
            this.bufferChars = bufferChars;
            return this;
        }

        /** Threads for tokenizer training and tokenizing; default all cores (the result does not depend on it). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Packs the corpus (or reads the cache) and returns the data set. */
        public TextDataset build() throws IOException {
            TextCorpus c = corpus == null ? TextCorpus.embedded("brown") : corpus;
            if (tokenizer == null || split == null) {
                throw new IllegalArgumentException("text data set: tokenizer and split must not be null");
            }
            Path base = cacheDirectory != null ? cacheDirectory.resolve("text") : defaultCacheDirectory();
            Path dir = base.resolve(key(c));
            Path summary = dir.resolve("summary.json");
            if (Files.isRegularFile(summary)) {
                TextDataset cached = readCache(dir, summary);
                if (cached != null) {
                    LOG.debug("text corpus {} read from the cache {}", c.description(), dir);
                    return cached;
                }
            }
            return pack(c, dir);
        }

        private String key(TextCorpus c) throws IOException {
            StringBuilder sb = new StringBuilder(LAYOUT).append('\n').append(c.identity()).append('\n');
            sb.append(tokenizer.kind()).append('|').append(tokenizer.vocabSize()).append('|')
                    .append(tokenizer.minFrequency()).append('|').append(tokenizer.specialTokens()).append('\n');
            if (tokenizer.path() != null && !tokenizer.path().isBlank()) {
                Path p = Path.of(tokenizer.path());
                sb.append("file:").append(Files.isRegularFile(p) ? sha256(Files.readAllBytes(p)) : p.toString()).append('\n');
            }
            sb.append(split.testFraction()).append('|').append(split.seed());
            return sha256(sb.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 24);
        }

        private TextDataset readCache(Path dir, Path summary) {
            try {
                JsonNode s = JSON.readTree(summary.toFile());
                Tokenizer t = TokenizerJson.read(dir.resolve("tokenizer.json"));
                long[] docs = {s.path("trainDocuments").asLong(), s.path("testDocuments").asLong()};
                long[] toks = {s.path("trainTokens").asLong(), s.path("testTokens").asLong()};
                for (Split sp : Split.values()) {
                    Path f = dir.resolve(sp == Split.TRAIN ? "train.tokens" : "test.tokens");
                    if (!Files.isRegularFile(f) || Files.size(f) != toks[sp.ordinal()] * 4) {
                        return null;
                    }
                }
                return new TextDataset(dir, t, docs, toks, 0);
            } catch (IOException | RuntimeException e) {
                LOG.warn("text cache {} is unreadable ({}); rebuilding it", dir, e.getMessage());
                return null;
            }
        }

        private TextDataset pack(TextCorpus c, Path dir) throws IOException {
            long started = System.nanoTime();
            Files.createDirectories(dir);
            long n = c.forEachPiece((doc, text, ends) -> {
            });
            if (n < 2) {
                throw new IllegalArgumentException("text corpus " + c.description() + " has " + n + " document; holding"
                        + " out test documents needs at least 2 (format paragraphs or lines cuts a file into more)");
            }
            int testCount = (int) Math.min(n - 1, Math.max(1, Math.round(n * split.testFraction())));
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("text corpus " + c.description() + " has " + n
                        + " documents, more than " + Integer.MAX_VALUE);
            }
            int[] order = EpochOrder.permutation((int) n, split.seed(), 0);
            BitSet test = new BitSet((int) n);
            for (int k = 0; k < testCount; k++) {
                test.set(order[k]);
            }
            Tokenizer t = tokenizer(c, test);
            Path tokFile = dir.resolve("tokenizer.json");
            t.save(tokFile);
            ForkJoinPool pool = new ForkJoinPool(threads);
            long[] docs = new long[2];
            long[] toks = new long[2];
            long maxBuffered;
            Path trainTmp = Files.createTempFile(dir, "train", ".tmp");
            Path testTmp = Files.createTempFile(dir, "test", ".tmp");
            try (OutputStream trainOut = new BufferedOutputStream(Files.newOutputStream(trainTmp), 1 << 16);
                 OutputStream testOut = new BufferedOutputStream(Files.newOutputStream(testTmp), 1 << 16)) {
                Packer packer = new Packer(t, pool, bufferChars, new OutputStream[] {trainOut, testOut}, toks);
                c.forEachPiece((doc, text, ends) -> {
                    int s = test.get((int) doc) ? 1 : 0;
                    if (ends) {
                        docs[s]++;
                    }
                    packer.add(s, text, ends);
                });
                packer.flush();
                maxBuffered = packer.maxBuffered;
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(trainTmp);
                Files.deleteIfExists(testTmp);
                throw e;
            } finally {
                pool.shutdown();
            }
            Files.move(trainTmp, dir.resolve("train.tokens"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(testTmp, dir.resolve("test.tokens"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            ObjectNode s = JSON.createObjectNode();
            s.put("layout", LAYOUT);
            s.put("corpus", c.description());
            s.put("trainDocuments", docs[0]);
            s.put("testDocuments", docs[1]);
            s.put("trainTokens", toks[0]);
            s.put("testTokens", toks[1]);
            s.put("vocabSize", t.vocabSize());
            Path tmp = Files.createTempFile(dir, "summary", ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), s);
            Files.move(tmp, dir.resolve("summary.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("text corpus {}: {} training and {} test documents, {} and {} tokens (vocabulary {}), packed in"
                            + " {} ms into {}", c.description(), docs[0], docs[1], toks[0], toks[1], t.vocabSize(),
                    (System.nanoTime() - started) / 1_000_000, dir);
            return new TextDataset(dir, t, docs, toks, maxBuffered);
        }

        /** Loads the tokenizer file, or trains a BPE on the training documents only (a character tokenizer on all). */
        private Tokenizer tokenizer(TextCorpus c, BitSet test) throws IOException {
            if (tokenizer.path() != null && !tokenizer.path().isBlank()) {
                return TokenizerJson.read(Path.of(tokenizer.path()));
            }
            if (tokenizer.kind().equals("char")) {
                BitSet seen = new BitSet();
                // the alphabet of all documents (as nanoGPT's), so a character seen only in a test
                // document still has an id; the ids carry nothing else from the test documents
                c.forEachPiece((doc, text, ends) -> text.codePoints().forEach(seen::set));
                if (seen.isEmpty()) {
                    throw new IllegalArgumentException("text corpus " + c.description() + ": the documents"
                            + " hold no characters to build a character tokenizer from");
                }
                return new CharTokenizer(tokenizer.specialTokens(), seen.stream().toArray());
            }
            BpeTrainer trainer = new BpeTrainer(tokenizer, threads);
            c.forEachPiece((doc, text, ends) -> {
                if (!test.get((int) doc)) {
                    trainer.add(text);
                }
            });
            return trainer.train();
        }
    }

    /** Tokenizes buffered pieces in parallel (order kept) and writes ids, plus end-of-text after each document. */
    private static final class Packer {
        private final Tokenizer tokenizer;
        private final ForkJoinPool pool;
        private final int bufferChars;
        private final OutputStream[] out;
        private final long[] counts;
        private final List<String> texts = new ArrayList<>();
        private final List<int[]> meta = new ArrayList<>();
        private long buffered;
        private long maxBuffered;
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        Packer(Tokenizer tokenizer, ForkJoinPool pool, int bufferChars, OutputStream[] out, long[] counts) {
            this.tokenizer = tokenizer;
            this.pool = pool;
            this.bufferChars = bufferChars;
            this.out = out;
            this.counts = counts;
        }

        void add(int split, String text, boolean ends) throws IOException {
            if (buffered > 0 && buffered + text.length() > bufferChars) {
                flush();
            }
            texts.add(text);
            meta.add(new int[] {split, ends ? 1 : 0});
            buffered += text.length();
            maxBuffered = Math.max(maxBuffered, buffered);
        }

        void flush() throws IOException {
            if (texts.isEmpty()) {
                return;
            }
            List<int[]> ids;
            try {
                ids = pool.submit(() -> texts.parallelStream().map(tokenizer::encodeOrdinary).toList()).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("tokenizing interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IOException("tokenizing failed: " + e.getCause(), e.getCause());
            }
            for (int i = 0; i < ids.size(); i++) {
                int s = meta.get(i)[0];
                write(s, ids.get(i));
                if (meta.get(i)[1] == 1) {
                    write(s, new int[] {tokenizer.endOfTextId()});
                }
            }
            texts.clear();
            meta.clear();
            buffered = 0;
        }

        private void write(int split, int[] ids) throws IOException {
            for (int id : ids) {
                if (!bytes.hasRemaining()) {
                    out[split].write(bytes.array(), 0, bytes.position());
                    bytes.clear();
                }
                bytes.putInt(id);
            }
            out[split].write(bytes.array(), 0, bytes.position());
            bytes.clear();
            counts[split] += ids.length;
        }
    }

    /** {@code $ARTIFEX_CACHE/text}, else {@code ~/.cache/artifex/text}. */
    public static Path defaultCacheDirectory() {
        return ImageFolderDataset.defaultCacheDirectory().resolveSibling("text");
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
