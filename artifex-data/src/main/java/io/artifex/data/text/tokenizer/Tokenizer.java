package io.artifex.data.text.tokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns text into token ids and back. Implementations: {@link BpeTokenizer} (byte-level BPE, the
 * HuggingFace {@code tokenizer.json} format) and {@link CharTokenizer} (one token per character).
 * Every tokenizer has an end-of-text id that separates documents in packed windows and a pad id
 * that fills the tail of a last, short window.
 *
 * <p>Thread-safety: implementations need not be thread-safe; the library's own
 * ({@code BpeTokenizer}, {@code CharTokenizer}) are, once built.
 */
public interface Tokenizer {

    /** The end-of-text special token that separates documents. */
    String END_OF_TEXT = "<|endoftext|>";

    /** The padding special token, when the tokenizer has one. */
    String PAD = "<|pad|>";

    /** The ids of {@code text}; special tokens written in the text become their ids. */
    int[] encode(String text);

    /** The ids of {@code text} with special tokens treated as ordinary text (for corpus documents). */
    int[] encodeOrdinary(String text);

    /** The text of {@code ids}; special tokens are written out. */
    String decode(int[] ids);

    /** The number of ids (the largest id plus one). */
    int vocabSize();

    /** The id of the end-of-text token ({@value #END_OF_TEXT}). */
    int endOfTextId();

    /** The id that pads a short window: {@value #PAD} if the tokenizer has it, else the end-of-text id. */
    int padId();

    /** The special tokens, in id order. */
    List<String> specialTokens();

    /** Writes this tokenizer to {@code file} (atomically: a temporary file, then a rename). */
    void save(Path file) throws IOException;
}
