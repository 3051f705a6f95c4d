package io.artifex.spark;

import io.artifex.core.registry.ModelArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A saved model archive ({@link ModelArchive}: {@code config.yaml}, {@code parameters.bin},
 * {@code checksums.sha256}) as the executors of a job see it: its location and the SHA-256 of its
 * checksum file, read once on the driver. Executors load the archive through {@link ModelCache},
 * once per JVM, and refuse an archive whose checksum file no longer matches (it was replaced
 * while the job ran, which would mix two models in one result).
 *
 * <p>The location is either a plain path on a file system every executor mounts (a shared or
 * network drive; on {@code local[*]} any local path), or a Hadoop URI ({@code hdfs://},
 * {@code s3a://}, {@code file:}, ...) that executors copy once into a local cache directory.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param location the archive directory: a path, or a URI with a scheme
 * @param checksum the SHA-256 (64 hex digits) of the archive's {@code checksums.sha256}
 */
public record ArchiveSource(String location, String checksum) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Checks both fields: a non-blank location and a 64-hex-digit checksum. */
    public ArchiveSource {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("archive location must not be blank");
        }
        if (checksum == null || !checksum.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("archive checksum must be 64 lower-case hex digits (SHA-256 of "
                    + ModelArchive.CHECKSUM_FILE + "), got " + checksum);
        }
    }

    /**
     * The archive at {@code location} (a path or a Hadoop URI), with the checksum of its
     * {@code checksums.sha256} read now.
     *
     * @throws IllegalArgumentException naming the location when it holds no readable archive
     */
    public static ArchiveSource of(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("archive location must not be blank");
        }
        return new ArchiveSource(location, checksumOf(location));
    }

    /** The archive in a local (or mounted) directory. */
    public static ArchiveSource of(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("archive directory must not be null");
        }
        return of(dir.toAbsolutePath().toString());
    }

    /** True when the location is a URI with a scheme, read through Hadoop's file systems. */
    public boolean isRemote() {
        return Locations.isUri(location);
    }

    /** The SHA-256 of the checksum file at {@code location} as it is now. */
    static String checksumOf(String location) {
        try (InputStream in = Locations.open(Locations.resolve(location, ModelArchive.CHECKSUM_FILE))) {
            return sha256(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("model archive " + location + ": cannot read " + ModelArchive.CHECKSUM_FILE
                    + " (" + e.getMessage() + "); the location must be a ModelArchive directory every executor can reach",
                    e);
        }
    }

    /** The hex SHA-256 of a stream's bytes. */
    static String sha256(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The checksum of a local file, for callers that hold a path. */
    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
