package io.artifex.training.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.artifex.training.optim.OptimizerState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and reads checkpoint directories. A checkpoint is a folder with
 * {@code parameters.bin}, one {@code optimizer-N.bin} per optimizer, {@code ema.bin},
 * {@code trainer-config.json}, {@code model-config.json} and a {@code manifest.json} holding
 * the format name and version, the counters, and the SHA-256 of every other file. It is
 * written into a hidden temporary folder next to the target and renamed into place, so a
 * reader never sees half a checkpoint. Reading verifies the format, the version and every
 * checksum; any problem is an {@link IllegalArgumentException} naming the file.
 *
 * <p>Thread-safety: reads are thread-safe; two writes to the same target must not overlap.
 */
public final class CheckpointIO {

    /** The manifest's {@code format} value. */
    public static final String FORMAT = "artifex-checkpoint";
    /** The manifest's {@code version} value this code writes and reads. */
    public static final int VERSION = 1;
    /** The manifest's file name. */
    public static final String MANIFEST = "manifest.json";
    /**
     * Test hook for fault tests: when this system property holds a number of milliseconds (0 to
     * 10000), a write pauses that long after each file it finishes, the manifest included, before
     * the folder is renamed into place, so that a test can kill the process in the middle of a
     * write. Unset (the default) or 0: no pause. It changes no byte that is written.
     */
    public static final String WRITE_PAUSE_PROPERTY = "artifex.checkpoint.writePauseMillis";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointIO.class);

    private CheckpointIO() {
    }

    /**
     * Writes {@code checkpoint} to the directory {@code target}, replacing what is there. On any
     * failure (a full disk included) the hidden temporary folder is deleted and a checkpoint
     * already at {@code target} is left as it was.
     */
    public static Path write(Checkpoint checkpoint, Path target) {
        return write(checkpoint, target, Files::newOutputStream);
    }

    /** Opens the output stream of one file of a checkpoint being written (a seam for failure tests). */
    @FunctionalInterface
    interface FileSink {
        /** A new stream writing {@code file}. */
        OutputStream open(Path file) throws IOException;
    }

    /** {@link #write(Checkpoint, Path)} with every file written through {@code sink}. */
    static Path write(Checkpoint checkpoint, Path target, FileSink sink) {
        Path absolute = target.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(absolute.getParent());
            tmp = absolute.resolveSibling("." + absolute.getFileName() + "-" + UUID.randomUUID() + ".tmp");
            Files.createDirectory(tmp);
            writeContents(checkpoint, tmp, sink);
            replace(tmp, absolute);
            return absolute;
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                discard(tmp, e);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot write checkpoint " + absolute + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    private static void writeContents(Checkpoint checkpoint, Path tmp, FileSink sink) throws IOException {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", FORMAT).put("version", VERSION).put("step", checkpoint.step())
                .put("epoch", checkpoint.epoch()).put("batchInEpoch", checkpoint.batchInEpoch())
                .put("seed", checkpoint.seed());
        long pause = writePauseMillis();
        NamedArrays.write(sink.open(tmp.resolve("parameters.bin")), checkpoint.parameters());
        pause(pause);
        NamedArrays.write(sink.open(tmp.resolve("ema.bin")), checkpoint.ema());
        pause(pause);
        ObjectNode optimizers = manifest.putObject("optimizers");
        int index = 0;
        for (Map.Entry<String, OptimizerState> e : checkpoint.optimizers().entrySet()) {
            String file = "optimizer-" + index++ + ".bin";
            optimizers.putObject(e.getKey()).put("algorithm", e.getValue().algorithm()).put("file", file);
            writeOptimizer(sink, tmp.resolve(file), e.getValue());
            pause(pause);
        }
        writeText(sink, tmp.resolve("trainer-config.json"), checkpoint.trainerConfigJson());
        pause(pause);
        writeText(sink, tmp.resolve("model-config.json"), checkpoint.modelConfigJson());
        pause(pause);
        ObjectNode files = manifest.putObject("files");
        try (var listing = Files.list(tmp)) {
            for (Path f : listing.sorted().toList()) {
                files.put(f.getFileName().toString(), sha256(f));
            }
        }
        writeText(sink, tmp.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
        pause(pause);
    }

    /** The {@link #WRITE_PAUSE_PROPERTY} value; 0 when unset. */
    private static long writePauseMillis() {
        String value = System.getProperty(WRITE_PAUSE_PROPERTY);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long millis = Long.parseLong(value.trim());
            if (millis >= 0 && millis <= 10_000) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // refused below with the property's name
        }
        throw new IllegalArgumentException("system property " + WRITE_PAUSE_PROPERTY + " is '" + shown(value)
                + "': it must be a whole number of milliseconds from 0 to 10000");
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void writeText(FileSink sink, Path file, String text) throws IOException {
        try (OutputStream out = sink.open(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Moves the finished {@code tmp} to {@code target}; an existing checkpoint there is restored if that fails. */
    private static void replace(Path tmp, Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            move(tmp, target);
            return;
        }
        Path old = target.resolveSibling("." + target.getFileName() + "-" + UUID.randomUUID() + ".old");
        Files.move(target, old);
        try {
            move(tmp, target);
        } catch (IOException | RuntimeException e) {
            try {
                move(old, target);
            } catch (IOException restore) {
                e.addSuppressed(restore);
                LOG.error("checkpoint {} could not be put back from {}: {}", target, old, restore.getMessage());
            }
            throw e;
        }
        try {
            deleteTree(old);
        } catch (IOException e) {
            LOG.warn("checkpoint {} was replaced but its old copy {} could not be deleted: {}", target, old,
                    e.getMessage());
        }
    }

    /** Deletes the temporary folder of a failed write, recording a failure to do so on {@code cause}. */
    private static void discard(Path tmp, Exception cause) {
        try {
            deleteTree(tmp);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
            LOG.error("the partial checkpoint {} could not be deleted: {}", tmp, e.getMessage());
        }
    }

    /**
     * Checks the checkpoint in {@code directory} without decoding it: the manifest's format,
     * version and file names, and the SHA-256 of every listed file. It is what {@link #read}
     * checks before it decodes anything, so a folder that passes here fails {@code read} only
     * on an array that cannot be decoded.
     *
     * @throws IllegalArgumentException naming the file and the problem
     */
    public static void verify(Path directory) {
        verified(directory);
    }

    /** Reads and verifies the checkpoint in {@code directory}, putting its arrays on {@code manager}. */
    public static Checkpoint read(Path directory, NDManager manager) {
        Verified checked = verified(directory);
        JsonNode manifest = checked.manifest();
        Map<String, OptimizerState> optimizers = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : checked.optimizerFiles().entrySet()) {
            optimizers.put(e.getKey(), readOptimizer(directory.resolve(e.getValue()[0]), e.getValue()[1], manager));
        }
        try {
            return new Checkpoint(manifest.path("step").asLong(), manifest.path("epoch").asLong(),
                    manifest.path("batchInEpoch").asInt(), manifest.path("seed").asLong(),
                    NamedArrays.read(directory.resolve("parameters.bin"), manager), optimizers,
                    NamedArrays.read(directory.resolve("ema.bin"), manager),
                    Files.readString(directory.resolve("trainer-config.json"), StandardCharsets.UTF_8),
                    Files.readString(directory.resolve("model-config.json"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint " + directory + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** A manifest that passed every check, with its optimizer key to {file, algorithm}. */
    private record Verified(JsonNode manifest, Map<String, String[]> optimizerFiles) {
    }

    private static Verified verified(Path directory) {
        Path manifestFile = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IllegalArgumentException("checkpoint directory " + directory + " has no " + MANIFEST);
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(manifestFile.toFile());
        } catch (IOException e) {
            String problem = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("checkpoint manifest " + manifestFile + " is not valid JSON: "
                    + shown(problem), e);
        }
        if (manifest == null || !FORMAT.equals(manifest.path("format").asText())) {
            throw new IllegalArgumentException("checkpoint manifest " + manifestFile + " is not an Artifex checkpoint (format '"
                    + (manifest == null ? "" : shown(manifest.path("format").asText())) + "', expected '" + FORMAT + "')");
        }
        if (manifest.path("version").asInt(-1) != VERSION) {
            throw new IllegalArgumentException("checkpoint manifest " + manifestFile + " has version "
                    + manifest.path("version") + "; this library reads version " + VERSION);
        }
        // every name is checked before any file is opened
        Map<String, String> checksums = checksums(directory, manifest);
        Map<String, String[]> optimizerFiles = optimizerFiles(directory, manifest, checksums);
        for (Map.Entry<String, String> e : checksums.entrySet()) {
            Path f = directory.resolve(e.getKey());
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("checkpoint file " + f
                        + " listed in the manifest is missing or not a regular file");
            }
            String actual = sha256(f);
            if (!actual.equals(e.getValue())) {
                throw new IllegalArgumentException("checkpoint file " + f + " failed its SHA-256 check (expected "
                        + e.getValue() + ", got " + actual + "): it is corrupt or truncated");
            }
        }
        return new Verified(manifest, optimizerFiles);
    }

    /** The manifest's {@code files}: plain file names with a SHA-256 each, the required ones present. */
    private static Map<String, String> checksums(Path directory, JsonNode manifest) {
        JsonNode files = manifest.path("files");
        if (!files.isObject()) {
            throw refused(directory, "'files' is not an object of file names and checksums");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            requirePlainName(directory, "files entry", e.getKey());
            String sum = e.getValue().isTextual() ? e.getValue().asText() : "";
            if (!sum.matches("[0-9a-f]{64}")) {
                throw refused(directory, "files entry '" + shown(e.getKey())
                        + "' has no SHA-256 (64 lowercase hex digits expected)");
            }
            out.put(e.getKey(), sum);
        }
        for (String required : new String[] {"parameters.bin", "ema.bin", "trainer-config.json", "model-config.json"}) {
            if (!out.containsKey(required)) {
                throw refused(directory, "'files' does not list " + required);
            }
        }
        return out;
    }

    /** Optimizer key to {file, algorithm}; every file a plain name with a checksum entry. */
    private static Map<String, String[]> optimizerFiles(Path directory, JsonNode manifest, Map<String, String> checksums) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("optimizers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String entry = "optimizers." + shown(e.getKey()) + ".file";
            JsonNode file = e.getValue().path("file");
            String name = file.isTextual() ? file.asText() : "";
            requirePlainName(directory, entry, name);
            if (!checksums.containsKey(name)) {
                throw refused(directory, entry + " '" + shown(name) + "' is not a key of 'files' (it has no checksum)");
            }
            out.put(e.getKey(), new String[] {name, e.getValue().path("algorithm").asText()});
        }
        return out;
    }

    /** Refuses a manifest path that is not a plain file name inside the checkpoint folder. */
    private static void requirePlainName(Path directory, String entry, String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf(':') >= 0 || name.chars().anyMatch(Character::isISOControl)) {
            throw refused(directory, entry + " '" + shown(name)
                    + "' is not a plain file name (no '/', '\\', ':', '.' or '..'; it must name a file in the folder)");
        }
    }

    private static IllegalArgumentException refused(Path directory, String what) {
        return new IllegalArgumentException("checkpoint " + directory + " is refused: manifest " + what);
    }

    private static void writeOptimizer(FileSink sink, Path file, OptimizerState state) throws IOException {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        NDManager scratch = null;
        try {
            for (Map.Entry<String, OptimizerState.ParamState> p : state.parameters().entrySet()) {
                for (Map.Entry<String, NDArray> slot : p.getValue().slots().entrySet()) {
                    arrays.put(p.getKey() + "/" + slot.getKey(), slot.getValue());
                }
                if (scratch == null) {
                    // host-side step counters, written to the file and dropped: no model's arrays
                    scratch = NDManager.newBaseManager();
                }
                arrays.put(p.getKey() + "/#step", scratch.create(p.getValue().step()));
            }
            NamedArrays.write(sink.open(file), arrays);
        } finally {
            if (scratch != null) {
                scratch.close();
            }
        }
    }

    private static OptimizerState readOptimizer(Path file, String algorithm, NDManager manager) {
        Map<String, NDArray> arrays = NamedArrays.read(file, manager);
        Map<String, Long> steps = new LinkedHashMap<>();
        Map<String, Map<String, NDArray>> slots = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            int cut = e.getKey().lastIndexOf('/');
            if (cut <= 0) {
                throw new IllegalArgumentException("checkpoint file " + file + " has a malformed entry '"
                        + shown(e.getKey()) + "'");
            }
            String param = e.getKey().substring(0, cut);
            String slot = e.getKey().substring(cut + 1);
            if (slot.equals("#step")) {
                steps.put(param, e.getValue().getLong());
            } else {
                slots.computeIfAbsent(param, k -> new LinkedHashMap<>()).put(slot, e.getValue());
            }
        }
        Map<String, OptimizerState.ParamState> params = new LinkedHashMap<>();
        steps.forEach((param, step) -> params.put(param,
                new OptimizerState.ParamState(step, slots.getOrDefault(param, Map.of()))));
        return new OptimizerState(algorithm.isBlank() ? "unknown" : algorithm, params);
    }

    /**
     * A name or message from a file, fit for a one-line error: control characters (line breaks
     * included) become '?', and more than 200 characters are cut.
     */
    static String shown(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), 201));
        for (int i = 0; i < text.length() && i < 200; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return text.length() > 200 ? out.append("...").toString() : out.toString();
    }

    /** The SHA-256 of a file as lowercase hex. */
    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) != -1) {
                // reading feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint file " + file + " cannot be read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes a directory tree (used for old checkpoints). */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
