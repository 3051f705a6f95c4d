package io.artifex.core.model;

/**
 * A batch that does not match the model's {@link DataContract}: the message names the model,
 * what it expects, what the batch held and which data preprocessing to use.
 *
 * <p>Thread-safety: its fields are final; safe to read from several threads once thrown.
 */
public final class DataContractException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** An exception with the full, user-facing message. */
    public DataContractException(String message) {
        super(message);
    }
}
