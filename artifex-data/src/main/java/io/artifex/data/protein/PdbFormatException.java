package io.artifex.data.protein;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A PDB file refused as a whole, with the file and the 1-based line where reading stopped.
 *
 * <p>Thread-safety: its fields are final; safe to read from several threads once thrown.
 */
public final class PdbFormatException extends IOException {

    private final transient Path file;
    private final int line;
    private final String reason;

    /** A refusal of {@code file} at {@code line} for {@code reason}; the message is {@code file:line: reason}. */
    public PdbFormatException(Path file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** The file refused. */
    public Path file() {
        return file;
    }

    /** The 1-based line where reading stopped. */
    public int line() {
        return line;
    }

    /** Why, without the file and line. */
    public String reason() {
        return reason;
    }
}
