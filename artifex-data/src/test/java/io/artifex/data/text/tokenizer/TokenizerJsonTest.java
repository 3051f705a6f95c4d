package io.artifex.data.text.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tokenizer.json in both merges spellings, and files in the wrong format. */
class TokenizerJsonTest {

    @TempDir
    Path dir;

    /** GPT-2's header with the tiny vocabulary of {@link BpeTokenizerTest#tiny()} and merges spelled {@code "a b"}. */
    private String gpt2Style(String merges) {
        StringBuilder vocab = new StringBuilder("{\"<|endoftext|>\": 0, \"<|pad|>\": 1");
        ObjectMapper json = new ObjectMapper();
        int id = 2;
        try {
            for (String c : ByteLevel.alphabet()) {
                vocab.append(", ").append(json.writeValueAsString(c)).append(": ").append(id++);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        vocab.append(", \"ab\": 258, \"abc\": 259, \"bc\": 260, \"aa\": 261, \"\u0120bc\": 262}");
        return "{\"version\": \"1.0\", \"added_tokens\": ["
                + "{\"id\": 0, \"content\": \"<|endoftext|>\", \"special\": true},"
                + "{\"id\": 1, \"content\": \"<|pad|>\", \"special\": true}],"
                + "\"normalizer\": null,"
                + "\"pre_tokenizer\": {\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": true},"
                + "\"decoder\": {\"type\": \"ByteLevel\"},"
                + "\"model\": {\"type\": \"BPE\", \"vocab\": " + vocab + ", \"merges\": " + merges + "}}";
    }

    private Path write(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    /**
     * A hand-written file in each spelling encodes as worked out by hand in {@link BpeTokenizerTest}.
     * Planted bug caught: a reader that only knows one spelling (either test fails on the other).
     */
    @Test
    void readsBothMergesSpellings() throws Exception {
        Path strings = write("strings.json", gpt2Style("[\"a b\", \"ab c\", \"b c\", \"a a\", \"\u0120 bc\"]"));
        Path pairs = write("pairs.json", gpt2Style("[[\"a\", \"b\"], [\"ab\", \"c\"], [\"b\", \"c\"], [\"a\", \"a\"],"
                + " [\"\u0120\", \"bc\"]]"));
        for (Path f : List.of(strings, pairs)) {
            Tokenizer t = TokenizerJson.read(f);
            assertThat(t.encode("abc bc")).as(f.toString()).containsExactly(259, 262);
            assertThat(t.encode("aaa")).as(f.toString()).containsExactly(261, 2 + 'a');
            assertThat(((BpeTokenizer) t).merges()).hasSize(5);
        }
    }

    /** Saved in either spelling, a trained tokenizer reads back with the same vocabulary, merges and ids. */
    @Test
    void savesAndLoadsBothSpellings() throws Exception {
        BpeTrainer trainer = new BpeTrainer(io.artifex.core.config.data.TokenizerConfig.builder().vocabSize(320).build());
        trainer.add("the cat sat on the mat; the hat sat on the cat. ".repeat(50));
        BpeTokenizer t = trainer.train();
        for (TokenizerJson.MergesSpelling spelling : TokenizerJson.MergesSpelling.values()) {
            Path f = dir.resolve(spelling + ".json");
            TokenizerJson.write(t, f, spelling);
            String text = Files.readString(f);
            String first = t.merges().get(0)[0] + "\", \"" + t.merges().get(0)[1];
            String spelled = t.merges().get(0)[0] + " " + t.merges().get(0)[1];
            assertThat(text).contains(spelling == TokenizerJson.MergesSpelling.PAIRS ? "[ \"" + first + "\" ]" : "\"" + spelled + "\"");
            BpeTokenizer back = (BpeTokenizer) TokenizerJson.read(f);
            assertThat(back.vocab()).isEqualTo(t.vocab());
            assertThat(back.merges()).hasSameSizeAs(t.merges()).isNotEmpty();
            assertThat(back.encode("the cat sat")).containsExactly(t.encode("the cat sat"));
        }
    }

    /** Merges in an unknown spelling, or missing while merged tokens exist, are errors, never zero merges. */
    @Test
    void neverLoadsZeroMergesSilently() throws Exception {
        Path objects = write("objects.json", gpt2Style("[{\"left\": \"a\", \"right\": \"b\"}]"));
        assertThatThrownBy(() -> TokenizerJson.read(objects)).isInstanceOf(TokenizerFormatException.class)
                .hasMessageContaining(objects.toString()).hasMessageContaining("model.merges[0]");
        Path empty = write("empty.json", gpt2Style("[]"));
        assertThatThrownBy(() -> TokenizerJson.read(empty))
                .hasMessage("tokenizer file " + empty + ": model.merges is empty but model.vocab holds 5 merged tokens;"
                        + " the merges are missing or in a spelling this reader does not know");
        Path joined = write("joined.json", gpt2Style("[\"ab\"]"));
        assertThatThrownBy(() -> TokenizerJson.read(joined)).hasMessageContaining("model.merges[0] is \"ab\"");
        Path dict = write("dict.json", gpt2Style("{\"a b\": 0}"));
        assertThatThrownBy(() -> TokenizerJson.read(dict)).hasMessageContaining("model.merges must be an array");
    }

    /** Wrong formats say what is wrong, where, in one line. */
    @Test
    void wrongFormatsAreNamed() throws Exception {
        Path broken = write("broken.json", "{\n  \"model\": {\n    \"type\": \"BPE\",,\n");
        assertThatThrownBy(() -> TokenizerJson.read(broken)).isInstanceOf(TokenizerFormatException.class)
                .hasMessageStartingWith("tokenizer file " + broken + " is not valid JSON at line 3, column")
                .hasMessageNotContaining("\n");
        Path wordPiece = write("wp.json", "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {}}}");
        assertThatThrownBy(() -> TokenizerJson.read(wordPiece))
                .hasMessage("tokenizer file " + wordPiece + ": model.type is 'WordPiece', expected 'BPE' (byte-level) or 'ArtifexChar'");
        Path list = write("list.json", "[1, 2]");
        assertThatThrownBy(() -> TokenizerJson.read(list)).hasMessageContaining("expected a JSON object");
        Path metaspace = write("meta.json", gpt2Style("[]").replace("\"type\": \"ByteLevel\", \"add_prefix_space\"",
                "\"type\": \"Metaspace\", \"add_prefix_space\""));
        assertThatThrownBy(() -> TokenizerJson.read(metaspace)).hasMessageContaining("pre_tokenizer is 'Metaspace'");
        assertThatThrownBy(() -> TokenizerJson.read(dir.resolve("missing.json"))).hasMessageContaining("does not exist");
        ObjectNode noEot = (ObjectNode) new ObjectMapper().readTree(gpt2Style("[\"a b\"]"));
        ((ArrayNode) noEot.get("added_tokens")).remove(0);
        Path f = write("noeot.json", noEot.toString());
        assertThatThrownBy(() -> TokenizerJson.read(f)).hasMessageContaining("no special token <|endoftext|>");
    }

    /** A character tokenizer saves and loads through the same reader. */
    @Test
    void characterTokenizerRoundTripsThroughTheFile() throws Exception {
        CharTokenizer c = CharTokenizer.train(List.of("To be, or not to be"), List.of(Tokenizer.END_OF_TEXT, Tokenizer.PAD));
        Path f = dir.resolve("char.json");
        c.save(f);
        Tokenizer back = TokenizerJson.read(f);
        assertThat(back).isInstanceOf(CharTokenizer.class);
        assertThat(back.encode("not to be")).containsExactly(c.encode("not to be"));
        assertThat(back.padId()).isEqualTo(1);
    }
}
