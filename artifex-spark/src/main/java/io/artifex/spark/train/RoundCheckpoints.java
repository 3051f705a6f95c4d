package io.artifex.spark.train;

import io.artifex.spark.Locations;
import io.artifex.training.checkpoint.CheckpointIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a Spark training run keeps its round checkpoints ({@code round-NNNNNN} folders in the
 * trainer's checkpoint format): a plain folder the driver can write (a local disk or a shared
 * mount), or a Hadoop URI ({@code hdfs://}, {@code s3a://}, {@code file:}, ...). A round for a URI
 * is written to a local staging folder first, uploaded under a hidden temporary name and renamed
 * into place, so a reader never sees half a round; reading one downloads it to the staging folder.
 * Package-private.
 *
 * <p>Thread-safety: not thread-safe; the driver's training loop owns one.
 */
final class RoundCheckpoints {

    private static final Logger LOG = LoggerFactory.getLogger(RoundCheckpoints.class);
    private static final Pattern ROUND_DIR = Pattern.compile("round-(\\d{6,})");

    private final String location;
    private final boolean remote;
    /** The folder itself for a plain path; the staging folder for a URI. */
    private final Path local;

    private RoundCheckpoints(String location, boolean remote, Path local) {
        this.location = location;
        this.remote = remote;
        this.local = local;
    }

    /** The round checkpoints at {@code location} (a plain folder or a Hadoop URI). */
    static RoundCheckpoints of(String location) {
        if (!Locations.isUri(location)) {
            return new RoundCheckpoints(location, false, Path.of(location));
        }
        try {
            return new RoundCheckpoints(location, true, Files.createTempDirectory("artifex-spark-rounds"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a local staging folder for the round checkpoints of "
                    + location + ": " + e.getMessage(), e);
        }
    }

    /** The folder name of round {@code done}. */
    static String name(int done) {
        return String.format("round-%06d", done);
    }

    /** The complete rounds (those with a manifest) in a plain folder, by number. */
    static TreeMap<Integer, Path> localRounds(Path directory) {
        TreeMap<Integer, Path> rounds = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return rounds;
        }
        try (Stream<Path> list = Files.list(directory)) {
            list.forEach(p -> {
                Matcher m = ROUND_DIR.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p.resolve(CheckpointIO.MANIFEST))) {
                    rounds.put(Integer.parseInt(m.group(1)), p);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list sparkTraining.checkpointDirectory " + directory + ": "
                    + e.getMessage(), e);
        }
        return rounds;
    }

    /** The numbers of the complete rounds at the location. */
    TreeMap<Integer, String> rounds() {
        TreeMap<Integer, String> out = new TreeMap<>();
        if (!remote) {
            localRounds(local).forEach((n, p) -> out.put(n, p.toString()));
            return out;
        }
        try {
            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(location);
            FileSystem fs = dir.getFileSystem(new Configuration());
            if (!fs.exists(dir)) {
                return out;
            }
            for (FileStatus status : fs.listStatus(dir)) {
                Matcher m = ROUND_DIR.matcher(status.getPath().getName());
                if (status.isDirectory() && m.matches()
                        && fs.exists(new org.apache.hadoop.fs.Path(status.getPath(), CheckpointIO.MANIFEST))) {
                    out.put(Integer.parseInt(m.group(1)), status.getPath().toString());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list sparkTraining.checkpointDirectory " + location + ": "
                    + e.getMessage(), e);
        }
    }

    /** The highest complete round, if any. */
    Optional<Integer> latestRound() {
        TreeMap<Integer, String> all = rounds();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.lastKey());
    }

    /** Where round {@code done} is read and written locally (for a URI: its staging copy). */
    Path localFolder(int done) {
        return local.resolve(name(done));
    }

    /** Round {@code done} as a local folder to read: for a URI it is downloaded first. */
    Path readable(int done) {
        Path target = localFolder(done);
        if (!remote || Files.isRegularFile(target.resolve(CheckpointIO.MANIFEST))) {
            return target;
        }
        try {
            org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(Locations.resolve(location, name(done)));
            FileSystem fs = source.getFileSystem(new Configuration());
            fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(target.toUri()), true);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download round checkpoint " + describe(done) + ": " + e.getMessage(), e);
        }
    }

    /** Makes the locally written round {@code done} visible at the location (a no-op for a plain folder). */
    void publish(int done) {
        if (!remote) {
            return;
        }
        try {
            org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(Locations.resolve(location, name(done)));
            org.apache.hadoop.fs.Path temporary = new org.apache.hadoop.fs.Path(Locations.resolve(location,
                    "." + name(done) + "-" + UUID.randomUUID() + ".tmp"));
            FileSystem fs = target.getFileSystem(new Configuration());
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(localFolder(done).toUri()), temporary);
            if (fs.exists(target)) {
                fs.delete(target, true);
            }
            if (!fs.rename(temporary, target)) {
                fs.delete(temporary, true);
                throw new IOException("renaming " + temporary + " to " + target + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot upload round checkpoint " + describe(done) + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the rounds numbered below {@code keepFrom}, at the location and in the staging folder. */
    void prune(int keepFrom) {
        for (Integer old : rounds().headMap(keepFrom).keySet()) {
            if (remote) {
                try {
                    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(Locations.resolve(location, name(old)));
                    dir.getFileSystem(new Configuration()).delete(dir, true);
                } catch (IOException e) {
                    LOG.warn("could not delete the old round checkpoint {}: {}", describe(old), e.getMessage());
                }
            }
            deleteTree(localFolder(old));
        }
    }

    /** Round {@code done} as a user would name it. */
    String describe(int done) {
        return remote ? Locations.resolve(location, name(done)) : localFolder(done).toString();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not delete the old round checkpoint {}: {}", dir, e.getMessage());
        }
    }
}
