package io.artifex.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Files named either by a plain path (local, or a shared drive every executor mounts) or by a
 * Hadoop URI ({@code hdfs://}, {@code s3a://}, {@code file:}, ...), read and written through
 * Hadoop's file systems with the default Hadoop configuration of the JVM (its
 * {@code core-site.xml}).
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class Locations {

    private Locations() {
    }

    /** True when {@code location} is a URI with a scheme (a one-letter Windows drive is not one). */
    public static boolean isUri(String location) {
        try {
            String scheme = new URI(location).getScheme();
            return scheme != null && scheme.length() >= 2;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** {@code child} inside the directory {@code dir}. */
    public static String resolve(String dir, String child) {
        return dir.endsWith("/") ? dir + child : dir + "/" + child;
    }

    /** Opens a file for reading. */
    public static InputStream open(String file) throws IOException {
        if (!isUri(file)) {
            return Files.newInputStream(Path.of(file));
        }
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
        return path.getFileSystem(new Configuration()).open(path);
    }

    /**
     * Writes {@code bytes} to {@code file}, replacing it: a plain path through a temporary file
     * and a rename (a reader never sees half a file), a URI through its file system.
     */
    public static void write(String file, byte[] bytes) throws IOException {
        if (isUri(file)) {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
            FileSystem fs = path.getFileSystem(new Configuration());
            try (OutputStream out = fs.create(path, true)) {
                out.write(bytes);
            }
            return;
        }
        Path target = Path.of(file).toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
