package io.artifex.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Header-first checks for files of fixed-length records (the CIFAR binary batches): the length
 * is checked against the record length before a byte is read, the total against a memory
 * ceiling before anything is allocated, and the payload is then read with exactly the expected
 * length.
 */
final class RecordFiles {

    private RecordFiles() {
    }

    /**
     * The number of {@code recordBytes}-byte records in {@code file}, from its length alone.
     *
     * @throws IOException naming the file when the length is not a positive whole number of records
     */
    static int records(Path file, int recordBytes, String format) throws IOException {
        long length = Files.size(file);
        if (length == 0 || length % recordBytes != 0) {
            throw new IOException(file + ": length " + length + " is not a positive multiple of the " + recordBytes
                    + "-byte " + format + " record (remainder " + length % recordBytes
                    + "): a truncated download or another format");
        }
        long n = length / recordBytes;
        if (n > Integer.MAX_VALUE) {
            throw new IOException(file + ": " + n + " records are more than this reader can index");
        }
        return (int) n;
    }

    /**
     * Refuses {@code images} images of {@code bytesPerImage} bytes when they would occupy more
     * than {@code maxBytes} (checked before allocation).
     */
    static void checkCeiling(String what, long images, long bytesPerImage, long maxBytes) throws IOException {
        long need = images * bytesPerImage;
        if (need > maxBytes || need > Integer.MAX_VALUE - 16L) {
            throw new IOException(what + ": " + images + " images of " + bytesPerImage + " bytes need " + need
                    + " bytes, more than the ceiling of " + Math.min(maxBytes, Integer.MAX_VALUE - 16L)
                    + " (checked before reading)");
        }
    }

    /** Reads exactly {@code buffer.length} bytes, naming the file and record when it ends early. */
    static void readRecord(InputStream in, byte[] buffer, Path file, int record) throws IOException {
        int got = in.readNBytes(buffer, 0, buffer.length);
        if (got != buffer.length) {
            throw new EOFException(file + ": record " + record + " ends after " + got + " of " + buffer.length
                    + " bytes (the file shrank while it was read)");
        }
    }

    /** Refuses bytes after the last expected record (the file grew while it was read). */
    static void expectEnd(InputStream in, Path file, int records) throws IOException {
        if (in.read() != -1) {
            throw new IOException(file + ": more bytes after the " + records + " records its length declared"
                    + " (the file grew while it was read)");
        }
    }
}
