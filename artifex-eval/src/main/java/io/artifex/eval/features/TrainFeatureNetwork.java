package io.artifex.eval.features;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import io.artifex.core.device.DeviceManager;
import io.artifex.data.EmbeddedMnist;
import io.artifex.data.FashionMnist;
import io.artifex.data.ImageDataset;
import io.artifex.data.Split;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reproduces a shipped feature network. Arguments: {@code dataset} ({@code mnist}: the embedded
 * 8,000/2,000 digits; {@code fashion-mnist}: the 60,000/10,000 images from
 * {@code /usr/share/datasets/fashion-mnist}), {@code outputDir}, {@code epochs}, {@code seed}.
 * Writes {@code <dataset>-classifier.params} and {@code <dataset>-classifier.json} (SHA-256,
 * test accuracy, seed, date, command) into {@code outputDir}. See artifex-eval/EVALUATION.md
 * for the exact command; {@code artifex-eval/train-feature-network.sh} wraps it.
 *
 * <p>Thread-safety: not designed for concurrent use: a command-line program meant to run once per
 * process.
 */
public final class TrainFeatureNetwork {

    private static final Logger LOG = LoggerFactory.getLogger(TrainFeatureNetwork.class);
    static final int BATCH_SIZE = 64;
    static final double LEARNING_RATE = 1e-3;
    static final int MAX_SHIFT = 2;

    private TrainFeatureNetwork() {
    }

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: TrainFeatureNetwork <mnist|fashion-mnist> <outputDir> <epochs> <seed>, got "
                    + args.length + " arguments");
        }
        String dataset = args[0];
        Path outputDir = Path.of(args[1]);
        int epochs = parseInt(args[2], "epochs");
        long seed = parseInt(args[3], "seed");
        ImageDataset train;
        ImageDataset test;
        switch (dataset) {
            case "mnist" -> {
                train = EmbeddedMnist.train();
                test = EmbeddedMnist.test();
            }
            case "fashion-mnist" -> {
                train = FashionMnist.load(Split.TRAIN);
                test = FashionMnist.load(Split.TEST);
            }
            default -> throw new IllegalArgumentException("dataset must be 'mnist' or 'fashion-mnist', got '" + dataset + "'");
        }
        Files.createDirectories(outputDir);
        FeatureNetworkTrainer.Options options = new FeatureNetworkTrainer.Options(epochs, BATCH_SIZE, LEARNING_RATE,
                MAX_SHIFT, seed);
        try (NDManager manager = DeviceManager.get().newManager()) {
            long started = System.nanoTime();
            SequentialBlock root = FeatureNetworkTrainer.train(train, test, options, manager);
            double accuracy = FeatureExtractor.wrap(root, manager, null).accuracy(test);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                root.saveParameters(out);
            }
            byte[] params = bytes.toByteArray();
            String stem = dataset + "-classifier";
            String command = "artifex-eval/train-feature-network.sh " + dataset + " " + args[1] + " " + epochs + " " + seed;
            FeatureNetworkInfo info = new FeatureNetworkInfo(dataset, stem + ".params", Checksums.sha256(params), accuracy,
                    test.size(), train.size(), epochs, seed, LocalDate.now().toString(), command,
                    "Conv(1->32,3,p1) ReLU MaxPool2, Conv(32->64,3,p1) ReLU MaxPool2, flatten, Linear(3136->128) ReLU "
                            + "[features], Linear(128->10); io.artifex.training.optim.Adam lr " + LEARNING_RATE + " cosine to 5%, batch " + BATCH_SIZE
                            + ", random shifts +-" + MAX_SHIFT + " px");
            writeAtomically(outputDir.resolve(stem + ".params"), params);
            writeAtomically(outputDir.resolve(stem + ".json"), (info.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
            LOG.info(String.format("%s: test accuracy %.4f on %d images after %d epochs in %.0f s; wrote %s",
                    dataset, accuracy, test.size(), epochs, (System.nanoTime() - started) / 1e9,
                    outputDir.resolve(stem + ".params")));
        }
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int parseInt(String value, String name) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'", e);
        }
    }
}
