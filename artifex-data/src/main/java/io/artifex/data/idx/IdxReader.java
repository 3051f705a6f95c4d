package io.artifex.data.idx;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format), raw or gzip-compressed. Compression is detected from
 * the gzip magic bytes {@code 1f 8b}, not from the file name.
 *
 * <p>The header is checked strictly: magic {@code 00 00 <type> <rank>}, a known type code, a
 * rank from 1 to {@value #MAX_RANK}, non-negative dimensions, and a payload whose length is
 * exactly the product of the dimensions times the element size. Every failure is an
 * {@link IdxFormatException} (or {@link NoSuchFileException}) whose message names the file
 * and the exact problem.
 */
public final class IdxReader {

    /** The largest number of dimensions accepted. */
    public static final int MAX_RANK = 8;

    private IdxReader() {
    }

    /** Reads an IDX file of any type and rank. */
    public static IdxArray read(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("IDX file path must not be null");
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "IDX file does not exist or is not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads an IDX stream of any type and rank; {@code source} names it in error messages.
     * The stream is read to its end but not closed.
     */
    public static IdxArray read(InputStream stream, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(stream);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return parse(new DataInputStream(new GZIPInputStream(buffered)), source);
            } catch (ZipException | EOFException e) {
                throw new IdxFormatException(source, "corrupt or truncated gzip stream (" + e.getMessage() + ")", e);
            }
        }
        return parse(new DataInputStream(buffered), source);
    }

    /** Reads an IDX file that must have element type {@code type} and exactly {@code rank} dimensions. */
    public static IdxArray read(Path file, IdxType type, int rank) throws IOException {
        return check(read(file), file.toString(), type, rank);
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

    private static IdxArray parse(DataInputStream in, String source) throws IOException {
        byte[] magic = new byte[4];
        int got = in.readNBytes(magic, 0, 4);
        if (got < 4) {
            throw new IdxFormatException(source, "file too short for an IDX header: " + got + " byte(s)");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException(source, String.format(
                    "bad magic number: expected 00 00 <type> <rank>, found %02x %02x %02x %02x",
                    magic[0], magic[1], magic[2], magic[3]));
        }
        IdxType type = IdxType.fromCode(magic[2] & 0xFF);
        if (type == null) {
            throw new IdxFormatException(source, String.format(
                    "unknown IDX type code 0x%02x (known: 08 ubyte, 09 byte, 0b short, 0c int, 0d float, 0e double)",
                    magic[2] & 0xFF));
        }
        int rank = magic[3] & 0xFF;
        if (rank < 1 || rank > MAX_RANK) {
            throw new IdxFormatException(source, "number of dimensions must be 1.." + MAX_RANK + ", found " + rank);
        }
        int[] dims = new int[rank];
        long expected = type.bytes();
        for (int i = 0; i < rank; i++) {
            byte[] d = in.readNBytes(4);
            if (d.length < 4) {
                throw new IdxFormatException(source, "truncated header: dimension " + i + " of " + rank + " is missing");
            }
            dims[i] = ((d[0] & 0xFF) << 24) | ((d[1] & 0xFF) << 16) | ((d[2] & 0xFF) << 8) | (d[3] & 0xFF);
            if (dims[i] < 0) {
                throw new IdxFormatException(source, "dimension " + i + " is negative: " + dims[i]);
            }
            expected *= dims[i];
            if (expected > Integer.MAX_VALUE - 16) {
                throw new IdxFormatException(source, "dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                        + " describe more than 2 GiB of data, too large to load");
            }
        }
        byte[] payload = in.readNBytes((int) expected);
        if (payload.length < expected) {
            throw new IdxFormatException(source, "truncated payload: dimensions " + Arrays.toString(dims) + " of "
                    + type + " need " + expected + " bytes, found " + payload.length);
        }
        long trailing = in.transferTo(OutputStream.nullOutputStream());
        if (trailing > 0) {
            throw new IdxFormatException(source, trailing + " unexpected trailing byte(s) after the payload of "
                    + expected + " bytes (dimensions " + Arrays.toString(dims) + ")");
        }
        return new IdxArray(type, dims, payload);
    }
}
