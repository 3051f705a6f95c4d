package io.artifex.data.idx;

import java.io.IOException;

/**
 * An IDX file that could be opened but is not a well-formed IDX file of the expected kind
 * (bad magic, unknown type code, bad dimensions, truncated or trailing bytes, corrupt gzip).
 * The message starts with the file path (or class-path resource name) and states the problem.
 *
 * <p>Thread-safety: its fields are final; safe to read from several threads once thrown.
 */
public class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;

    /** Creates an error about {@code source} (a file path or resource name). */
    public IdxFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    /** Creates an error about {@code source} caused by a lower-level failure (e.g. a corrupt gzip stream). */
    public IdxFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file path or resource name that was being read. */
    public String source() {
        return source;
    }
}
