package io.artifex.data.idx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files for tests, byte by byte, independently of the reader. */
public final class IdxFiles {

    private IdxFiles() {
    }

    /** The bytes of an IDX file with the given header fields and payload. */
    public static byte[] bytes(int typeCode, int[] dims, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        out.write(typeCode);
        out.write(dims.length);
        for (int d : dims) {
            out.write(d >>> 24);
            out.write(d >>> 16);
            out.write(d >>> 8);
            out.write(d);
        }
        out.write(payload, 0, payload.length);
        return out.toByteArray();
    }

    /** Writes {@code content}, gzip-compressed if asked. */
    public static Path write(Path file, byte[] content, boolean gzip) throws IOException {
        if (gzip) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(content);
            }
        } else {
            Files.write(file, content);
        }
        return file;
    }

    /** Writes an unsigned-byte IDX file. */
    public static Path writeUbyte(Path file, int[] dims, byte[] payload, boolean gzip) throws IOException {
        return write(file, bytes(0x08, dims, payload), gzip);
    }

    /** Writes a tiny MNIST-layout split: {@code n} images of {@code h x w} whose pixel k of image i is (i*7+k)%256, labels i%10. */
    public static void writeSplit(Path dir, String prefix, int n, int h, int w, boolean gzip) throws IOException {
        byte[] px = new byte[n * h * w];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < h * w; k++) {
                px[i * h * w + k] = (byte) ((i * 7 + k) % 256);
            }
        }
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        String ext = gzip ? ".gz" : "";
        writeUbyte(dir.resolve(prefix + "-images-idx3-ubyte" + ext), new int[] {n, h, w}, px, gzip);
        writeUbyte(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), new int[] {n}, labels, gzip);
    }
}
