package io.artifex.data.audio;

import java.io.IOException;

/**
 * An audio file that cannot be read: truncated, corrupt, an unsupported encoding, or larger
 * than the configured ceiling. The message is one line and names the file and the problem.
 *
 * <p>Thread-safety: its fields are final; safe to read from several threads once thrown.
 */
public class AudioFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** An error about {@code file}: the message becomes {@code "<file>: <problem>"}. */
    public AudioFormatException(String file, String problem) {
        super(oneLine(file + ": " + problem));
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
