package io.artifex.eval.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference models the benchmark can run, in the spec's order.
 *
 * <p><b>Adding a family.</b> The six spec ids are listed in {@link #BUILT_IN} with the class
 * that implements each ({@code io.artifex.eval.bench.VaeBenchmark}, {@code DcganBenchmark},
 * ...). An entry whose class is not on the class path (the family has not been written yet,
 * or its module is absent) is simply left out. So a family author writes one class with that
 * name and a public no-argument constructor, and it appears. Other code can add entries
 * through {@link ServiceLoader} ({@code META-INF/services/io.artifex.eval.bench.BenchmarkModel});
 * an id already taken by a built-in entry is ignored with a warning.
 */
public final class BenchmarkModels {

    /** Spec id to implementing class name, in the order of {@code shared/benchmark-spec.md}. */
    public static final Map<String, String> BUILT_IN = builtIn();

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkModels.class);

    private final Map<String, BenchmarkModel> models;

    private BenchmarkModels(Map<String, BenchmarkModel> models) {
        this.models = Collections.unmodifiableMap(models);
    }

    private static Map<String, String> builtIn() {
        Map<String, String> m = new LinkedHashMap<>();
        String pkg = BenchmarkModels.class.getPackageName() + ".";
        m.put("vae", pkg + "VaeBenchmark");
        m.put("dcgan", pkg + "DcganBenchmark");
        m.put("ddpm", pkg + "DdpmBenchmark");
        m.put("realnvp", pkg + "RealNvpBenchmark");
        m.put("ebm", pkg + "EbmBenchmark");
        m.put("pixelcnn", pkg + "PixelCnnBenchmark");
        m.put("glow", pkg + "GlowBenchmark");
        m.put("gated-pixelcnn", pkg + "GatedPixelCnnBenchmark");
        m.put("ddpm-small", pkg + "DdpmSmallBenchmark");
        m.put("ddpm-small-cond", pkg + "DdpmConditionalBenchmark");
        m.put("dcgan-cond", pkg + "DcganConditionalBenchmark");
        m.put("ddpm-tiny-cond", pkg + "DdpmTinyConditionalBenchmark");
        m.put("ddpm-tiny", pkg + "DdpmTinyBenchmark");
        return Collections.unmodifiableMap(m);
    }

    /** The built-in entries whose classes are present, then any found through ServiceLoader. */
    public static BenchmarkModels available() {
        Map<String, BenchmarkModel> found = new LinkedHashMap<>();
        ClassLoader loader = BenchmarkModels.class.getClassLoader();
        BUILT_IN.forEach((id, className) -> {
            BenchmarkModel model = instantiate(className, loader);
            if (model != null) {
                if (!model.id().equals(id)) {
                    throw new IllegalStateException(className + " reports id '" + model.id()
                            + "' but is registered as '" + id + "'");
                }
                found.put(id, model);
            }
        });
        try {
            for (BenchmarkModel extra : ServiceLoader.load(BenchmarkModel.class, loader)) {
                if (found.putIfAbsent(extra.id(), extra) != null) {
                    LOG.warn("benchmark model '{}' from {} ignored: the id is already taken", extra.id(),
                            extra.getClass().getName());
                }
            }
        } catch (ServiceConfigurationError e) {
            LOG.warn("a benchmark model listed under META-INF/services could not be loaded: {}", e.getMessage());
        }
        return new BenchmarkModels(found);
    }

    /** Exactly the given entries (tests, custom harnesses); ids must be distinct. */
    public static BenchmarkModels of(Collection<? extends BenchmarkModel> entries) {
        if (entries == null) {
            throw new IllegalArgumentException("benchmark model entries must not be null");
        }
        Map<String, BenchmarkModel> m = new LinkedHashMap<>();
        for (BenchmarkModel e : entries) {
            if (e == null || e.id() == null || e.id().isBlank()) {
                throw new IllegalArgumentException("benchmark model entries must be non-null with a non-blank id");
            }
            if (m.putIfAbsent(e.id(), e) != null) {
                throw new IllegalArgumentException("benchmark model id '" + e.id() + "' appears twice");
            }
        }
        return new BenchmarkModels(m);
    }

    private static BenchmarkModel instantiate(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.debug("benchmark entry {} is not on the class path", className);
            return null;
        }
        try {
            return (BenchmarkModel) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new IllegalStateException("benchmark entry " + className
                    + " must implement BenchmarkModel with a public no-argument constructor", e);
        }
    }

    /** The ids, in order. */
    public List<String> ids() {
        return List.copyOf(models.keySet());
    }

    /** The entry for {@code id}; unknown ids get an error listing the valid ones. */
    public BenchmarkModel get(String id) {
        BenchmarkModel m = models.get(id);
        if (m == null) {
            throw new IllegalArgumentException("unknown benchmark model '" + id + "'; valid models: "
                    + String.join(", ", models.keySet()));
        }
        return m;
    }

    /** The entries for {@code ids} in that order; all entries when {@code ids} is empty. */
    public List<BenchmarkModel> select(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.copyOf(models.values());
        }
        List<BenchmarkModel> out = new ArrayList<>();
        for (String id : ids) {
            out.add(get(id));
        }
        return out;
    }
}
