package io.artifex.data.idx;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An IDX stream whose header has been read and checked, and whose payload has not: open one
 * (or two, e.g. images and labels), compare the headers, and only then read the payload.
 *
 * <p>Order of checks: the magic's two zero bytes, the element type code, the rank, the
 * dimensions (non-negative, less than 2 GiB in all); then, on request, the expected type and
 * rank ({@link #expect}); then, in {@link #readPayload()}, the payload size against the
 * ceiling given at opening, before anything is allocated; then exactly that many bytes, and no
 * trailing byte. gzip input (magic {@code 1f 8b}) is decompressed as it is read, so a header
 * that is refused costs only the few bytes of the header. Thread-safety: not thread-safe.
 */
public final class IdxInput implements Closeable {

    /** How many trailing bytes are counted for the error message before the count stops. */
    private static final int TRAILING_COUNT_LIMIT = 1 << 16;

    private final DataInputStream in;
    private final String source;
    private final IdxType type;
    private final int[] dims;
    private final long payloadBytes;
    private final long maxPayloadBytes;
    private final boolean closeStream;

    private IdxInput(DataInputStream in, String source, IdxType type, int[] dims, long payloadBytes,
                     long maxPayloadBytes, boolean closeStream) {
        this.in = in;
        this.source = source;
        this.type = type;
        this.dims = dims;
        this.payloadBytes = payloadBytes;
        this.maxPayloadBytes = maxPayloadBytes;
        this.closeStream = closeStream;
    }

    /**
     * Opens {@code file} and reads its header; {@link #readPayload()} refuses a payload above
     * {@code maxPayloadBytes}. Close the result.
     */
    public static IdxInput open(Path file, long maxPayloadBytes) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("IDX file path must not be null");
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "IDX file does not exist or is not a regular file");
        }
        InputStream stream = Files.newInputStream(file);
        try {
            return open(stream, file.toString(), maxPayloadBytes, true);
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * Reads the header of {@code stream} ({@code source} names it in errors); closing the result
     * does not close {@code stream}.
     */
    public static IdxInput open(InputStream stream, String source, long maxPayloadBytes) throws IOException {
        return open(stream, source, maxPayloadBytes, false);
    }

    private static IdxInput open(InputStream stream, String source, long maxPayloadBytes, boolean closeStream)
            throws IOException {
        if (maxPayloadBytes < 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be >= 0, got " + maxPayloadBytes);
        }
        BufferedInputStream buffered = new BufferedInputStream(stream);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream body = buffered;
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                body = new GZIPInputStream(buffered);
            } catch (ZipException | EOFException e) {
                throw new IdxFormatException(source, "corrupt or truncated gzip stream (" + e.getMessage() + ")", e);
            }
        }
        DataInputStream in = new DataInputStream(body);
        try {
            return header(in, source, maxPayloadBytes, closeStream);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(source, "corrupt or truncated gzip stream (" + e.getMessage() + ")", e);
        }
    }

    private static IdxInput header(DataInputStream in, String source, long maxPayloadBytes, boolean closeStream)
            throws IOException {
        byte[] magic = new byte[4];
        int got = in.readNBytes(magic, 0, 4);
        if (got >= 2 && (magic[0] != 0 || magic[1] != 0)) {
            throw new IdxFormatException(source, String.format(
                    "bad magic number: expected 00 00 <type> <rank>, found %s (not an IDX file)", hex(magic, got)));
        }
        if (got < 4) {
            throw new IdxFormatException(source, "file too short for an IDX header: " + got + " byte(s)");
        }
        IdxType type = IdxType.fromCode(magic[2] & 0xFF);
        if (type == null) {
            throw new IdxFormatException(source, String.format(
                    "unknown IDX type code 0x%02x (known: 08 ubyte, 09 byte, 0b short, 0c int, 0d float, 0e double)",
                    magic[2] & 0xFF));
        }
        int rank = magic[3] & 0xFF;
        if (rank < 1 || rank > IdxReader.MAX_RANK) {
            throw new IdxFormatException(source, "number of dimensions must be 1.." + IdxReader.MAX_RANK
                    + ", found " + rank);
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
        return new IdxInput(in, source, type, dims, expected, maxPayloadBytes, closeStream);
    }

    private static String hex(byte[] bytes, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i]));
        }
        return out.toString();
    }

    /**
     * Checks the header's element type, then its rank, before any payload is read.
     *
     * @return this
     * @throws IdxFormatException naming the source, the expected and the found type or rank
     */
    public IdxInput expect(IdxType expectedType, int expectedRank) throws IdxFormatException {
        if (type != expectedType) {
            throw new IdxFormatException(source, "expected element type " + expectedType + " (code 0x"
                    + Integer.toHexString(expectedType.code()) + "), found " + type + " (code 0x"
                    + Integer.toHexString(type.code()) + ")");
        }
        if (dims.length != expectedRank) {
            throw new IdxFormatException(source, "expected " + expectedRank + " dimension(s), found " + dims.length
                    + " " + Arrays.toString(dims));
        }
        return this;
    }

    /** The element type in the header. */
    public IdxType type() {
        return type;
    }

    /** The dimensions in the header (a copy). */
    public int[] dims() {
        return dims.clone();
    }

    /** Dimension {@code i} of the header. */
    public int dim(int i) {
        return dims[i];
    }

    /** The payload size the header implies, in bytes. */
    public long payloadBytes() {
        return payloadBytes;
    }

    /** The file path or name used in errors. */
    public String source() {
        return source;
    }

    /**
     * Reads the payload: refused before allocation when it is larger than the ceiling given at
     * opening; then exactly {@link #payloadBytes()} bytes must follow, and nothing after them.
     */
    public IdxArray readPayload() throws IOException {
        if (payloadBytes > maxPayloadBytes) {
            throw new IdxFormatException(source, "dimensions " + Arrays.toString(dims) + " of " + type + " need "
                    + payloadBytes + " bytes, more than the limit of " + maxPayloadBytes + " bytes");
        }
        try {
            byte[] payload = in.readNBytes((int) payloadBytes);
            if (payload.length < payloadBytes) {
                throw new IdxFormatException(source, "truncated payload: dimensions " + Arrays.toString(dims) + " of "
                        + type + " need " + payloadBytes + " bytes, found " + payload.length);
            }
            int trailing = in.readNBytes(TRAILING_COUNT_LIMIT + 1).length;
            if (trailing > 0) {
                String count = trailing > TRAILING_COUNT_LIMIT ? "more than " + TRAILING_COUNT_LIMIT : "" + trailing;
                throw new IdxFormatException(source, count + " unexpected trailing byte(s) after the payload of "
                        + payloadBytes + " bytes (dimensions " + Arrays.toString(dims) + ")");
            }
            return new IdxArray(type, dims, payload);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(source, "corrupt or truncated gzip stream (" + e.getMessage() + ")", e);
        }
    }

    /** Closes the file this was opened on; a stream given by the caller stays open. */
    @Override
    public void close() throws IOException {
        if (closeStream) {
            in.close();
        }
    }
}
