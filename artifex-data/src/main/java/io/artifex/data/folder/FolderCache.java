package io.artifex.data.folder;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The on-disk cache of a decoded image folder: one file whose name and header carry a SHA-256
 * key over the folder's absolute path, the decoding options and every candidate file's
 * relative path, size and modification time. Any change to those gives a new key, so a stale
 * cache is never read. Written atomically (temporary file, then rename), readable by all
 * ({@code rw-r--r--} where the file system has POSIX permissions). Counts read back are checked
 * against the file's length before anything is allocated.
 */
final class FolderCache {

    private static final long MAGIC = 0x4146584946434831L; // "AFXIFCH1"

    /** What a cache file holds. */
    record Content(int channels, int height, int width, List<String> classNames, List<String> files,
                   byte[] labels, byte[] pixels, List<String> skippedFiles, List<String> skippedReasons) {
    }

    private FolderCache() {
    }

    /** The key of a folder listing under the given options. */
    static String key(Path root, List<Path> candidates, String options) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(root.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(options.getBytes(StandardCharsets.UTF_8));
            for (Path p : candidates) {
                String entry = root.relativize(p) + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis();
                sha.update((byte) 0);
                sha.update(entry.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The cache file for {@code key} in {@code dir}. */
    static Path file(Path dir, String key) {
        return dir.resolve("image-folder-" + key.substring(0, 32) + ".bin");
    }

    /** Reads {@code file} if it holds {@code key}; null if it does not. */
    static Content read(Path file, String key) throws IOException {
        long length = Files.size(file);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readLong() != MAGIC || !in.readUTF().equals(key)) {
                return null;
            }
            int channels = in.readInt();
            int height = in.readInt();
            int width = in.readInt();
            List<String> classes = strings(in, length);
            List<String> files = strings(in, length);
            byte[] labels = in.readBoolean() ? bytes(in, length) : null;
            byte[] pixels = bytes(in, length);
            List<String> skipped = strings(in, length);
            List<String> reasons = strings(in, length);
            return new Content(channels, height, width, classes, files, labels, pixels, skipped, reasons);
        }
    }

    /** Writes {@code content} under {@code key} to {@code file} atomically. */
    static void write(Path file, String key, Content c) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".image-folder-", ".tmp");
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeLong(MAGIC);
                out.writeUTF(key);
                out.writeInt(c.channels());
                out.writeInt(c.height());
                out.writeInt(c.width());
                writeStrings(out, c.classNames());
                writeStrings(out, c.files());
                out.writeBoolean(c.labels() != null);
                if (c.labels() != null) {
                    writeBytes(out, c.labels());
                }
                writeBytes(out, c.pixels());
                writeStrings(out, c.skippedFiles());
                writeStrings(out, c.skippedReasons());
            }
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static List<String> strings(DataInputStream in, long length) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > length) {
            throw new IOException("string count " + n + " does not fit a cache file of " + length + " bytes");
        }
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(in.readUTF());
        }
        return list;
    }

    private static byte[] bytes(DataInputStream in, long length) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > length) {
            throw new IOException("byte count " + n + " does not fit a cache file of " + length + " bytes");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static void writeStrings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            out.writeUTF(s);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }
}
