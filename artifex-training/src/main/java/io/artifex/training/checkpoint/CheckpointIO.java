package io.artifex.training.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.artifex.training.optim.OptimizerState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
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

/**
 * Writes and reads checkpoint directories. A checkpoint is a folder with
 * {@code parameters.bin}, one {@code optimizer-N.bin} per optimizer, {@code ema.bin},
 * {@code trainer-config.json}, {@code model-config.json} and a {@code manifest.json} holding
 * the format name and version, the counters, and the SHA-256 of every other file. It is
 * written into a hidden temporary folder next to the target and renamed into place, so a
 * reader never sees half a checkpoint. Reading verifies the format, the version and every
 * checksum; any problem is an {@link IllegalArgumentException} naming the file.
 */
public final class CheckpointIO {

    /** The manifest's {@code format} value. */
    public static final String FORMAT = "artifex-checkpoint";
    /** The manifest's {@code version} value this code writes and reads. */
    public static final int VERSION = 1;
    /** The manifest's file name. */
    public static final String MANIFEST = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointIO() {
    }

    /** Writes {@code checkpoint} to the directory {@code target}, replacing what is there. */
    public static Path write(Checkpoint checkpoint, Path target) {
        Path absolute = target.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path tmp = absolute.resolveSibling("." + absolute.getFileName() + "-" + UUID.randomUUID() + ".tmp");
            Files.createDirectory(tmp);
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("format", FORMAT).put("version", VERSION).put("step", checkpoint.step())
                    .put("epoch", checkpoint.epoch()).put("batchInEpoch", checkpoint.batchInEpoch())
                    .put("seed", checkpoint.seed());
            NamedArrays.write(tmp.resolve("parameters.bin"), checkpoint.parameters());
            NamedArrays.write(tmp.resolve("ema.bin"), checkpoint.ema());
            ObjectNode optimizers = manifest.putObject("optimizers");
            int index = 0;
            for (Map.Entry<String, OptimizerState> e : checkpoint.optimizers().entrySet()) {
                String file = "optimizer-" + index++ + ".bin";
                optimizers.putObject(e.getKey()).put("algorithm", e.getValue().algorithm()).put("file", file);
                writeOptimizer(tmp.resolve(file), e.getValue());
            }
            Files.writeString(tmp.resolve("trainer-config.json"), checkpoint.trainerConfigJson(), StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve("model-config.json"), checkpoint.modelConfigJson(), StandardCharsets.UTF_8);
            ObjectNode files = manifest.putObject("files");
            try (var listing = Files.list(tmp)) {
                for (Path f : listing.sorted().toList()) {
                    files.put(f.getFileName().toString(), sha256(f));
                }
            }
            Files.writeString(tmp.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest),
                    StandardCharsets.UTF_8);
            if (Files.exists(absolute)) {
                Path old = absolute.resolveSibling("." + absolute.getFileName() + "-" + UUID.randomUUID() + ".old");
                Files.move(absolute, old);
                move(tmp, absolute);
                deleteTree(old);
            } else {
                move(tmp, absolute);
            }
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + absolute + ": " + e.getMessage(), e);
        }
    }

    /** Reads and verifies the checkpoint in {@code directory}, putting its arrays on {@code manager}. */
    public static Checkpoint read(Path directory, NDManager manager) {
        Path manifestFile = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IllegalArgumentException("checkpoint directory " + directory + " has no " + MANIFEST);
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(manifestFile.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint manifest " + manifestFile + " is not valid JSON: "
                    + e.getMessage(), e);
        }
        if (manifest == null || !FORMAT.equals(manifest.path("format").asText())) {
            throw new IllegalArgumentException("checkpoint manifest " + manifestFile + " is not an Artifex checkpoint (format '"
                    + (manifest == null ? "" : manifest.path("format").asText()) + "', expected '" + FORMAT + "')");
        }
        if (manifest.path("version").asInt(-1) != VERSION) {
            throw new IllegalArgumentException("checkpoint manifest " + manifestFile + " has version "
                    + manifest.path("version") + "; this library reads version " + VERSION);
        }
        JsonNode files = manifest.path("files");
        for (String required : new String[] {"parameters.bin", "ema.bin", "trainer-config.json", "model-config.json"}) {
            if (!files.has(required)) {
                throw new IllegalArgumentException("checkpoint manifest " + manifestFile + " does not list " + required);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Path f = directory.resolve(e.getKey());
            if (!f.normalize().getParent().equals(directory.normalize()) || !Files.isRegularFile(f)) {
                throw new IllegalArgumentException("checkpoint file " + f + " listed in the manifest is missing");
            }
            String actual = sha256(f);
            if (!actual.equals(e.getValue().asText())) {
                throw new IllegalArgumentException("checkpoint file " + f + " failed its SHA-256 check (expected "
                        + e.getValue().asText() + ", got " + actual + "): it is corrupt or truncated");
            }
        }
        Map<String, OptimizerState> optimizers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("optimizers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Path f = directory.resolve(e.getValue().path("file").asText());
            if (!files.has(f.getFileName().toString())) {
                throw new IllegalArgumentException("checkpoint manifest " + manifestFile + " names optimizer file " + f
                        + " without a checksum");
            }
            optimizers.put(e.getKey(), readOptimizer(f, e.getValue().path("algorithm").asText(), manager));
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

    private static void writeOptimizer(Path file, OptimizerState state) throws IOException {
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
            NamedArrays.write(file, arrays);
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
                throw new IllegalArgumentException("checkpoint file " + file + " has a malformed entry '" + e.getKey() + "'");
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
