package io.artifex.core.registry;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.artifex.core.config.AtomicFiles;
import io.artifex.core.config.ConfigCodec;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves a model as a directory and loads it back: {@value #CONFIG_FILE} (its config, via the
 * config codec), {@value #PARAMETERS_FILE} (the network's parameters in DJL's format) and
 * {@value #CHECKSUM_FILE} (SHA-256 of both, in {@code sha256sum} format, written last). Every
 * file is written atomically; loading verifies the checksums before reading anything, so a
 * corrupt, truncated or missing file is reported by name.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class ModelArchive {

    /** The config document of an archive. */
    public static final String CONFIG_FILE = "config.yaml";
    /** The parameters of an archive. */
    public static final String PARAMETERS_FILE = "parameters.bin";
    /** The checksums of an archive. */
    public static final String CHECKSUM_FILE = "checksums.sha256";

    private ModelArchive() {
    }

    /** Writes {@code model} to {@code dir} (created if needed), replacing an archive there. */
    public static void save(GenerativeModel model, Path dir) {
        save(model, dir, ModelRegistry.defaultRegistry());
    }

    /** As {@link #save(GenerativeModel, Path)}, with the type ids of {@code registry}. */
    public static void save(GenerativeModel model, Path dir, ModelRegistry registry) {
        if (model == null || dir == null) {
            throw new IllegalArgumentException("model and dir must not be null");
        }
        byte[] config = registry.codec().write(model.config(), ConfigCodec.Format.YAML).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(CONFIG_FILE), config);
        MessageDigest parameterDigest = sha256();
        AtomicFiles.write(dir.resolve(PARAMETERS_FILE), out -> {
            DataOutputStream data = new DataOutputStream(new BufferedOutputStream(new DigestOutputStream(out, parameterDigest)));
            model.network().saveParameters(data);
            data.flush();
        });
        String sums = hex(sha256().digest(config)) + "  " + CONFIG_FILE + "\n"
                + hex(parameterDigest.digest()) + "  " + PARAMETERS_FILE + "\n";
        AtomicFiles.write(dir.resolve(CHECKSUM_FILE), sums.getBytes(StandardCharsets.UTF_8));
    }

    /** Loads the archive in {@code dir} with the families on the class path; see {@link #load(Path, NDManager, long, ModelRegistry)}. */
    public static GenerativeModel load(Path dir, NDManager manager, long seed) {
        return load(dir, manager, seed, ModelRegistry.defaultRegistry());
    }

    /**
     * Verifies the checksums, reads the config, creates the model through {@code registry}
     * on {@code manager} (initialised from {@code seed}, then overwritten) and loads the saved
     * parameters into it.
     *
     * @throws IllegalArgumentException naming the file that is missing, corrupt or does not fit the model
     */
    public static GenerativeModel load(Path dir, NDManager manager, long seed, ModelRegistry registry) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model archive directory not found: " + dir);
        }
        Map<String, String> expected = readChecksums(dir.resolve(CHECKSUM_FILE));
        for (String name : new String[] {CONFIG_FILE, PARAMETERS_FILE}) {
            Path file = dir.resolve(name);
            String want = expected.get(name);
            if (want == null) {
                throw new IllegalArgumentException(dir.resolve(CHECKSUM_FILE) + " has no checksum for " + name);
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("model archive file missing: " + file);
            }
            String got = hexDigest(file);
            if (!got.equals(want)) {
                throw new IllegalArgumentException("checksum mismatch for " + file + ": expected " + want + ", got "
                        + got + " (the file is corrupt or truncated)");
            }
        }
        Path configFile = dir.resolve(CONFIG_FILE);
        ModelConfig config = registry.codec().read(readString(configFile), ModelConfig.class,
                ConfigCodec.Format.YAML, configFile.toString());
        GenerativeModel model = registry.create(config, manager, new Rng(seed));
        Path parameters = dir.resolve(PARAMETERS_FILE);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(parameters)))) {
            Map<String, Shape> built = shapes(model);
            model.network().loadParameters(manager, in);
            if (in.read() != -1) {
                throw new MalformedModelException("trailing bytes after the last parameter");
            }
            Map<String, Shape> loaded = shapes(model);
            for (Map.Entry<String, Shape> e : built.entrySet()) {
                if (!e.getValue().equals(loaded.get(e.getKey()))) {
                    throw new MalformedModelException("parameter '" + e.getKey() + "' has shape " + loaded.get(e.getKey())
                            + " in the file but " + e.getValue() + " in the model built from the config");
                }
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException("cannot load parameters from " + parameters + " into a '"
                    + registry.typeIdOf(config) + "' model: " + e.getMessage(), e);
        }
        return model;
    }

    /** The shape of every initialised parameter, by its name in the network. */
    private static Map<String, Shape> shapes(GenerativeModel model) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : model.network().getParameters()) {
            if (p.getValue().isInitialized()) {
                shapes.put(p.getKey(), p.getValue().getArray().getShape());
            }
        }
        return shapes;
    }

    private static Map<String, String> readChecksums(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model archive file missing: " + file + " (the archive is incomplete)");
        }
        Map<String, String> sums = new LinkedHashMap<>();
        String[] lines = readString(file).split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(file + ": line " + (i + 1)
                        + " is not '<64 hex digits>  <file name>': " + line);
            }
            sums.put(parts[1].strip(), parts[0]);
        }
        return sums;
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String hexDigest(Path file) {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return hex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
