package io.artifex.data.text.source;

import java.io.IOException;

/**
 * A corpus file that cannot be read as text of its format; the message names the file and the position.
 *
 * <p>Thread-safety: its fields are final; safe to read from several threads once thrown.
 */
public final class TextFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** An error with a one-line message naming the file and the byte offset or line. */
    public TextFormatException(String message) {
        super(message);
    }

    /** As {@link #TextFormatException(String)}, keeping the underlying exception as the cause. */
    public TextFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
