package io.artifex.data.idx;

/**
 * The element types of the IDX format, with their type code (third magic byte) and size in bytes.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum IdxType {
    /** Unsigned byte (0x08), the type of MNIST images and labels. */
    UBYTE(0x08, 1),
    /** Signed byte (0x09). */
    BYTE(0x09, 1),
    /** Big-endian 16-bit signed integer (0x0B). */
    SHORT(0x0B, 2),
    /** Big-endian 32-bit signed integer (0x0C). */
    INT(0x0C, 4),
    /** Big-endian 32-bit IEEE float (0x0D). */
    FLOAT(0x0D, 4),
    /** Big-endian 64-bit IEEE double (0x0E). */
    DOUBLE(0x0E, 8);

    private final int code;
    private final int bytes;

    IdxType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /** The type code as it appears in the third byte of the magic number. */
    public int code() {
        return code;
    }

    /** The size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** The type with this code, or {@code null} if the code is not an IDX type. */
    static IdxType fromCode(int code) {
        for (IdxType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
