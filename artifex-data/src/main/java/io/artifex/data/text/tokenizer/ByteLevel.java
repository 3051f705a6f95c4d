package io.artifex.data.text.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's byte-level pieces: the reversible map from the 256 byte values to printable Unicode
 * characters ({@code bytes_to_unicode}), the pre-tokenisation pattern that cuts text into words
 * before BPE, and a UTF-8 encoder with a defined rule for lone surrogates.
 *
 * <p>Java strings may hold unpaired UTF-16 surrogates, which no UTF-8 byte sequence represents;
 * {@link #utf8} encodes each one as U+FFFD (the bytes {@code EF BF BD}), so decoding gives U+FFFD in
 * its place. Every other string round-trips exactly.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class ByteLevel {

    /** GPT-2's pre-tokenisation pattern, with Unicode letter, number and white-space classes. */
    public static final Pattern PRE_TOKENIZE = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[324];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        boolean[] printable = new boolean[256];
        for (int b = '!'; b <= '~'; b++) {
            printable[b] = true;
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            printable[b] = true;
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            printable[b] = true;
        }
        int n = 0;
        for (int b = 0; b < 256; b++) {
            char c = printable[b] ? (char) b : (char) (256 + n++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {
    }

    /** The printable character standing for byte {@code b} (0..255). */
    public static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The byte a byte-level character stands for, or -1 if {@code c} is none of the 256. */
    public static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }

    /** The 256 byte-level characters in byte order. */
    public static List<String> alphabet() {
        List<String> all = new ArrayList<>(256);
        for (int b = 0; b < 256; b++) {
            all.add(String.valueOf(BYTE_TO_CHAR[b]));
        }
        return all;
    }

    /** {@code text} cut into GPT-2 pre-tokens (words with their leading space, digit runs, punctuation, white space). */
    public static List<String> preTokenize(CharSequence text) {
        List<String> words = new ArrayList<>();
        Matcher m = PRE_TOKENIZE.matcher(text);
        int end = 0;
        while (m.find()) {
            if (m.start() > end) {
                // unreachable for well-formed patterns; kept so no character is ever dropped
                words.add(text.subSequence(end, m.start()).toString());
            }
            words.add(m.group());
            end = m.end();
        }
        if (end < text.length()) {
            words.add(text.subSequence(end, text.length()).toString());
        }
        return words;
    }

    /** {@code s} as UTF-8; each unpaired surrogate becomes U+FFFD ({@code EF BF BD}). */
    public static byte[] utf8(CharSequence s) {
        int n = s.length();
        byte[] out = new byte[n * 3];
        int k = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[k++] = (byte) c;
            } else if (c < 0x800) {
                out[k++] = (byte) (0xC0 | c >> 6);
                out[k++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[k++] = (byte) (0xF0 | cp >> 18);
                out[k++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[k++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[k++] = (byte) (0x80 | cp & 0x3F);
            } else {
                int cp = Character.isSurrogate(c) ? 0xFFFD : c;
                out[k++] = (byte) (0xE0 | cp >> 12);
                out[k++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[k++] = (byte) (0x80 | cp & 0x3F);
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    /** The byte-level spelling of {@code word}: one character per UTF-8 byte. */
    public static String toByteChars(CharSequence word) {
        byte[] bytes = utf8(word);
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(chars);
    }
}
