package io.artifex.core.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import io.artifex.core.config.AtomicFiles;
import io.artifex.core.config.ConfigCodec;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A model's weights as a folder other tools read: {@value #WEIGHTS_FILE} (every parameter,
 * trainable or not, under its {@link PyTorchNames PyTorch-style name}) and {@value #CONFIG_FILE}
 * (the model config, as in a model archive), and back into a freshly created model.
 *
 * <pre>{@code
 * SafeTensorsExport.save(model, Path.of("export"));
 * try (NDManager manager = NDManager.newBaseManager();
 *      GenerativeModel copy = SafeTensorsExport.load(Path.of("export"), manager, 0)) { ... }
 * }</pre>
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class SafeTensorsExport {

    /** The weights file of an export. */
    public static final String WEIGHTS_FILE = "model.safetensors";
    /** The config file of an export. */
    public static final String CONFIG_FILE = "config.yaml";
    /** The metadata key that records the model's type id. */
    public static final String TYPE_KEY = "artifex.type";

    private static final NDIndex ALL = new NDIndex("...");

    private SafeTensorsExport() {
    }

    /** Writes {@code model}'s weights and config into {@code dir} (created if needed); returns the weights file. */
    public static Path save(GenerativeModel model, Path dir) {
        return save(model, dir, ModelRegistry.defaultRegistry());
    }

    /** As {@link #save(GenerativeModel, Path)}, with the type ids of {@code registry}. */
    public static Path save(GenerativeModel model, Path dir, ModelRegistry registry) {
        if (model == null || dir == null || registry == null) {
            throw new IllegalArgumentException("model, dir and registry must not be null");
        }
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : PyTorchNames.of(model.network()).entrySet()) {
            if (!e.getValue().isInitialized()) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' is not initialised; nothing to export");
            }
            tensors.put(e.getKey(), e.getValue().getArray());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put(TYPE_KEY, registry.typeIdOf(model.config()));
        String config = registry.codec().write(model.config(), ConfigCodec.Format.YAML);
        AtomicFiles.write(dir.resolve(CONFIG_FILE), config.getBytes(StandardCharsets.UTF_8));
        Path weights = dir.resolve(WEIGHTS_FILE);
        SafeTensors.write(weights, tensors, metadata);
        return weights;
    }

    /** Loads an export from {@code dir} with the families on the class path; see {@link #load(Path, NDManager, long, ModelRegistry)}. */
    public static GenerativeModel load(Path dir, NDManager manager, long seed) {
        return load(dir, manager, seed, ModelRegistry.defaultRegistry());
    }

    /**
     * Reads the config, creates the model through {@code registry} on {@code manager}
     * (initialised from {@code seed}) and copies the weights into it. The file must hold exactly
     * the model's parameter names, each with the model's shape and data type.
     *
     * @throws IllegalArgumentException naming the file and the tensor that is missing, extra or does not fit
     */
    public static GenerativeModel load(Path dir, NDManager manager, long seed, ModelRegistry registry) {
        if (dir == null || manager == null || registry == null) {
            throw new IllegalArgumentException("dir, manager and registry must not be null");
        }
        Path configFile = dir.resolve(CONFIG_FILE);
        Path weights = dir.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(configFile)) {
            throw new IllegalArgumentException("export file missing: " + configFile);
        }
        String text;
        try {
            text = Files.readString(configFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + configFile + ": " + e.getMessage(), e);
        }
        ModelConfig config = registry.codec().read(text, ModelConfig.class, ConfigCodec.Format.YAML, configFile.toString());
        GenerativeModel model = registry.create(config, manager, new Rng(seed));
        try (NDManager scratch = manager.newSubManager()) {
            copyInto(model, SafeTensors.read(weights, scratch), weights);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /** Copies every tensor of {@code contents} into the parameter of the same name, after checking names and shapes. */
    static void copyInto(GenerativeModel model, SafeTensors.Contents contents, Path file) {
        Map<String, Parameter> params = PyTorchNames.of(model.network());
        TreeSet<String> missing = new TreeSet<>(params.keySet());
        missing.removeAll(contents.tensors().keySet());
        TreeSet<String> extra = new TreeSet<>(contents.tensors().keySet());
        extra.removeAll(params.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(file + ": tensor '" + missing.first() + "' is missing (the model has "
                    + missing.size() + " parameters the file does not: " + missing + ")");
        }
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException(file + ": tensor '" + extra.first() + "' is not a parameter of the '"
                    + model.config().getClass().getSimpleName() + "' model (unexpected: " + extra + ")");
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray source = contents.tensors().get(e.getKey());
            NDArray target = e.getValue().getArray();
            if (!source.getShape().equals(target.getShape()) || source.getDataType() != target.getDataType()) {
                throw new IllegalArgumentException(file + ": tensor '" + e.getKey() + "' is " + source.getDataType()
                        + " " + source.getShape() + " but the model's parameter is " + target.getDataType() + " "
                        + target.getShape());
            }
        }
        // only after every check: a refused file leaves the model as it was created
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray target = e.getValue().getArray();
            NDArray source = contents.tensors().get(e.getKey());
            target.set(ALL, source.getDevice().equals(target.getDevice()) ? source : source.toDevice(target.getDevice(), false));
        }
    }
}
