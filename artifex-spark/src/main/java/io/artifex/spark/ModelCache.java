package io.artifex.spark;

import ai.djl.ndarray.NDManager;
import io.artifex.core.device.DeviceManager;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.ModelArchive;
import io.artifex.eval.features.FeatureExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models of one JVM (an executor, or the driver on {@code local[*]}), loaded once per archive
 * location and checksum and shared by every task that runs there. Sampling from a cached model
 * is safe from several task threads at once (see {@link GenerativeModel}); the models live until
 * {@link #clear()} or the end of the JVM.
 *
 * <p>Thread-safety: thread-safe: the cache is a concurrent map, each archive is loaded once, and
 * {@link #clear()} is synchronized; the cached models follow the model rules (concurrent sampling
 * yes, training never).
 */
public final class ModelCache {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);
    private static final Map<String, GenerativeModel> MODELS = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static volatile FeatureExtractor mnistFeatures;

    private ModelCache() {
    }

    /**
     * The model of {@code source}, loaded on first use in this JVM.
     *
     * @throws IllegalArgumentException when the archive's checksum file no longer has the
     *                                  checksum the driver read, or the archive cannot be loaded
     */
    public static GenerativeModel get(ArchiveSource source) {
        String key = source.location() + "#" + source.checksum();
        return MODELS.computeIfAbsent(key, k -> load(source));
    }

    /** How many archives this JVM has loaded since it started (or since {@link #clear()}). */
    public static int loads() {
        return LOADS.get();
    }

    /** The shipped MNIST feature network of artifex-eval, loaded once per JVM. */
    public static FeatureExtractor mnistFeatures() {
        FeatureExtractor features = mnistFeatures;
        if (features == null) {
            synchronized (ModelCache.class) {
                features = mnistFeatures;
                if (features == null) {
                    features = FeatureExtractor.mnist();
                    mnistFeatures = features;
                }
            }
        }
        return features;
    }

    /** Closes and forgets every cached model and feature network; the next use loads again. */
    public static synchronized void clear() {
        for (GenerativeModel model : MODELS.values()) {
            model.close();
        }
        MODELS.clear();
        LOADS.set(0);
        if (mnistFeatures != null) {
            mnistFeatures.close();
            mnistFeatures = null;
        }
    }

    private static GenerativeModel load(ArchiveSource source) {
        long start = System.nanoTime();
        Path dir = source.isRemote() ? copyToLocal(source) : Path.of(source.location());
        String now = ArchiveSource.sha256(dir.resolve(ModelArchive.CHECKSUM_FILE));
        if (!now.equals(source.checksum())) {
            throw new IllegalArgumentException("model archive " + source.location() + ": " + ModelArchive.CHECKSUM_FILE
                    + " has SHA-256 " + now + " here but " + source.checksum()
                    + " when the job started (the archive was replaced while the job ran)");
        }
        NDManager manager = DeviceManager.get().newManager();
        GenerativeModel model;
        try {
            model = ModelArchive.load(dir, manager, 0L);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        LOADS.incrementAndGet();
        LOG.info("loaded model archive {} ('{}', {} parameters) in {} ms", source.location(), model.config().name(),
                model.parameterCount(), (System.nanoTime() - start) / 1_000_000);
        return model;
    }

    /** Copies a remote archive's three files into a local directory named by its checksum (once per machine). */
    private static Path copyToLocal(ArchiveSource source) {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "artifex-spark-archives");
        Path dir = root.resolve(source.checksum());
        if (Files.isRegularFile(dir.resolve(ModelArchive.CHECKSUM_FILE))) {
            return dir;
        }
        try {
            Files.createDirectories(root);
            Path tmp = Files.createTempDirectory(root, "." + source.checksum().substring(0, 12));
            for (String name : new String[] {ModelArchive.CONFIG_FILE, ModelArchive.PARAMETERS_FILE,
                    ModelArchive.CHECKSUM_FILE}) {
                try (InputStream in = Locations.open(Locations.resolve(source.location(), name))) {
                    Files.copy(in, tmp.resolve(name));
                }
            }
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | java.nio.file.FileAlreadyExistsException
                     | java.nio.file.DirectoryNotEmptyException e) {
                // another JVM on this machine copied it first: use theirs, drop ours
                deleteTree(tmp);
            }
            LOG.info("copied model archive {} to {}", source.location(), dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("model archive " + source.location() + ": cannot copy it to " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
