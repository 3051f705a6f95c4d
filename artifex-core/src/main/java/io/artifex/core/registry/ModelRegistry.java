package io.artifex.core.registry;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ConfigCodec;
import io.artifex.core.config.ConfigMigration;
import io.artifex.core.config.ConfigValidationException;
import io.artifex.core.config.ConfigValidator;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.device.DeviceManager;
import io.artifex.core.device.MemoryStrategy;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps model type ids to config classes and model families. It knows no family of its own:
 * every family, the library's and a third party's alike, is discovered with
 * {@link ServiceLoader} through {@code META-INF/services/io.artifex.core.registry.ModelFamily},
 * and declares its type id once, in {@link ModelFamily#typeId()}. Config files name a family
 * only by such an id, so reading a config can never load a class that is not registered.
 *
 * <p>Thread-safety: immutable after construction and safe to share between threads;
 * {@link #defaultRegistry()} builds the shared registry once, under a lock.
 */
public final class ModelRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
    private static final Pattern TYPE_ID = Pattern.compile("[a-z][a-z0-9-]*");

    private static volatile ModelRegistry defaultRegistry;

    private final Map<String, Class<? extends ModelConfig>> configClasses;
    private final Map<String, ModelFamily> families;
    private final ConfigCodec codec;

    private ModelRegistry(Collection<? extends ModelFamily> discovered) {
        Map<String, Class<? extends ModelConfig>> classes = new TreeMap<>();
        Map<String, ModelFamily> found = new TreeMap<>();
        for (ModelFamily family : discovered) {
            String id = family.typeId();
            String who = family.getClass().getName();
            if (id == null || !TYPE_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("model family " + who + " has invalid type id '" + id
                        + "'; expected lower-case letters, digits and dashes, starting with a letter");
            }
            Class<? extends ModelConfig> configClass = family.configClass();
            if (configClass == null) {
                throw new IllegalArgumentException("model family " + who + " (type id '" + id + "') has no config class");
            }
            ModelFamily previous = found.putIfAbsent(id, family);
            if (previous != null) {
                throw new IllegalArgumentException("duplicate model type id '" + id + "': registered by both "
                        + previous.getClass().getName() + " and " + who + "; remove one of them from the class path");
            }
            for (Map.Entry<String, Class<? extends ModelConfig>> e : classes.entrySet()) {
                if (e.getValue().equals(configClass) && !e.getKey().equals(id)) {
                    throw new IllegalArgumentException("model family " + who + " registers config class "
                            + configClass.getName() + " under '" + id + "', but it already has type id '" + e.getKey() + "'");
                }
            }
            classes.put(id, configClass);
        }
        this.configClasses = Collections.unmodifiableMap(classes);
        this.families = Collections.unmodifiableMap(found);
        Map<String, ConfigMigration> migrations = new TreeMap<>();
        found.forEach((id, family) -> migrations.put(id, family::migrate));
        this.codec = new ConfigCodec(this.configClasses, migrations);
    }

    /** The registry of the families on the class path, discovered once. */
    public static ModelRegistry defaultRegistry() {
        ModelRegistry registry = defaultRegistry;
        if (registry == null) {
            synchronized (ModelRegistry.class) {
                registry = defaultRegistry;
                if (registry == null) {
                    registry = discover(ModelRegistry.class.getClassLoader());
                    defaultRegistry = registry;
                }
            }
        }
        return registry;
    }

    /**
     * Discovers the {@link ModelFamily} services visible to {@code loader}.
     *
     * @throws IllegalArgumentException on duplicate or invalid type ids, or a family that cannot be loaded
     */
    public static ModelRegistry discover(ClassLoader loader) {
        List<ModelFamily> found = new ArrayList<>();
        try {
            for (ModelFamily family : ServiceLoader.load(ModelFamily.class, loader)) {
                found.add(family);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalArgumentException("cannot load a model family listed in META-INF/services/"
                    + ModelFamily.class.getName() + ": " + e.getMessage(), e);
        }
        ModelRegistry registry = new ModelRegistry(found);
        LOG.debug("model types {}, families found: {}", registry.typeIds(), registry.families.keySet());
        return registry;
    }

    /** A registry of exactly the given families, e.g. for tests. */
    public static ModelRegistry of(Collection<? extends ModelFamily> families) {
        return new ModelRegistry(List.copyOf(families));
    }

    /** Every known type id, sorted. */
    public Set<String> typeIds() {
        return configClasses.keySet();
    }

    /** Type id to config record class, sorted by id. */
    public Map<String, Class<? extends ModelConfig>> configClasses() {
        return configClasses;
    }

    /** The family that builds models of type {@code id}, if one is on the class path. */
    public Optional<ModelFamily> family(String id) {
        return Optional.ofNullable(families.get(id));
    }

    /** The codec that reads and writes configs with exactly this registry's type ids. */
    public ConfigCodec codec() {
        return codec;
    }

    /**
     * The type id of {@code config}'s class.
     *
     * @throws IllegalArgumentException if the class is not registered
     */
    public String typeIdOf(ModelConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        for (Map.Entry<String, Class<? extends ModelConfig>> e : configClasses.entrySet()) {
            if (e.getValue().equals(config.getClass())) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("config class " + config.getClass().getName()
                + " is not registered: no model family on the class path names it; add the module that provides it"
                + " (the library's families are in io.artifex:artifex-models); known types: "
                + (typeIds().isEmpty() ? "none" : String.join(", ", typeIds())));
    }

    /**
     * Refuses {@code config} when the memory its parameters need for {@code use} exceeds the memory
     * budget of {@code device} ({@link DeviceManager#memoryBudgetBytes(Device)}), before anything
     * is allocated. The need is {@link MemoryUse#bytes}: the parameters of
     * {@link ModelFamily#estimateParameters} x 4 bytes x {@link MemoryUse#copies()}, plus 4 bytes per
     * buffer value; activations are not counted. Nothing is checked (a DEBUG line
     * says so) when the family gives no estimate or the device's memory size is unknown.
     *
     * @throws ConfigValidationException one line naming the fields behind the count, the need,
     *     the budget and how to raise it
     * @throws IllegalArgumentException if the config's family is not registered, or an argument is null
     */
    public void requireMemoryFits(ModelConfig config, MemoryUse use, DeviceManager devices, Device device) {
        String id = typeIdOf(config);
        if (use == null || devices == null) {
            throw new IllegalArgumentException("use and devices must not be null");
        }
        Optional<ParameterEstimate> found = families.get(id).estimateParameters(config);
        if (found.isEmpty()) {
            LOG.debug("no parameter estimate for model type '{}': its memory is not checked before it is built", id);
            return;
        }
        long budget = devices.memoryBudgetBytes(device);
        ParameterEstimate estimate = found.get();
        long need = use.bytes(estimate);
        if (budget < 0) {
            LOG.debug("memory of {} unknown: {} ({} parameters) not checked against a budget", device, id,
                    estimate.parameters());
            return;
        }
        LOG.debug("{}: {} {} parameters, {} for {}, budget {}", id, estimate.exact() ? "exactly" : "at most",
                estimate.parameters(), bytes(need), use.purpose(), bytes(budget));
        if (need > budget) {
            boolean highest = devices.memoryStrategy() == MemoryStrategy.AGGRESSIVE;
            throw new ConfigValidationException(ConfigValidator.describe(config), List.of(String.format(Locale.ROOT,
                    "model: the %s's parameters need %s for %s (%s%s parameters%s, most from %s; x%d bytes x%d for %s),"
                            + " more than the memory budget %s of %s (MemoryStrategy.%s, %.0f%% of its memory);"
                            + " lower these sizes, or %s",
                    id, bytes(need), use.purpose(), estimate.exact() ? "" : "at most ", count(estimate.parameters()),
                    estimate.bufferValues() > 0 ? " and " + count(estimate.bufferValues()) + " buffer values" : "",
                    estimate.drivers(), MemoryUse.BYTES_PER_VALUE, use.copies(), use.breakdown(), bytes(budget),
                    device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu", devices.memoryStrategy(),
                    100 * devices.memoryStrategy().fraction(), highest ? "use a device with more memory"
                            : "raise the budget with -D" + DeviceManager.MEMORY_STRATEGY_PROPERTY
                                    + "=aggressive or use a device with more memory")));
        }
    }

    private static String bytes(long n) {
        if (n == Long.MAX_VALUE) {
            return "more than 9 EB";
        }
        return n >= 1_000_000_000L ? String.format(Locale.ROOT, "%.1f GB", n / 1e9)
                : String.format(Locale.ROOT, "%.1f MB", n / 1e6);
    }

    private static String count(long n) {
        if (n == Long.MAX_VALUE) {
            return "more than 9.2e18";
        }
        return n >= 1_000_000_000L ? String.format(Locale.ROOT, "%.2f G", n / 1e9)
                : n >= 1_000_000L ? String.format(Locale.ROOT, "%.2f M", n / 1e6) : Long.toString(n);
    }

    /**
     * Validates {@code config} and builds its model with the family registered for its type.
     * First {@link #requireMemoryFits} checks that its weights fit in the memory budget of the
     * manager's device ({@link DeviceManager#get()}).
     *
     * @throws io.artifex.core.config.ConfigValidationException if the config breaks a rule
     * @throws IllegalArgumentException if no family on the class path registers its config class
     *         (the message names the module to add)
     */
    public GenerativeModel create(ModelConfig config, NDManager manager, Rng rng) {
        String id = typeIdOf(config);
        ConfigValidator.requireValid(config);
        if (manager == null || rng == null) {
            throw new IllegalArgumentException("manager and rng must not be null");
        }
        requireMemoryFits(config, MemoryUse.weights(), DeviceManager.get(), manager.getDevice());
        GenerativeModel model = families.get(id).create(config, manager, rng);
        if (model.manager() != manager) {
            model.close();
            throw new IllegalStateException("model family '" + id + "' built its model on another manager than the one"
                    + " it was given; ModelFamily.create must put the parameters on that manager and return it from"
                    + " GenerativeModel.manager()");
        }
        return model;
    }
}
