package io.artifex.core.io;

import java.util.Locale;

/**
 * Keeps error messages on one line when they quote what a user's file holds: control characters
 * (line breaks, tabs, NUL, the Unicode line separators) are written as escapes. A parser that
 * quotes the offending character, or a value with a line break in it, would otherwise split a
 * message that the rest of the library promises is one line. Thread-safety: stateless and thread-safe.
 */
public final class OneLine {

    private OneLine() {
    }

    /**
     * {@code text} with {@code \n}, {@code \r} and {@code \t} written as those two-character
     * escapes and every other control character as a backslash-u escape with four hex digits;
     * null stays null.
     */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
