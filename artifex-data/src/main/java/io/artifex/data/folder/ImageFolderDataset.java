package io.artifex.data.folder;

import io.artifex.data.DataLimits;
import io.artifex.data.ImageDataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of PNG/JPEG images decoded with {@code javax.imageio}, resized to one size and
 * converted to 1 or 3 channels. Two layouts: one subfolder per class ({@code root/cat/a.png},
 * {@code root/dog/b.jpg}; class index = position of the folder name in sorted order, files
 * directly in the root are then ignored), or a flat folder of images (unlabelled). Files are
 * taken in sorted path order; other extensions and hidden files are ignored. Each file's header
 * is read first: an image that declares more than {@link Builder#maxPixels} pixels is refused
 * before decoding. A file that cannot be decoded or is refused is logged with its path, listed in
 * {@link #skipped()} and left out. Before decoding, the images' total size at the output size is
 * checked against {@link Builder#maxBytes}.
 *
 * <p>The decoded bytes are cached in one file outside the data folder: in
 * {@link #defaultCacheDirectory()} ({@code $ARTIFEX_CACHE/image-folders}, else
 * {@code ~/.cache/artifex/image-folders}) or in {@link Builder#cacheDirectory}, keyed by the
 * folder's absolute path, the file list, sizes, modification times and the options, so a second
 * load of an unchanged folder reads the cache and decodes nothing. Nothing is ever written into
 * the image folder.
 *
 * <pre>{@code
 * ImageFolderDataset folder = ImageFolderDataset.builder(Path.of("faces")).size(64, 64).channels(3).load();
 * BatchSource src = ImageBatchSource.builder(folder.images()).batchSize(32).build();
 * }</pre>
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public final class ImageFolderDataset {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderDataset.class);

    /** The file extensions read (lower case). */
    public static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    /** A file that was left out, and why. */
    public record SkippedFile(Path file, String reason) {
    }

    private final ImageDataset images;
    private final List<String> classNames;
    private final List<Path> files;
    private final List<SkippedFile> skipped;
    private final boolean fromCache;
    private final int decoded;

    private ImageFolderDataset(ImageDataset images, List<String> classNames, List<Path> files,
                               List<SkippedFile> skipped, boolean fromCache, int decoded) {
        this.images = images;
        this.classNames = List.copyOf(classNames);
        this.files = List.copyOf(files);
        this.skipped = List.copyOf(skipped);
        this.fromCache = fromCache;
        this.decoded = decoded;
    }

    /**
     * Where image folder caches go unless {@link Builder#cacheDirectory} says otherwise: the
     * {@code image-folders} folder of {@code $ARTIFEX_CACHE} when that environment variable is set,
     * else of {@code ~/.cache/artifex}.
     */
    public static Path defaultCacheDirectory() {
        String env = System.getenv("ARTIFEX_CACHE");
        Path base = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "artifex");
        return base.resolve("image-folders");
    }

    /** A loader for the folder {@code root}. */
    public static Builder builder(Path root) {
        if (root == null) {
            throw new IllegalArgumentException("image folder root must not be null");
        }
        return new Builder(root);
    }

    /** The decoded images (labelled when the folder has class subfolders). */
    public ImageDataset images() {
        return images;
    }

    /** The class names in label order (sorted folder names); empty when unlabelled. */
    public List<String> classNames() {
        return classNames;
    }

    /** The image files in data set order. */
    public List<Path> files() {
        return files;
    }

    /** The files that could not be decoded. */
    public List<SkippedFile> skipped() {
        return skipped;
    }

    /** Whether this load read the cache instead of decoding. */
    public boolean fromCache() {
        return fromCache;
    }

    /** How many files this load decoded (0 when it read the cache). */
    public int decodedCount() {
        return decoded;
    }

    /** Options of an image folder load. */
    public static final class Builder {
        private final Path root;
        private int height = 32;
        private int width = 32;
        private int channels = 3;
        private Resize resize = Resize.AREA;
        private boolean cache = true;
        private Path cacheDirectory;
        private long maxPixels = DataLimits.DEFAULT_MAX_IMAGE_PIXELS;
        private long maxBytes = DataLimits.DEFAULT_MAX_BYTES;

        private Builder(Path root) {
            this.root = root;
        }

        /** The output size (default 32 x 32). */
        public Builder size(int height, int width) {
            if (height <= 0 || width <= 0) {
                throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
            }
            this.height = height;
            this.width = width;
            return this;
        }

        /** 1 (grey) or 3 (RGB, default) output channels. */
        public Builder channels(int channels) {
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
            }
            this.channels = channels;
            return this;
        }

        /** The resize method (default {@link Resize#AREA}). */
        public Builder resize(Resize resize) {
            if (resize == null) {
                throw new IllegalArgumentException("resize must not be null");
            }
            this.resize = resize;
            return this;
        }

        /** Whether to read and write the decoded-tensor cache (default true). */
        public Builder cache(boolean cache) {
            this.cache = cache;
            return this;
        }

        /**
         * Where the cache file goes (default: {@link ImageFolderDataset#defaultCacheDirectory()});
         * created if missing. It must not lie inside the image folder; null for the default.
         */
        public Builder cacheDirectory(Path dir) {
            this.cacheDirectory = dir;
            return this;
        }

        /**
         * The most pixels (width times height) one image's header may declare; larger images are
         * skipped before decoding (default {@link DataLimits#DEFAULT_MAX_IMAGE_PIXELS}).
         */
        public Builder maxPixels(long maxPixels) {
            if (maxPixels < 1) {
                throw new IllegalArgumentException("maxPixels must be at least 1, got " + maxPixels);
            }
            this.maxPixels = maxPixels;
            return this;
        }

        /**
         * The most bytes the decoded images may occupy (images x channels x height x width),
         * checked before decoding (default {@link DataLimits#DEFAULT_MAX_BYTES}, at most 2 GiB).
         */
        public Builder maxBytes(long maxBytes) {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes must be at least 1, got " + maxBytes);
            }
            this.maxBytes = Math.min(maxBytes, Integer.MAX_VALUE - 16L);
            return this;
        }

        /** Scans, decodes (or reads the cache) and returns the data set. */
        public ImageFolderDataset load() throws IOException {
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException("image folder " + root + " does not exist or is not a directory");
            }
            Path rootAbs = root.toAbsolutePath().normalize();
            Path cacheDir = (cacheDirectory == null ? defaultCacheDirectory() : cacheDirectory).toAbsolutePath().normalize();
            if (cache && cacheDir.startsWith(rootAbs)) {
                throw new IllegalArgumentException("image folder cache directory " + cacheDir + " lies inside the image"
                        + " folder " + rootAbs + "; caches never go into the data folder: choose another directory");
            }
            List<Path> classDirs = listSorted(root, Files::isDirectory);
            boolean labelled = !classDirs.isEmpty();
            List<Path> candidates = new ArrayList<>();
            List<Integer> candidateLabels = new ArrayList<>();
            List<String> classNames = new ArrayList<>();
            if (labelled) {
                if (classDirs.size() > 256) {
                    throw new IllegalArgumentException("image folder " + root + " has " + classDirs.size()
                            + " class folders; at most 256 are supported");
                }
                for (Path dir : classDirs) {
                    List<Path> images = listSorted(dir, Builder::isImage);
                    if (images.isEmpty()) {
                        throw new IllegalArgumentException("class folder " + dir + " holds no PNG/JPEG images "
                                + EXTENSIONS + "; remove it or add images");
                    }
                    for (Path p : images) {
                        candidates.add(p);
                        candidateLabels.add(classNames.size());
                    }
                    classNames.add(dir.getFileName().toString());
                }
                if (!listSorted(root, Builder::isImage).isEmpty()) {
                    LOG.warn("image folder {} has class subfolders; images directly in it are ignored", root);
                }
            } else {
                candidates.addAll(listSorted(root, Builder::isImage));
                if (candidates.isEmpty()) {
                    throw new IllegalArgumentException("image folder " + root + " holds no PNG/JPEG images "
                            + EXTENSIONS + " and no class subfolders");
                }
            }
            long per = (long) channels * height * width;
            if (candidates.size() * per > maxBytes) {
                throw new IllegalArgumentException("image folder " + root + ": " + candidates.size() + " images at "
                        + channels + "x" + height + "x" + width + " need " + candidates.size() * per
                        + " bytes, more than the ceiling of " + maxBytes + " (maxBytes; checked before decoding)");
            }
            String options = channels + "x" + height + "x" + width + "|" + resize + "|" + labelled + "|" + maxPixels;
            String key = FolderCache.key(root, candidates, options);
            Path cacheFile = null;
            if (cache) {
                cacheFile = FolderCache.file(cacheDir, key);
                if (Files.isRegularFile(cacheFile)) {
                    try {
                        FolderCache.Content c = FolderCache.read(cacheFile, key);
                        if (c != null) {
                            LOG.debug("image folder {}: read {} images from cache {}", root, c.files().size(), cacheFile);
                            return fromContent(c, true, 0);
                        }
                    } catch (IOException e) {
                        LOG.warn("image folder cache {} is unreadable ({}); decoding again", cacheFile, e.toString());
                    }
                }
            }
            ByteArrayOutputStream pixels = new ByteArrayOutputStream();
            ByteArrayOutputStream labels = new ByteArrayOutputStream();
            List<String> kept = new ArrayList<>();
            List<String> skippedFiles = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                Path file = candidates.get(i);
                try {
                    pixels.write(ImageDecoder.decode(file, channels, height, width, resize, maxPixels));
                    labels.write(labelled ? candidateLabels.get(i) : 0);
                    kept.add(root.relativize(file).toString());
                } catch (IOException e) {
                    LOG.warn("skipping unreadable image {}: {}", file, e.getMessage());
                    skippedFiles.add(root.relativize(file).toString());
                    reasons.add(String.valueOf(e.getMessage()));
                }
            }
            if (kept.isEmpty()) {
                throw new IllegalArgumentException("image folder " + root + ": none of its " + candidates.size()
                        + " image files could be decoded (first: " + skippedFiles.get(0) + ": " + reasons.get(0) + ")");
            }
            FolderCache.Content content = new FolderCache.Content(channels, height, width, classNames, kept,
                    labelled ? labels.toByteArray() : null, pixels.toByteArray(), skippedFiles, reasons);
            if (cacheFile != null) {
                try {
                    Files.createDirectories(cacheFile.getParent());
                    FolderCache.write(cacheFile, key, content);
                } catch (IOException e) {
                    LOG.warn("cannot write image folder cache {} ({}); continuing without it", cacheFile, e.toString());
                }
            }
            return fromContent(content, false, candidates.size());
        }

        private ImageFolderDataset fromContent(FolderCache.Content c, boolean cached, int decoded) {
            ImageDataset images = ImageDataset.of("image folder " + root, c.channels(), c.height(), c.width(),
                    c.pixels(), c.labels(), Math.max(1, c.classNames().size()));
            List<SkippedFile> skipped = new ArrayList<>();
            for (int i = 0; i < c.skippedFiles().size(); i++) {
                skipped.add(new SkippedFile(root.resolve(c.skippedFiles().get(i)), c.skippedReasons().get(i)));
            }
            if (cached && !skipped.isEmpty()) {
                LOG.warn("image folder {}: {} unreadable file(s) left out, e.g. {}", root, skipped.size(),
                        skipped.get(0).file());
            }
            return new ImageFolderDataset(images, c.classNames(), c.files().stream().map(root::resolve).toList(),
                    skipped, cached, decoded);
        }

        private static boolean isImage(Path p) {
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            return Files.isRegularFile(p) && EXTENSIONS.stream().anyMatch(name::endsWith);
        }

        private static List<Path> listSorted(Path dir, java.util.function.Predicate<Path> keep) throws IOException {
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(p -> !p.getFileName().toString().startsWith(".")).filter(keep).sorted().toList();
            }
        }
    }
}
