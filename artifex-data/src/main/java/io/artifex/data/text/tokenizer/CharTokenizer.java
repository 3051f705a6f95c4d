package io.artifex.data.text.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One token per Unicode code point, as in nanoGPT's character-level Shakespeare: the special
 * tokens take the first ids, then the characters of the training corpus in code point order.
 * A character outside the vocabulary is an error naming it and its position. Saved as a
 * {@code tokenizer.json} whose {@code model.type} is {@value #MODEL_TYPE} (only Artifex reads it).
 *
 * <p>Thread-safety: immutable once built; safe to share between threads.
 */
public final class CharTokenizer implements Tokenizer {

    /** The {@code model.type} of a saved character tokenizer. */
    public static final String MODEL_TYPE = "ArtifexChar";

    private final List<String> specials;
    private final int[] codePoints;
    private final Map<Integer, Integer> ids = new HashMap<>();
    private final Map<String, Integer> specialIds = new HashMap<>();

    /**
     * A tokenizer over {@code codePoints} (distinct, any order; sorted here) after {@code specialTokens}.
     *
     * @throws IllegalArgumentException when {@value Tokenizer#END_OF_TEXT} is missing or a code point repeats
     */
    public CharTokenizer(List<String> specialTokens, int[] codePoints) {
        if (specialTokens == null || !specialTokens.contains(END_OF_TEXT)) {
            throw new IllegalArgumentException("special tokens must include " + END_OF_TEXT + ", got " + specialTokens);
        }
        this.specials = List.copyOf(specialTokens);
        for (int i = 0; i < specials.size(); i++) {
            if (specialIds.put(specials.get(i), i) != null) {
                throw new IllegalArgumentException("special token '" + specials.get(i) + "' is listed twice");
            }
        }
        this.codePoints = codePoints.clone();
        java.util.Arrays.sort(this.codePoints);
        for (int i = 0; i < this.codePoints.length; i++) {
            int cp = this.codePoints[i];
            if (!Character.isValidCodePoint(cp) || i > 0 && this.codePoints[i - 1] == cp) {
                throw new IllegalArgumentException(String.format("characters: U+%04X is %s", cp,
                        Character.isValidCodePoint(cp) ? "listed twice" : "not a Unicode code point"));
            }
            ids.put(cp, specials.size() + i);
        }
    }

    /** A tokenizer over the distinct code points of {@code texts}, after {@code specialTokens}. */
    public static CharTokenizer train(Iterable<String> texts, List<String> specialTokens) {
        TreeSet<Integer> seen = new TreeSet<>();
        long count = 0;
        for (String t : texts) {
            t.codePoints().forEach(seen::add);
            count++;
        }
        if (seen.isEmpty()) {
            throw new IllegalArgumentException("cannot train a character tokenizer on an empty corpus (" + count
                    + " texts, no characters)");
        }
        return new CharTokenizer(specialTokens, seen.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public int[] encode(String text) {
        return encode(text, true);
    }

    @Override
    public int[] encodeOrdinary(String text) {
        return encode(text, false);
    }

    private int[] encode(String text, boolean special) {
        BpeTokenizer.IntList out = new BpeTokenizer.IntList(text.length());
        int i = 0;
        while (i < text.length()) {
            if (special && text.charAt(i) == '<') {
                String hit = null;
                for (String s : specials) {
                    if (text.startsWith(s, i) && (hit == null || s.length() > hit.length())) {
                        hit = s;
                    }
                }
                if (hit != null) {
                    out.add(specialIds.get(hit));
                    i += hit.length();
                    continue;
                }
            }
            int cp = text.codePointAt(i);
            Integer id = ids.get(cp);
            if (id == null) {
                throw new IllegalArgumentException(String.format("character U+%04X at index %d is not in the"
                        + " character tokenizer's vocabulary (%d characters)", cp, i, codePoints.length));
            }
            out.add(id);
            i += Character.charCount(cp);
        }
        return out.toArray();
    }

    @Override
    public String decode(int[] tokens) {
        StringBuilder sb = new StringBuilder(tokens.length);
        for (int k = 0; k < tokens.length; k++) {
            int id = tokens[k];
            if (id < 0 || id >= vocabSize()) {
                throw new IllegalArgumentException("decode: id " + id + " at position " + k + " is outside the vocab (0.."
                        + (vocabSize() - 1) + ")");
            }
            if (id < specials.size()) {
                sb.append(specials.get(id));
            } else {
                sb.appendCodePoint(codePoints[id - specials.size()]);
            }
        }
        return sb.toString();
    }

    @Override
    public int vocabSize() {
        return specials.size() + codePoints.length;
    }

    @Override
    public int endOfTextId() {
        return specialIds.get(END_OF_TEXT);
    }

    @Override
    public int padId() {
        return specialIds.getOrDefault(PAD, endOfTextId());
    }

    @Override
    public List<String> specialTokens() {
        return specials;
    }

    @Override
    public void save(Path file) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("version", "1.0");
        root.set("added_tokens", TokenizerJson.addedTokens(specials, specialIds::get));
        ObjectNode model = root.putObject("model");
        model.put("type", MODEL_TYPE);
        ArrayNode chars = model.putArray("characters");
        for (int cp : codePoints) {
            chars.add(cp);
        }
        TokenizerJson.writeAtomically(root, file);
    }

    static CharTokenizer fromJson(JsonNode model, List<String> specials, String name) throws TokenizerFormatException {
        JsonNode chars = model.get("characters");
        if (chars == null || !chars.isArray()) {
            throw new TokenizerFormatException("tokenizer file " + name + ": model.characters must be an array of code points");
        }
        List<Integer> cps = new ArrayList<>();
        for (int i = 0; i < chars.size(); i++) {
            if (!chars.get(i).isIntegralNumber() || !chars.get(i).canConvertToInt()) {
                throw new TokenizerFormatException("tokenizer file " + name + ": model.characters[" + i
                        + "] must be an integer code point, got " + chars.get(i));
            }
            cps.add(chars.get(i).intValue());
        }
        try {
            return new CharTokenizer(specials, cps.stream().mapToInt(Integer::intValue).toArray());
        } catch (IllegalArgumentException e) {
            throw new TokenizerFormatException("tokenizer file " + name + ": " + e.getMessage(), e);
        }
    }
}
