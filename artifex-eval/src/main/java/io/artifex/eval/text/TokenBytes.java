package io.artifex.eval.text;

import io.artifex.data.text.tokenizer.BpeTokenizer;
import io.artifex.data.text.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The number of UTF-8 bytes of text each token id stands for, the denominator of bits per byte.
 * Special tokens ({@code <|endoftext|>}, {@code <|pad|>}) stand for no text: 0 bytes. A byte-level
 * BPE token is one character per byte in its vocabulary spelling; any other tokenizer's token is
 * the UTF-8 length of its decoded text (exact for a character tokenizer).
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class TokenBytes {

    private TokenBytes() {
    }

    /** Bytes per id, indexed by id, for {@code tokenizer}. */
    public static int[] of(Tokenizer tokenizer) {
        int[] bytes = new int[tokenizer.vocabSize()];
        Set<String> specials = new HashSet<>(tokenizer.specialTokens());
        List<String> vocab = tokenizer instanceof BpeTokenizer bpe ? bpe.vocab() : null;
        for (int id = 0; id < bytes.length; id++) {
            String text = vocab != null ? vocab.get(id) : tokenizer.decode(new int[] {id});
            if (specials.contains(text)) {
                bytes[id] = 0;
            } else {
                bytes[id] = vocab != null ? text.length() : text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return bytes;
    }
}
