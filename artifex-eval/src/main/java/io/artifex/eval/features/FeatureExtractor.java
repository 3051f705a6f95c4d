package io.artifex.eval.features;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.artifex.core.device.DeviceManager;
import io.artifex.data.ImageDataset;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Image features and class probabilities from a trained {@link FeatureNetwork}. Inputs are
 * grey 28x28 images with values in [0, 1], shaped {@code (N, 1, 28, 28)} (also accepted:
 * {@code (N, 28, 28)} and {@code (N, 784)}); they are processed in chunks under scoped managers.
 *
 * <p>{@link #mnist()} and {@link #fashionMnist()} load the networks shipped in this jar and
 * verify their SHA-256 against the shipped {@link FeatureNetworkInfo}. Close the extractor
 * when done.
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public final class FeatureExtractor implements AutoCloseable {

    /** Where the shipped networks live on the class path. */
    public static final String RESOURCE_DIR = "/io/artifex/eval/features/";
    private static final int CHUNK = 500;
    private static final float RANGE_TOLERANCE = 1e-3f;

    private final Block root;
    private final NDManager manager;
    private final boolean ownsManager;
    private final FeatureNetworkInfo info;

    private FeatureExtractor(Block root, NDManager manager, boolean ownsManager, FeatureNetworkInfo info) {
        this.root = root;
        this.manager = manager;
        this.ownsManager = ownsManager;
        this.info = info;
    }

    /** The classifier trained on the embedded MNIST digits (shipped resource, checksum-verified). */
    public static FeatureExtractor mnist() {
        return fromResource("mnist-classifier");
    }

    /** The classifier trained on Fashion-MNIST's 60,000 training images (shipped resource, checksum-verified). */
    public static FeatureExtractor fashionMnist() {
        return fromResource("fashion-mnist-classifier");
    }

    /**
     * Loads a network from parameter bytes written by {@code Block.saveParameters}, after
     * checking their SHA-256 against {@code info.sha256()}; {@code source} names them in errors.
     */
    public static FeatureExtractor load(byte[] parameters, FeatureNetworkInfo info, String source) {
        String actual = Checksums.sha256(parameters);
        if (!actual.equals(info.sha256())) {
            throw new IllegalArgumentException("feature network " + source + ": SHA-256 " + actual
                    + " does not match the expected " + info.sha256() + " (file corrupt or from another run)");
        }
        NDManager manager = DeviceManager.get().newManager();
        try {
            SequentialBlock root = FeatureNetwork.build();
            root.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(FeatureNetwork.IMAGE_SHAPE));
            root.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(parameters)));
            return new FeatureExtractor(root, manager, true, info);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            manager.close();
            throw new IllegalArgumentException("feature network " + source + " could not be loaded: " + e.getMessage(), e);
        }
    }

    /** Wraps a network built by {@link FeatureNetwork} whose parameters live on {@code manager} (not closed by this). */
    public static FeatureExtractor wrap(Block root, NDManager manager, FeatureNetworkInfo info) {
        FeatureNetwork.trunk(root);
        return new FeatureExtractor(root, manager, false, info);
    }

    private static FeatureExtractor fromResource(String stem) {
        String params = RESOURCE_DIR + stem + ".params";
        String json = RESOURCE_DIR + stem + ".json";
        FeatureNetworkInfo info;
        byte[] bytes;
        try (InputStream in = open(json)) {
            info = FeatureNetworkInfo.read(in, "classpath:" + json);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read class-path resource " + json, e);
        }
        try (InputStream in = open(params)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read class-path resource " + params, e);
        }
        return load(bytes, info, "classpath:" + params);
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = FeatureExtractor.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("class-path resource " + resource + " is missing (is artifex-eval's jar complete?)");
        }
        return in;
    }

    /** Provenance of the network (dataset, accuracy, checksum, command), or null for a wrapped, unsaved one. */
    public FeatureNetworkInfo info() {
        return info;
    }

    /** The feature dimension, 128. */
    public int featureDim() {
        return FeatureNetwork.FEATURE_DIM;
    }

    /** The 128 penultimate activations per image, {@code [N][128]}. */
    public float[][] features(NDArray images) {
        return run(ImageArrays.hostImages(images, "images"), false);
    }

    /** Softmax class probabilities per image, {@code [N][10]}. */
    public float[][] probabilities(NDArray images) {
        return run(ImageArrays.hostImages(images, "images"), true);
    }

    /** Features of host images in [0, 1], {@code 784} values per image in NCHW order. */
    public float[][] features(float[] images) {
        return run(images, false);
    }

    /** Class probabilities of host images in [0, 1], {@code 784} values per image. */
    public float[][] probabilities(float[] images) {
        return run(images, true);
    }

    /** The fraction of a labelled data set's images whose most probable class is their label. */
    public double accuracy(ImageDataset data) {
        if (!data.hasLabels()) {
            throw new IllegalArgumentException(data.name() + " has no labels; accuracy needs them");
        }
        float[][] p = probabilities(ImageArrays.toUnitFloats(data));
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            if (argmax(p[i]) == data.label(i)) {
                correct++;
            }
        }
        return correct / (double) p.length;
    }

    /** The index of the largest entry. */
    public static int argmax(float[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }

    private float[][] run(float[] images, boolean probabilities) {
        int per = (int) FeatureNetwork.IMAGE_SHAPE.size();
        if (images == null || images.length % per != 0) {
            throw new IllegalArgumentException("images must hold a multiple of " + per + " values (N x 1 x 28 x 28), got "
                    + (images == null ? "null" : images.length));
        }
        for (int k = 0; k < images.length; k++) {
            float v = images[k];
            if (!(v >= -RANGE_TOLERANCE && v <= 1 + RANGE_TOLERANCE)) {
                throw new IllegalArgumentException("images must have values in [0, 1] (clip or rescale generated samples "
                        + "first), found " + v + " at flat index " + k);
            }
        }
        int n = images.length / per;
        int width = probabilities ? FeatureNetwork.NUM_CLASSES : FeatureNetwork.FEATURE_DIM;
        float[][] out = new float[n][width];
        Block trunk = FeatureNetwork.trunk(root);
        Block head = FeatureNetwork.head(root);
        for (int start = 0; start < n; start += CHUNK) {
            int count = Math.min(CHUNK, n - start);
            try (NDManager scope = manager.newSubManager()) {
                float[] slice = new float[count * per];
                System.arraycopy(images, start * per, slice, 0, slice.length);
                NDArray x = scope.create(slice, new Shape(count).addAll(FeatureNetwork.IMAGE_SHAPE));
                ParameterStore store = new ParameterStore(scope, false);
                NDArray result = trunk.forward(store, new NDList(x), false).singletonOrThrow();
                if (probabilities) {
                    result = head.forward(store, new NDList(result), false).singletonOrThrow().softmax(1);
                }
                float[] flat = result.toFloatArray();
                for (int i = 0; i < count; i++) {
                    System.arraycopy(flat, i * width, out[start + i], 0, width);
                }
            }
        }
        return out;
    }

    /** Releases the parameters if this extractor loaded them. */
    @Override
    public void close() {
        if (ownsManager) {
            manager.close();
        }
    }
}
