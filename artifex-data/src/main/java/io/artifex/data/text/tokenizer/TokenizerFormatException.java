package io.artifex.data.text.tokenizer;

import java.io.IOException;

/**
 * A tokenizer file that is not in the expected format; the message names the file and the place.
 * Control characters in the message (from quoted file content) are written as escapes, so the
 * message is always one line.
 */
public final class TokenizerFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** An error with a one-line message naming the file and the position or field. */
    public TokenizerFormatException(String message) {
        super(oneLine(message));
    }

    /** As {@link #TokenizerFormatException(String)}, keeping the parser's exception as the cause. */
    public TokenizerFormatException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** {@code message} with control characters as {@code \n}, {@code \t} or backslash-u escapes. */
    static String oneLine(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
