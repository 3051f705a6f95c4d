package io.artifex.eval.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import io.artifex.core.autograd.GradientCollectors;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;
import io.artifex.data.ImageDataset;
import io.artifex.training.optim.Adam;
import io.artifex.training.optim.Optimizer;
import io.artifex.training.schedule.LrSchedule;
import io.artifex.training.schedule.WarmupCosineSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link FeatureNetwork} classifier with softmax cross-entropy and the project's
 * {@link Adam} (from artifex-training), with random shifts of up to {@code maxShift} pixels
 * (zero fill) as augmentation and a half-cosine learning-rate decay to 5 % over the run. Every step's arrays live on a sub-manager that is closed after the step.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class FeatureNetworkTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureNetworkTrainer.class);
    private static final int SIDE = 28;
    private static final int PIXELS = SIDE * SIDE;

    /**
     * Training options.
     *
     * @param epochs       passes over the training set (>= 1)
     * @param batchSize    images per step (>= 1)
     * @param learningRate Adam's initial learning rate (> 0), decayed by a half cosine to 5 % of it
     * @param maxShift     largest random shift in pixels per axis (0 to 4)
     * @param seed         seed of the initialisation, the order and the augmentation
     */
    public record Options(int epochs, int batchSize, double learningRate, int maxShift, long seed) {
        /** Validates the ranges. */
        public Options {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
            }
            if (maxShift < 0 || maxShift > 4) {
                throw new IllegalArgumentException("maxShift must be in 0..4, got " + maxShift);
            }
        }
    }

    private FeatureNetworkTrainer() {
    }

    /**
     * Trains a new network on {@code train} (labelled 28x28 grey images) and returns its root
     * block, whose parameters live on {@code manager}. {@code test}, if not null, is scored after
     * every epoch (logged only).
     */
    public static SequentialBlock train(ImageDataset train, ImageDataset test, Options options, NDManager manager) {
        checkData(train, "train");
        if (test != null) {
            checkData(test, "test");
        }
        Rng rng = new Rng(options.seed());
        SequentialBlock root = FeatureNetwork.buildInitialised(manager, rng.fork("init"));
        List<Parameter> parameters = new ArrayList<>();
        for (Pair<String, Parameter> p : root.getParameters()) {
            parameters.add(p.getValue());
        }
        float[] images = ImageArrays.toUnitFloats(train);
        int[] labels = ImageArrays.labels(train);
        int n = train.size();
        Rng orderRng = rng.fork("order");
        Rng shiftRng = rng.fork("shift");
        int stepsPerEpoch = (n + options.batchSize() - 1) / options.batchSize();
        long totalSteps = (long) stepsPerEpoch * options.epochs();
        LrSchedule schedule = new WarmupCosineSchedule(options.learningRate(), 0, totalSteps, 0.05);
        long globalStep = 0;
        try (Optimizer optimizer = new Adam(0.9, 0.999, 1e-8, 0)) {
            for (int epoch = 0; epoch < options.epochs(); epoch++) {
                int[] order = permutation(n, orderRng.javaRandom());
                double lossSum = 0;
                SplittableRandom shifts = shiftRng.javaRandom();
                for (int start = 0; start < n; start += options.batchSize()) {
                    int count = Math.min(options.batchSize(), n - start);
                    float[] batch = new float[count * PIXELS];
                    float[] oneHot = new float[count * FeatureNetwork.NUM_CLASSES];
                    for (int i = 0; i < count; i++) {
                        int index = order[start + i];
                        shiftInto(images, index, batch, i, shifts.nextInt(2 * options.maxShift() + 1) - options.maxShift(),
                                shifts.nextInt(2 * options.maxShift() + 1) - options.maxShift());
                        oneHot[i * FeatureNetwork.NUM_CLASSES + labels[index]] = 1f;
                    }
                    float lr = (float) schedule.at(globalStep++);
                    lossSum += step(root, parameters, optimizer, lr, manager, batch, oneHot, count) * count;
                }
                if (LOG.isInfoEnabled()) {
                    String score = test == null ? "" : String.format(", test accuracy %.4f",
                            FeatureExtractor.wrap(root, manager, null).accuracy(test));
                    LOG.info(String.format("epoch %d/%d: mean cross-entropy %.4f%s", epoch + 1, options.epochs(),
                            lossSum / n, score));
                }
            }
        }
        return root;
    }

    private static float step(SequentialBlock root, List<Parameter> parameters, Optimizer optimizer, float lr,
                              NDManager manager,
                              float[] batch, float[] oneHot, int count) {
        float lossValue;
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(batch, new Shape(count).addAll(FeatureNetwork.IMAGE_SHAPE));
            NDArray y = scope.create(oneHot, new Shape(count, FeatureNetwork.NUM_CLASSES));
            ParameterStore store = new ParameterStore(scope, false);
            try (GradientCollector collector = GradientCollectors.open(manager.getEngine())) {
                NDArray logits = root.forward(store, new NDList(x), true).singletonOrThrow();
                NDArray loss = Scalars.div(logits.logSoftmax(1).mul(y).sum().neg(), count);
                collector.backward(loss);
                lossValue = loss.getFloat();
            }
            optimizer.update(parameters, lr);
            for (Parameter p : parameters) {
                try (NDArray g = p.getArray().getGradient()) {
                    g.subi(g);
                }
            }
        }
        return lossValue;
    }

    /** Copies image {@code index} shifted by (dx, dy) pixels, zero-filled, into slot {@code slot} of {@code dst}. */
    static void shiftInto(float[] images, int index, float[] dst, int slot, int dx, int dy) {
        int src = index * PIXELS;
        int out = slot * PIXELS;
        for (int r = 0; r < SIDE; r++) {
            int sr = r - dy;
            if (sr < 0 || sr >= SIDE) {
                continue;
            }
            for (int c = 0; c < SIDE; c++) {
                int sc = c - dx;
                if (sc >= 0 && sc < SIDE) {
                    dst[out + r * SIDE + c] = images[src + sr * SIDE + sc];
                }
            }
        }
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static void checkData(ImageDataset data, String argument) {
        if (data.channels() != 1 || data.height() != SIDE || data.width() != SIDE || !data.hasLabels()
                || data.numClasses() != FeatureNetwork.NUM_CLASSES) {
            throw new IllegalArgumentException(argument + " data " + data + " must be labelled 1x28x28 images with "
                    + FeatureNetwork.NUM_CLASSES + " classes");
        }
    }
}
