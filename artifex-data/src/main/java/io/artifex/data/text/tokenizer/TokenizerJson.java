package io.artifex.data.text.tokenizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes tokenizers in HuggingFace's {@code tokenizer.json} format: a byte-level BPE
 * ({@code model.type} {@code BPE} with a {@code ByteLevel} pre-tokenizer, as GPT-2's file) or an
 * Artifex character tokenizer ({@code model.type} {@code ArtifexChar}, which only Artifex reads).
 * {@code model.merges} is read in both spellings: {@code "a b"} strings (older files) and
 * {@code ["a", "b"]} pairs (newer ones). A file whose merges are missing, in another spelling or
 * empty while the vocabulary holds merged tokens is rejected, never read as zero merges.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class TokenizerJson {

    /** How {@code model.merges} is written. */
    public enum MergesSpelling {
        /** {@code ["a", "b"]}: what tokenizers 0.20 and later write. */
        PAIRS,
        /** {@code "a b"}: what older files (GPT-2's) hold. */
        STRINGS
    }

    /** The largest tokenizer file read, in bytes (GPT-2's is 1.4 MB, large multilingual ones ~20 MB). */
    public static final long MAX_FILE_BYTES = 256L << 20;

    /**
     * The most entries one JSON object or array may hold ({@code model.vocab}, {@code model.merges},
     * {@code added_tokens}): {@link io.artifex.core.config.ConfigLimits#MAX_VOCABULARY}.
     */
    public static final int MAX_ENTRIES = io.artifex.core.config.ConfigLimits.MAX_VOCABULARY;

    /**
     * The most JSON tokens (names, values, brackets) a file may hold, counted in a streaming pass
     * before the document is built in memory, so that its tree stays within a few hundred MB. A
     * 128k-token vocabulary with 280k merges as pairs is about 1.4 million.
     */
    public static final long MAX_JSON_TOKENS = 1L << 22;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** For the size pass: names are not interned (a symbol table of a million names is slow to build). */
    private static final JsonFactory SCAN = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();

    private TokenizerJson() {
    }

    /** Reads the tokenizer in {@code file}; see the class comment for what is accepted. */
    public static Tokenizer read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new TokenizerFormatException("tokenizer file " + file + " does not exist or is not a file");
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new TokenizerFormatException("tokenizer file " + file + " has " + size + " bytes, more than the limit of "
                    + MAX_FILE_BYTES);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads a tokenizer from {@code in}; {@code name} stands for the file in error messages. */
    public static Tokenizer read(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new TokenizerFormatException("tokenizer file " + name + " has more than " + MAX_FILE_BYTES
                    + " bytes, the limit");
        }
        JsonNode root;
        try {
            checkSize(bytes, name);
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()
                    + (at.getByteOffset() >= 0 ? " (byte offset " + at.getByteOffset() + ")" : "");
            throw new TokenizerFormatException("tokenizer file " + name + " is not valid JSON" + where + ": "
                    + e.getOriginalMessage().replaceAll("[\\r\\n]+", " "), e);
        } catch (CharConversionException e) {
            // the parser guessed UTF-16/32 from the first bytes and met an impossible character
            throw new TokenizerFormatException("tokenizer file " + name + " is not text in a Unicode encoding: "
                    + String.valueOf(e.getMessage()).replaceAll("[\\r\\n]+", " "), e);
        }
        if (root == null || !root.isObject()) {
            throw new TokenizerFormatException("tokenizer file " + name + " is not a HuggingFace tokenizer.json:"
                    + " expected a JSON object at the top level");
        }
        JsonNode model = root.get("model");
        if (model == null || !model.isObject()) {
            throw new TokenizerFormatException("tokenizer file " + name + " is not a HuggingFace tokenizer.json:"
                    + " no 'model' object");
        }
        String type = model.path("type").asText("");
        if (CharTokenizer.MODEL_TYPE.equals(type)) {
            List<String> specials = specialTokens(root, name);
            checkCharTokenIds(root, name);
            return CharTokenizer.fromJson(model, specials, name);
        }
        if (!"BPE".equals(type)) {
            throw new TokenizerFormatException("tokenizer file " + name + ": model.type is '" + type
                    + "', expected 'BPE' (byte-level) or '" + CharTokenizer.MODEL_TYPE + "'");
        }
        checkByteLevel(root, name);
        Map<String, Integer> vocab = vocab(model, name);
        List<String> specials = specialTokens(root, name);
        List<String[]> merges = merges(model, vocab, specials, name);
        for (JsonNode added : root.path("added_tokens")) {
            String content = added.path("content").asText();
            int id = added.path("id").asInt(-1);
            Integer known = vocab.get(content);
            if (known == null) {
                vocab.put(content, id);
            } else if (known != id) {
                throw new TokenizerFormatException("tokenizer file " + name + ": added token '" + content + "' has id "
                        + id + " but model.vocab gives it " + known);
            }
        }
        try {
            return new BpeTokenizer(vocab, merges, specials);
        } catch (IllegalArgumentException e) {
            throw new TokenizerFormatException("tokenizer file " + name + ": " + e.getMessage(), e);
        }
    }

    private static void checkByteLevel(JsonNode root, String name) throws TokenizerFormatException {
        JsonNode pre = root.path("pre_tokenizer");
        boolean byteLevel = "ByteLevel".equals(pre.path("type").asText());
        if (!byteLevel && "Sequence".equals(pre.path("type").asText())) {
            for (JsonNode p : pre.path("pretokenizers")) {
                byteLevel |= "ByteLevel".equals(p.path("type").asText());
            }
        }
        if (!byteLevel) {
            throw new TokenizerFormatException("tokenizer file " + name + ": pre_tokenizer is '"
                    + pre.path("type").asText("null") + "', expected 'ByteLevel' (only GPT-2 style byte-level BPE is supported)");
        }
        if (pre.path("add_prefix_space").asBoolean(false)) {
            throw new TokenizerFormatException("tokenizer file " + name + ": pre_tokenizer.add_prefix_space is true;"
                    + " only add_prefix_space false (GPT-2's setting) is supported");
        }
        if (!root.path("normalizer").isNull() && !root.path("normalizer").isMissingNode()) {
            throw new TokenizerFormatException("tokenizer file " + name + ": has a normalizer ('"
                    + root.path("normalizer").path("type").asText() + "'); only files without one are supported");
        }
    }

    /**
     * A streaming pass over the document (constant memory) that refuses more than
     * {@link #MAX_JSON_TOKENS} tokens in all, more than {@link #MAX_ENTRIES} in one object or
     * array (naming that object's path), and anything after the top-level value, before any tree
     * is built.
     */
    private static void checkSize(byte[] bytes, String name) throws IOException {
        try (JsonParser p = SCAN.createParser(bytes)) {
            long tokens = 0;
            int rootValues = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (++tokens > MAX_JSON_TOKENS) {
                    throw new TokenizerFormatException("tokenizer file " + name + " holds more than " + MAX_JSON_TOKENS
                            + " JSON tokens (names, values and brackets), the limit");
                }
                if (t == JsonToken.END_ARRAY || t == JsonToken.END_OBJECT) {
                    continue;
                }
                JsonStreamContext container = t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT
                        ? p.getParsingContext().getParent() : p.getParsingContext();
                if (container != null && container.inRoot() && ++rootValues > 1) {
                    throw new TokenizerFormatException("tokenizer file " + name + " has content after its top-level"
                            + " JSON object (at line " + p.currentTokenLocation().getLineNr() + ", column "
                            + p.currentTokenLocation().getColumnNr() + ")");
                }
                boolean entry = container != null && (container.inArray() || container.inObject() && t == JsonToken.FIELD_NAME);
                if (entry && container.getCurrentIndex() >= MAX_ENTRIES) {
                    // the parent's pointer ends in this container's key or index (the container's own includes the entry)
                    String path = container.getParent() == null ? ""
                            : container.getParent().pathAsPointer().toString().replace('/', '.');
                    path = path.isEmpty() ? "(top level)" : path.substring(1);
                    throw new TokenizerFormatException("tokenizer file " + name + ": "
                            + (path.length() > 200 ? path.substring(0, 200) + "..." : path) + " has more than "
                            + MAX_ENTRIES + " entries, the limit");
                }
            }
        }
    }

    private static Map<String, Integer> vocab(JsonNode model, String name) throws TokenizerFormatException {
        JsonNode v = model.get("vocab");
        if (v == null || !v.isObject() || v.isEmpty()) {
            throw new TokenizerFormatException("tokenizer file " + name + ": model.vocab must be a non-empty object"
                    + " of token -> id");
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!e.getValue().canConvertToInt() || !e.getValue().isIntegralNumber()) {
                throw new TokenizerFormatException("tokenizer file " + name + ": model.vocab['" + e.getKey()
                        + "'] must be an integer id, got " + e.getValue());
            }
            vocab.put(e.getKey(), e.getValue().intValue());
        }
        return vocab;
    }

    private static List<String[]> merges(JsonNode model, Map<String, Integer> vocab, List<String> specials, String name)
            throws TokenizerFormatException {
        JsonNode m = model.get("merges");
        if (m == null || !m.isArray()) {
            throw new TokenizerFormatException("tokenizer file " + name + ": model.merges must be an array of \"a b\""
                    + " strings or [\"a\", \"b\"] pairs, got " + (m == null ? "nothing" : m.getNodeType()));
        }
        List<String[]> merges = new ArrayList<>(m.size());
        for (int i = 0; i < m.size(); i++) {
            JsonNode e = m.get(i);
            if (e.isTextual()) {
                String s = e.asText();
                int space = s.indexOf(' ');
                if (space <= 0 || space == s.length() - 1 || s.indexOf(' ', space + 1) >= 0) {
                    throw new TokenizerFormatException("tokenizer file " + name + ": model.merges[" + i + "] is \"" + s
                            + "\", expected two tokens separated by one space");
                }
                merges.add(new String[] {s.substring(0, space), s.substring(space + 1)});
            } else if (e.isArray() && e.size() == 2 && e.get(0).isTextual() && e.get(1).isTextual()) {
                merges.add(new String[] {e.get(0).asText(), e.get(1).asText()});
            } else {
                throw new TokenizerFormatException("tokenizer file " + name + ": model.merges[" + i + "] is " + e
                        + ", expected a \"a b\" string or an [\"a\", \"b\"] pair");
            }
        }
        if (merges.isEmpty()) {
            long merged = vocab.keySet().stream().filter(t -> t.length() > 1 && !specials.contains(t) && t.chars().allMatch(
                    c -> ByteLevel.byteOf((char) c) >= 0)).count();
            if (merged > 0) {
                throw new TokenizerFormatException("tokenizer file " + name + ": model.merges is empty but model.vocab"
                        + " holds " + merged + " merged tokens; the merges are missing or in a spelling this reader"
                        + " does not know");
            }
        }
        return merges;
    }

    /**
     * A character tokenizer numbers its added tokens itself (0, 1, 2, ... in the order listed, all
     * special), so an id or a non-special entry that says otherwise is refused rather than ignored.
     */
    private static void checkCharTokenIds(JsonNode root, String name) throws TokenizerFormatException {
        JsonNode added = root.path("added_tokens");
        for (int i = 0; i < added.size(); i++) {
            JsonNode a = added.get(i);
            if (!a.path("special").asBoolean(false)) {
                throw new TokenizerFormatException("tokenizer file " + name + ": added_tokens[" + i
                        + "] is not special; a character tokenizer's added tokens are all special");
            }
            if (a.path("id").asInt() != i) {
                throw new TokenizerFormatException("tokenizer file " + name + ": added_tokens[" + i + "] '"
                        + shortText(a.path("content").asText()) + "' has id " + a.path("id").asInt()
                        + "; a character tokenizer numbers its special tokens 0, 1, 2, ... in the order listed, so "
                        + i + " is expected");
            }
        }
    }

    private static String shortText(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }

    private static List<String> specialTokens(JsonNode root, String name) throws TokenizerFormatException {
        List<String> specials = new ArrayList<>();
        JsonNode added = root.path("added_tokens");
        if (!added.isMissingNode() && !added.isArray()) {
            throw new TokenizerFormatException("tokenizer file " + name + ": added_tokens must be an array");
        }
        for (int i = 0; i < added.size(); i++) {
            JsonNode a = added.get(i);
            if (!a.path("content").isTextual() || !a.path("id").canConvertToInt()) {
                throw new TokenizerFormatException("tokenizer file " + name + ": added_tokens[" + i
                        + "] needs a string 'content' and an integer 'id'");
            }
            if (a.path("special").asBoolean(false)) {
                specials.add(a.path("content").asText());
            }
        }
        if (!specials.contains(Tokenizer.END_OF_TEXT)) {
            throw new TokenizerFormatException("tokenizer file " + name + ": added_tokens has no special token "
                    + Tokenizer.END_OF_TEXT + ", which marks document ends in packed text windows");
        }
        return specials;
    }

    /** Writes {@code tokenizer} to {@code file} as a HuggingFace {@code tokenizer.json}, atomically. */
    public static void write(BpeTokenizer tokenizer, Path file, MergesSpelling spelling) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.set("added_tokens", addedTokens(tokenizer.specialTokens(), tokenizer::idOf));
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(false, true));
        root.set("post_processor", byteLevel(true, false));
        root.set("decoder", byteLevel(true, true));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        tokenizer.vocabMap().forEach(vocab::put);
        ArrayNode merges = model.putArray("merges");
        for (String[] m : tokenizer.merges()) {
            if (spelling == MergesSpelling.STRINGS) {
                merges.add(m[0] + " " + m[1]);
            } else {
                merges.addArray().add(m[0]).add(m[1]);
            }
        }
        writeAtomically(root, file);
    }

    static ArrayNode addedTokens(List<String> specials, java.util.function.ToIntFunction<String> idOf) {
        ArrayNode added = JsonNodeFactory.instance.arrayNode();
        for (String s : specials) {
            ObjectNode a = added.addObject();
            a.put("id", idOf.applyAsInt(s));
            a.put("content", s);
            a.put("single_word", false);
            a.put("lstrip", false);
            a.put("rstrip", false);
            a.put("normalized", false);
            a.put("special", true);
        }
        return added;
    }

    private static ObjectNode byteLevel(boolean addPrefixSpace, boolean trimOffsets) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("type", "ByteLevel");
        n.put("add_prefix_space", addPrefixSpace);
        n.put("trim_offsets", trimOffsets);
        n.put("use_regex", true);
        return n;
    }

    static void writeAtomically(JsonNode root, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(1 << 20).maxNestingDepth(64).build());
    }
}
