package io.artifex.data.text.tokenizer;

import io.artifex.core.io.OneLine;
import java.io.IOException;

/**
 * A tokenizer file that is not in the expected format; the message names the file and the place.
 * Control characters in the message (from quoted file content) are written as escapes, so the
 * message is always one line.
 *
 * <p>Thread-safety: its fields are final; safe to read from several threads once thrown.
 */
public final class TokenizerFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** An error with a one-line message naming the file and the position or field. */
    public TokenizerFormatException(String message) {
        super(OneLine.escape(message));
    }

    /** As {@link #TokenizerFormatException(String)}, keeping the parser's exception as the cause. */
    public TokenizerFormatException(String message, Throwable cause) {
        super(OneLine.escape(message), cause);
    }
}
