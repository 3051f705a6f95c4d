package io.artifex.data.idx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads IDX files (the MNIST format), raw or gzip-compressed. Compression is detected from
 * the gzip magic bytes {@code 1f 8b}, not from the file name.
 *
 * <p>The header is checked strictly and before the payload (see {@link IdxInput}): magic
 * {@code 00 00 <type> <rank>}, a known type code, a rank from 1 to {@value #MAX_RANK},
 * non-negative dimensions, the expected type and rank where the caller names them, a payload
 * size within a ceiling ({@value #DEFAULT_MAX_PAYLOAD_BYTES} bytes unless given), and then a
 * payload whose length is exactly the product of the dimensions times the element size. Every failure is an
 * {@link IdxFormatException} (or {@link NoSuchFileException}) whose message names the file
 * and the exact problem.
 *
 * <p>Thread-safety: the static methods are thread-safe; an {@link IdxInput} is not.
 */
public final class IdxReader {

    /** The largest number of dimensions accepted. */
    public static final int MAX_RANK = 8;
    /** The largest payload read unless a caller gives another ceiling: 1 GiB. */
    public static final long DEFAULT_MAX_PAYLOAD_BYTES = 1L << 30;

    private IdxReader() {
    }

    /** Reads an IDX file of any type and rank, up to {@link #DEFAULT_MAX_PAYLOAD_BYTES}. */
    public static IdxArray read(Path file) throws IOException {
        try (IdxInput in = IdxInput.open(file, DEFAULT_MAX_PAYLOAD_BYTES)) {
            return in.readPayload();
        }
    }

    /**
     * Reads an IDX stream of any type and rank, up to {@link #DEFAULT_MAX_PAYLOAD_BYTES};
     * {@code source} names it in error messages. The stream is read to the end of the payload
     * (and at most a little further) but not closed.
     */
    public static IdxArray read(InputStream stream, String source) throws IOException {
        try (IdxInput in = IdxInput.open(stream, source, DEFAULT_MAX_PAYLOAD_BYTES)) {
            return in.readPayload();
        }
    }

    /** Reads an IDX file that must have element type {@code type} and exactly {@code rank} dimensions. */
    public static IdxArray read(Path file, IdxType type, int rank) throws IOException {
        return read(file, type, rank, DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /**
     * Reads an IDX file that must have element type {@code type} and exactly {@code rank}
     * dimensions, checked in the header before the payload, whose payload must not exceed
     * {@code maxPayloadBytes} (checked before it is allocated).
     */
    public static IdxArray read(Path file, IdxType type, int rank, long maxPayloadBytes) throws IOException {
        try (IdxInput in = IdxInput.open(file, maxPayloadBytes)) {
            return in.expect(type, rank).readPayload();
        }
    }

    /** Reads MNIST-style images: unsigned bytes shaped (count, rows, cols). */
    public static IdxArray readImages(Path file) throws IOException {
        return read(file, IdxType.UBYTE, 3);
    }

    /** Reads MNIST-style labels: unsigned bytes shaped (count). */
    public static IdxArray readLabels(Path file) throws IOException {
        return read(file, IdxType.UBYTE, 1);
    }

    /** Checks that {@code array} (read from {@code source}) has the given type and rank. */
    public static IdxArray check(IdxArray array, String source, IdxType type, int rank) throws IdxFormatException {
        if (array.type() != type) {
            throw new IdxFormatException(source, "expected element type " + type + " (code 0x"
                    + Integer.toHexString(type.code()) + "), found " + array.type());
        }
        if (array.rank() != rank) {
            throw new IdxFormatException(source, "expected " + rank + " dimension(s), found " + array.rank()
                    + " " + Arrays.toString(array.dims()));
        }
        return array;
    }
}
