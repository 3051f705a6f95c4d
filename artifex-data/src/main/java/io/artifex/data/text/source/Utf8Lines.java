package io.artifex.data.text.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 text line by line from a byte stream, strictly: a NUL byte (binary data) or a byte
 * sequence that is not UTF-8 is a {@link TextFormatException} naming the file, the byte offset
 * and the line. Lines end at {@code \n}; a {@code \r} before it is dropped; a byte-order mark at
 * the start is skipped. A line longer than {@code maxLineBytes} is an error too, so memory stays bounded.
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public final class Utf8Lines {

    private final InputStream in;
    private final String name;
    private final int maxLineBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private long offset;
    private long line;
    private long lineStart;
    private byte[] lineBytes = new byte[256];

    /** Lines of {@code in}; {@code name} names the file in errors. */
    public Utf8Lines(InputStream in, String name, int maxLineBytes) {
        this.in = in;
        this.name = name;
        this.maxLineBytes = maxLineBytes;
    }

    /** The 1-based number of the line last returned. */
    public long lineNumber() {
        return line;
    }

    /** The byte offset where the line last returned starts. */
    public long lineOffset() {
        return lineStart;
    }

    /** The next line without its terminator, or null at the end of the stream. */
    public String next() throws IOException {
        int n = 0;
        lineStart = offset;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            byte b = buffer[pos++];
            offset++;
            if (b == '\n') {
                break;
            }
            if (b == 0) {
                throw new TextFormatException("file " + name + " holds binary data: a NUL byte at byte offset "
                        + (offset - 1) + " (line " + (line + 1) + "); text sources read UTF-8 text");
            }
            if (n == lineBytes.length) {
                if (n >= maxLineBytes) {
                    throw new TextFormatException("file " + name + ": line " + (line + 1) + " (byte offset " + lineStart
                            + ") is longer than " + maxLineBytes + " bytes");
                }
                lineBytes = Arrays.copyOf(lineBytes, (int) Math.min((long) maxLineBytes + 1, 2L * n));
            }
            lineBytes[n++] = b;
        }
        line++;
        if (n > 0 && lineBytes[n - 1] == '\r') {
            n--;
        }
        int skip = line == 1 && n >= 3 && (lineBytes[0] & 0xFF) == 0xEF && (lineBytes[1] & 0xFF) == 0xBB
                && (lineBytes[2] & 0xFF) == 0xBF ? 3 : 0;
        ByteBuffer bytes = ByteBuffer.wrap(lineBytes, skip, n - skip);
        CharBuffer chars = CharBuffer.allocate(n);
        decoder.reset();
        CoderResult r = decoder.decode(bytes, chars, true);
        if (!r.isError()) {
            r = decoder.flush(chars);
        }
        if (r.isError()) {
            throw new TextFormatException("file " + name + " is not UTF-8: invalid byte 0x"
                    + String.format("%02X", lineBytes[Math.min(bytes.position(), n - 1)] & 0xFF) + " at byte offset "
                    + (lineStart + bytes.position()) + " (line " + line + ")");
        }
        chars.flip();
        return chars.toString();
    }
}
