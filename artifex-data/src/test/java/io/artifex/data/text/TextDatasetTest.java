package io.artifex.data.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.SplitConfig;
import io.artifex.core.config.data.TextConfig;
import io.artifex.core.config.data.TokenizerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.data.DataSources;
import io.artifex.data.Split;
import io.artifex.data.text.source.TextFormatException;
import io.artifex.data.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packing, the document split, windows, shuffling, the cache and the DataConfig wiring. */
class TextDatasetTest {

    @TempDir
    Path dir;

    /** 40 distinct documents of 60-90 characters as JSON lines. */
    private Path corpus() throws IOException {
        Path f = dir.resolve("docs.jsonl");
        if (Files.exists(f)) {
            return f;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append("{\"text\": \"Document number ").append(i).append(" tells of the cat and the hat, then of ")
                    .append("mat ".repeat(i % 5)).append("end.\"}\n");
        }
        Files.writeString(f, sb);
        return f;
    }

    private static String doc(int i) {
        return "Document number " + i + " tells of the cat and the hat, then of " + "mat ".repeat(i % 5) + "end.";
    }

    private static int[] read(Path tokens) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(tokens)).order(ByteOrder.LITTLE_ENDIAN);
        int[] ids = new int[b.remaining() / 4];
        b.asIntBuffer().get(ids);
        return ids;
    }

    /** The documents of a token stream: ids between end-of-text ids, decoded. */
    private static List<String> documents(int[] ids, Tokenizer t) {
        List<String> docs = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == t.endOfTextId()) {
                docs.add(t.decode(Arrays.copyOfRange(ids, from, i)));
                from = i + 1;
            }
        }
        assertThat(from).as("stream ends with end-of-text").isEqualTo(ids.length);
        return docs;
    }

    private TextDataset build(int bufferChars, Path cache) throws IOException {
        return TextDataset.builder().corpus(TextCorpus.of(corpus(), "auto", "text"))
                .tokenizer(TokenizerConfig.builder().vocabSize(300).build())
                .split(SplitConfig.of(0.25, 3)).cacheDirectory(cache).bufferChars(bufferChars).build();
    }

    /**
     * Every document lands whole in exactly one split, 10 of 40 in test, each followed by end-of-text.
     * Planted bugs caught: splitting by piece or by window instead of by document (a document in both
     * splits), a missing end-of-text after the last document.
     */
    @Test
    void splitsWholeDocumentsAndMarksTheirEnds() throws IOException {
        TextDataset ds = build(1 << 20, dir.resolve("cache"));
        Tokenizer t = ds.tokenizer();
        List<String> train = documents(read(ds.tokenFile(Split.TRAIN)), t);
        List<String> test = documents(read(ds.tokenFile(Split.TEST)), t);
        assertThat(test).hasSize(10);
        assertThat(train).hasSize(30);
        assertThat(ds.documents(Split.TEST)).isEqualTo(10);
        Set<String> all = new HashSet<>(train);
        all.addAll(test);
        assertThat(all).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(all).contains(doc(i));
        }
        assertThat(ds.tokens(Split.TRAIN)).isEqualTo(read(ds.tokenFile(Split.TRAIN)).length);
        // the documents keep corpus order inside each split
        List<String> inOrder = new ArrayList<>(train);
        inOrder.sort((a, b) -> Integer.compare(number(a), number(b)));
        assertThat(train).isEqualTo(inOrder);
    }

    private static int number(String doc) {
        return Integer.parseInt(doc.split(" ")[2]);
    }

    /**
     * A buffer of 100 characters (the corpus has about 3,000) gives the same token files as a large
     * one and never holds more than the buffer. Planted bug caught: flushing the buffer out of order
     * (the token files would differ).
     */
    @Test
    void boundedBufferGivesTheSameTokens() throws IOException {
        TextDataset big = build(1 << 20, dir.resolve("big"));
        TextDataset small = build(100, dir.resolve("small"));
        assertThat(small.maxBufferedChars()).isPositive().isLessThanOrEqualTo(100);
        assertThat(Files.size(corpus())).isGreaterThan(2000);
        for (Split s : Split.values()) {
            assertThat(read(small.tokenFile(s))).containsExactly(read(big.tokenFile(s)));
        }
    }

    /** A second build of the unchanged corpus reads the cache; a changed corpus is packed again. */
    @Test
    void cachesAndNoticesChanges() throws IOException {
        Path cache = dir.resolve("c");
        TextDataset first = build(1 << 20, cache);
        TextDataset again = build(1 << 20, cache);
        assertThat(again.maxBufferedChars()).isZero();
        assertThat(again.directory()).isEqualTo(first.directory());
        assertThat(again.tokenizer().vocabSize()).isEqualTo(first.tokenizer().vocabSize());
        Files.writeString(corpus(), "{\"text\": \"extra\"}\n", java.nio.file.StandardOpenOption.APPEND);
        TextDataset changed = TextDataset.builder().corpus(TextCorpus.of(dir.resolve("docs.jsonl"), "auto", "text"))
                .tokenizer(TokenizerConfig.builder().vocabSize(300).build()).split(SplitConfig.of(0.25, 3))
                .cacheDirectory(cache).build();
        assertThat(changed.directory()).isNotEqualTo(first.directory());
        assertThat(changed.documents(Split.TRAIN) + changed.documents(Split.TEST)).isEqualTo(41);
    }

    /**
     * Windows cut the stream into maxLength ids, the last filled with the pad id; an epoch serves each
     * window once, in a seeded order. Planted bugs caught: padding with 0 instead of the pad id,
     * reading window i from token i instead of token i * maxLength.
     */
    @Test
    void windowsAndSeededShuffling() throws IOException {
        TextDataset ds = build(1 << 20, dir.resolve("w"));
        int[] stream = read(ds.tokenFile(Split.TRAIN));
        int maxLength = 7;
        TextBatchSource src = ds.source(Split.TRAIN, maxLength, 4, 11L, true);
        assertThat(src.size()).isEqualTo((stream.length + maxLength - 1) / maxLength);
        int last = src.size() - 1;
        int[] tail = src.window(last);
        int have = stream.length - last * maxLength;
        assertThat(Arrays.copyOf(tail, have)).containsExactly(Arrays.copyOfRange(stream, last * maxLength, stream.length));
        for (int i = have; i < maxLength; i++) {
            assertThat(tail[i]).isEqualTo(ds.tokenizer().padId()).isEqualTo(1);
        }
        assertThat(src.order(0)).isEqualTo(ds.source(Split.TRAIN, maxLength, 4, 11L, true).order(0))
                .isNotEqualTo(src.order(1)).isNotEqualTo(ds.source(Split.TRAIN, maxLength, 4, 12L, true).order(0));
        List<String> seen = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            EpochIterator it = src.epoch(0);
            while (it.hasNext()) {
                Batch b = it.next(m);
                assertThat(b.labels()).isEmpty();
                assertThat(b.x().getDataType()).isEqualTo(DataType.INT32);
                assertThat(b.x().getShape().get(1)).isEqualTo(maxLength);
                int[] ids = b.x().toIntArray();
                for (int k = 0; k < b.size(); k++) {
                    seen.add(Arrays.toString(Arrays.copyOfRange(ids, k * maxLength, (k + 1) * maxLength)));
                }
                b.x().close();
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < src.size(); i++) {
            expected.add(Arrays.toString(Arrays.copyOfRange(stream, i * maxLength, Math.min(stream.length, (i + 1) * maxLength))
                    ).replace("]", i == last ? ", 1".repeat(maxLength - have) + "]" : "]"));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** dataset: text through DataSources with a config built by builders, and bad corpora named. */
    @Test
    void dataSourcesBuildsTextFromConfig() throws IOException {
        DataConfig config = DataConfig.builder().dataset("text").cacheDirectory(dir.resolve("ds").toString())
                .split(SplitConfig.of(0.25, 3))
                .text(TextConfig.builder().path(corpus().toString()).maxLength(16)
                        .tokenizer(TokenizerConfig.builder().kind("char").build()).build())
                .build();
        BatchSource train = DataSources.train(config, 8, 1L);
        BatchSource test = DataSources.test(config, 8, 1L);
        assertThat(train.exampleShape().getShape()).containsExactly(16L);
        assertThat(((TextBatchSource) train).tokenizer().vocabSize()).isEqualTo(TextDataset.of(config).tokenizer().vocabSize());
        assertThat(train.size()).isGreaterThan(test.size());
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n\n  \n");
        DataConfig bad = config.toBuilder().text(TextConfig.builder().path(empty.toString()).build()).build();
        assertThatThrownBy(() -> DataSources.train(bad, 8, 1L)).hasMessageContaining("file " + empty + " is empty")
                .hasRootCauseInstanceOf(TextFormatException.class);
    }

    /**
     * A character tokenizer gives an id to a character that only a test document has. Planted bug
     * caught: collecting the alphabet from the training documents only (packing the test split fails).
     */
    @Test
    void characterTokenizerCoversTestOnlyCharacters() throws IOException {
        Path lines = Files.writeString(dir.resolve("three.txt"), "aaa\nbbb\nccc\n");
        TextDataset ds = TextDataset.builder().corpus(TextCorpus.of(lines, "lines", "text"))
                .tokenizer(TokenizerConfig.builder().kind("char").build()).split(SplitConfig.of(0.34, 5))
                .cacheDirectory(dir.resolve("chars")).build();
        List<String> test = documents(read(ds.tokenFile(Split.TEST)), ds.tokenizer());
        List<String> train = documents(read(ds.tokenFile(Split.TRAIN)), ds.tokenizer());
        assertThat(test).hasSize(1);
        assertThat(train).hasSize(2).doesNotContain(test.get(0));
        assertThat(ds.tokenizer().vocabSize()).isEqualTo(2 + 3);
    }

    /** The embedded corpora are there: 500 Brown texts, and Tiny Shakespeare's first speech. */
    @Test
    void embeddedCorpora() throws IOException {
        long[] chars = {0};
        long brown = TextCorpus.embedded("brown").forEachPiece((doc, text, ends) -> chars[0] += text.length());
        assertThat(brown).isEqualTo(500);
        assertThat(chars[0]).isEqualTo(5_965_180);
        List<String> first = new ArrayList<>();
        long speeches = TextCorpus.embedded("tiny-shakespeare").forEachPiece((doc, text, ends) -> {
            if (doc == 0) {
                first.add(text);
            }
        });
        assertThat(first).containsExactly("First Citizen:\nBefore we proceed any further, hear me speak.");
        assertThat(speeches).isGreaterThan(7000);
    }
}
