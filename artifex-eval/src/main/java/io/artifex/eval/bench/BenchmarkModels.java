package io.artifex.eval.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The benchmark entries a run can choose from: the built-in entry files under
 * {@value #BUILT_IN_FOLDER}/ on the class path (one {@code <id>.yaml} per entry, the spec's
 * reference networks and this project's variants beside each other), optionally with more
 * from a folder of entry files.
 *
 * <p><b>Adding an entry</b> is adding a file: copy the entry closest to the new network, give
 * it a new id (and file name), a description, its model config and its pinned parameter count;
 * it appears in {@link #available()} (built-in folder) or in {@link #load(Path)} (any folder,
 * e.g. {@code artifex bench --entries DIR}) with no Java code. See {@link BenchmarkEntries} for
 * the format.
 *
 * <p>Order: the spec's reference networks by their number, then the others by id.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public final class BenchmarkModels {

    /** The class-path folder of the built-in entry files. */
    public static final String BUILT_IN_FOLDER = "benchmarks";

    private static final Comparator<BenchmarkModel> ORDER = Comparator
            .comparingInt((BenchmarkModel m) -> m.specNetwork().orElse(Integer.MAX_VALUE))
            .thenComparing(BenchmarkModel::id);

    private final Map<String, BenchmarkModel> models;

    private BenchmarkModels(Map<String, BenchmarkModel> models) {
        this.models = Collections.unmodifiableMap(models);
    }

    /** The built-in entries: every {@code .yaml} file in {@value #BUILT_IN_FOLDER}/ on the class path. */
    public static BenchmarkModels available() {
        return fromClassPath(BUILT_IN_FOLDER, BenchmarkModels.class.getClassLoader());
    }

    /** Every {@code .yaml} file in the class-path folder {@code folder} (directories and jars), in order. */
    public static BenchmarkModels fromClassPath(String folder, ClassLoader loader) {
        List<BenchmarkModel> entries = new ArrayList<>();
        try {
            Enumeration<URL> roots = loader.getResources(folder);
            while (roots.hasMoreElements()) {
                entries.addAll(readRoot(roots.nextElement(), folder, loader));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list benchmark entries in class-path folder " + folder + ": "
                    + e.getMessage(), e);
        }
        return sorted(entries);
    }

    /** Every {@code .yaml} file directly in {@code directory}, in order. */
    public static BenchmarkModels load(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("benchmark entry folder not found: " + directory);
        }
        return sorted(readDirectory(directory));
    }

    /** Exactly the given entries, in the given order (tests, custom harnesses); ids must be distinct. */
    public static BenchmarkModels of(Collection<BenchmarkModel> entries) {
        if (entries == null) {
            throw new IllegalArgumentException("benchmark model entries must not be null");
        }
        Map<String, BenchmarkModel> m = new LinkedHashMap<>();
        for (BenchmarkModel e : entries) {
            if (e == null) {
                throw new IllegalArgumentException("benchmark model entries must not contain null");
            }
            BenchmarkModel previous = m.putIfAbsent(e.id(), e);
            if (previous != null) {
                throw new IllegalArgumentException("benchmark model id '" + e.id() + "' appears twice: in "
                        + previous.source() + " and in " + e.source());
            }
        }
        return new BenchmarkModels(m);
    }

    /** These entries followed by {@code more}'s; an id in both is an error naming both files. */
    public BenchmarkModels plus(BenchmarkModels more) {
        List<BenchmarkModel> all = new ArrayList<>(models.values());
        all.addAll(more.models.values());
        return of(all);
    }

    private static BenchmarkModels sorted(List<BenchmarkModel> entries) {
        List<BenchmarkModel> ordered = new ArrayList<>(entries);
        ordered.sort(ORDER);
        return of(ordered);
    }

    private static List<BenchmarkModel> readRoot(URL root, String folder, ClassLoader loader) throws IOException {
        if ("file".equals(root.getProtocol())) {
            try {
                return readDirectory(Path.of(root.toURI()));
            } catch (URISyntaxException e) {
                throw new IOException("bad class-path folder " + root, e);
            }
        }
        URLConnection connection = root.openConnection();
        if (!(connection instanceof JarURLConnection jar)) {
            throw new IOException("cannot list class-path folder " + root + " (neither a directory nor a jar)");
        }
        connection.setUseCaches(false);
        List<BenchmarkModel> out = new ArrayList<>();
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        try (JarFile file = jar.getJarFile()) {
            for (JarEntry entry : Collections.list(file.entries())) {
                String name = entry.getName();
                String rest = name.startsWith(prefix) ? name.substring(prefix.length()) : "";
                if (!entry.isDirectory() && rest.endsWith(BenchmarkEntries.EXTENSION) && !rest.contains("/")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        String source = root + "/" + rest;
                        out.add(BenchmarkEntries.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), source,
                                BenchmarkEntries.idOf(rest, source)));
                    }
                }
            }
        }
        return out;
    }

    private static List<BenchmarkModel> readDirectory(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(BenchmarkEntries.EXTENSION))
                    .sorted().map(BenchmarkEntries::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list benchmark entries in " + directory + ": " + e.getMessage(), e);
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
