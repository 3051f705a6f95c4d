package io.artifex.examples.cli;

import io.artifex.eval.bench.BenchmarkModels;
import io.artifex.eval.bench.BenchmarkOptions;
import io.artifex.eval.bench.BenchmarkReport;
import io.artifex.eval.bench.BenchmarkRunner;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.ModelRegistry;
import io.artifex.eval.bench.BenchmarkModel;
import io.artifex.eval.bench.CheckpointQuality;
import io.artifex.eval.bench.MemorySoak;
import io.artifex.eval.bench.SoakOptions;
import io.artifex.eval.bench.SoakReport;
import io.artifex.examples.run.JsonFiles;
import io.artifex.examples.run.ModelLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code artifex bench}: the benchmark protocol of the reference networks (parameter count,
 * training and sampling throughput, memory, threads, engine), and with {@code --quality} each
 * model's quality after a fixed training budget. Writes {@code benchmark.json} and
 * {@code benchmark.md} and prints the Markdown table. Exits with 1 when a check fails (e.g. a
 * parameter count that differs from the spec). The entries are the built-in entry files, plus
 * those of {@code --entries DIR}.
 *
 * <p>Thread-safety: not thread-safe: picocli fills its option fields before {@code call}; use one
 * instance per command line.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark the reference models (speed, and quality with --quality).")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--models", split = ",", paramLabel = "ID", description = "Models to run, e.g. vae (default: every available reference model).")
    List<String> models;

    @Option(names = "--entries", paramLabel = "DIR", description = "A folder of benchmark entry files (<id>.yaml, the format of the built-in ones) to offer besides the built-in entries.")
    Path entries;

    @Option(names = "--steps", defaultValue = "50", paramLabel = "N", description = "Timed training steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "N", description = "Untimed warm-up steps (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeats", defaultValue = "3", paramLabel = "N", description = "Repeats; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N", description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE", description = "cpu, gpu (= gpu:0) or gpu:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quality", description = "Also train each model for its documented budget and report its quality.")
    boolean quality;

    @Option(names = "--quality-epochs", split = ",", paramLabel = "E", description = "Epochs at which quality is measured; the largest is the budget (default: 20,100).")
    List<Integer> qualityEpochs;

    @Option(names = "--quality-minutes", defaultValue = "0", paramLabel = "M", description = "Stop quality training after M minutes of training wall time (evaluations excluded) and measure there; 0 = no cap (default: ${DEFAULT-VALUE}).")
    double qualityMinutes;

    @Option(names = "--quality-max-steps", defaultValue = "0", paramLabel = "N", description = "Stop quality training after N steps; 0 = no cap (default: ${DEFAULT-VALUE}).")
    long qualityMaxSteps;

    @Option(names = "--quality-samples", defaultValue = "1000", paramLabel = "N", description = "Samples drawn for sample-based quality metrics (default: ${DEFAULT-VALUE}).")
    int qualitySamples;

    @Option(names = "--quality-slow-samples", defaultValue = "100", paramLabel = "N", description = "Samples of expensive sample sets, drawn at the final quality point only (DDPM's 1000-step sampling; default: ${DEFAULT-VALUE}).")
    int slowSamples;

    @Option(names = "--importance-samples", defaultValue = "1000", paramLabel = "K", description = "k of the VAE's importance-weighted bound (default: ${DEFAULT-VALUE}).")
    int importanceSamples;

    @Option(names = "--checkpoint", paramLabel = "RUN_DIR|CHECKPOINT", description = "Score this trained model (a run "
            + "folder, a checkpoint folder or a model archive) with the quality protocol of its entry (--models ID, or the "
            + "entry whose model config matches) instead of training; writes checkpoint-quality.json.")
    Path checkpoint;

    @Option(names = "--soak-steps", defaultValue = "0", paramLabel = "N", description = "Memory soak instead of the "
            + "speed protocol: train each model N steps (the protocol says 10000) and check that resident memory stays "
            + "flat; writes soak.json and soak.md (default: ${DEFAULT-VALUE} = no training soak).")
    long soakSteps;

    @Option(names = "--soak-threads", defaultValue = "0", paramLabel = "T", description = "Memory soak of T threads "
            + "sampling from one loaded model at once for --soak-minutes (default: ${DEFAULT-VALUE} = no sampling soak).")
    int soakThreads;

    @Option(names = "--soak-minutes", defaultValue = "10", paramLabel = "M", description = "Wall time of the sampling "
            + "soak (default: ${DEFAULT-VALUE}).")
    double soakMinutes;

    @Option(names = "--soak-tolerance", defaultValue = "5", paramLabel = "PERCENT", description = "Growth of resident "
            + "memory a soak may show, from the highest reading of the first half of the run (the warm-up) to the end "
            + "(default: ${DEFAULT-VALUE}).")
    double soakTolerance;

    @Option(names = "--out", defaultValue = "bench-results", paramLabel = "DIR", description = "Folder for benchmark.json and benchmark.md (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        DeviceOption.resolve(device);
        if (checkpoint != null) {
            return scoreCheckpoint();
        }
        if (soakSteps > 0 || soakThreads > 0) {
            return soak();
        }
        BenchmarkOptions.Builder options = BenchmarkOptions.builder().steps(steps).warmup(warmup).repeats(repeats)
                .batchSize(batchSize).device(device).seed(seed).quality(quality)
                .importanceSamples(importanceSamples).qualityMinutes(qualityMinutes).qualityMaxSteps(qualityMaxSteps)
                .generatedSamples(qualitySamples).slowSamples(slowSamples).artifactDirectory(out)
                .commandLine("artifex " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        if (models != null && !models.isEmpty()) {
            options.models(models);
        }
        if (qualityEpochs != null && !qualityEpochs.isEmpty()) {
            options.qualityEpochs(qualityEpochs);
        }
        BenchmarkReport report = new BenchmarkRunner(available()).run(options.build());
        report.writeTo(out);
        spec.commandLine().getOut().println(report.toMarkdown());
        spec.commandLine().getOut().println("Wrote " + out.resolve("benchmark.json").toAbsolutePath() + " and benchmark.md");
        if (!report.allChecksPassed()) {
            spec.commandLine().getErr().println("artifex bench: failed checks: " + report.failedChecks());
            return 1;
        }
        return 0;
    }

    /** {@code --soak-steps} / {@code --soak-threads}: the memory soak instead of the speed protocol. */
    private int soak() {
        SoakOptions.Builder options = SoakOptions.builder().trainingSteps(soakSteps).samplingThreads(soakThreads)
                .samplingMinutes(soakMinutes).tolerancePercent(soakTolerance).batchSize(batchSize).device(device)
                .seed(seed).commandLine("artifex " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        if (soakSteps > 0) {
            options.readings((int) Math.min(50, soakSteps));
        }
        if (models != null && !models.isEmpty()) {
            options.models(models);
        }
        SoakReport report = new MemorySoak(available()).run(options.build());
        report.writeTo(out);
        spec.commandLine().getOut().println(report.toMarkdown());
        spec.commandLine().getOut().println("Wrote " + out.resolve(SoakReport.JSON_FILE).toAbsolutePath() + " and "
                + SoakReport.MARKDOWN_FILE);
        if (!report.failedChecks().isEmpty()) {
            spec.commandLine().getErr().println("artifex bench: resident memory grew: " + report.failedChecks());
            return 1;
        }
        return 0;
    }

    private BenchmarkModels available() {
        BenchmarkModels available = BenchmarkModels.available();
        return entries == null ? available : available.plus(BenchmarkModels.load(entries));
    }

    /** {@code --checkpoint}: the entry's quality protocol on a trained model, no training. */
    private int scoreCheckpoint() {
        Path weights = weightsOf(checkpoint);
        BenchmarkOptions options = BenchmarkOptions.builder().batchSize(batchSize).device(device).seed(seed)
                .quality(true).importanceSamples(importanceSamples).generatedSamples(qualitySamples)
                .slowSamples(slowSamples).artifactDirectory(out).build();
        Map<String, Double> metrics;
        BenchmarkModel entry;
        try (GenerativeModel model = ModelLoader.load(weights, DeviceOption.resolve(device))) {
            entry = entryFor(model, available());
            metrics = CheckpointQuality.measure(entry, model, options);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("entry", entry.id());
        result.put("checkpoint", weights.toAbsolutePath().toString());
        result.put("seed", seed);
        result.put("metrics", metrics);
        Path file = out.resolve("checkpoint-quality.json");
        JsonFiles.write(file, result);
        PrintWriter printed = spec.commandLine().getOut();
        printed.println("Quality of " + weights + " by the protocol of bench entry '" + entry.id() + "':");
        metrics.forEach((k, v) -> printed.printf(Locale.ROOT, "  %-36s %.4f%n", k, v));
        printed.println("Wrote " + file.toAbsolutePath());
        return 0;
    }

    /** A run folder's best checkpoint, else its final model; any other folder as it is. */
    static Path weightsOf(Path given) {
        if (Files.isRegularFile(given.resolve("experiment.yaml"))) {
            Path best = given.resolve("checkpoints").resolve("best");
            return Files.isDirectory(best) ? best : given.resolve("model");
        }
        return given;
    }

    /**
     * The entry named by {@code --models}, else the one whose model config equals the model's
     * (its quality or speed config), else the only entry of the model's family.
     */
    private BenchmarkModel entryFor(GenerativeModel model, BenchmarkModels available) {
        if (models != null && !models.isEmpty()) {
            if (models.size() != 1) {
                throw new IllegalArgumentException("--checkpoint scores one model; give --models one entry id, got " + models);
            }
            return available.get(models.get(0));
        }
        List<BenchmarkModel> all = available.select(available.ids());
        List<BenchmarkModel> equal = all.stream().filter(e -> e.qualityConfig().equals(model.config())
                || e.config().equals(model.config())).toList();
        if (equal.size() == 1) {
            return equal.get(0);
        }
        String type = ModelRegistry.defaultRegistry().typeIdOf(model.config());
        List<BenchmarkModel> family = (equal.isEmpty() ? all : equal).stream()
                .filter(e -> ModelRegistry.defaultRegistry().typeIdOf(e.config()).equals(type)).toList();
        if (family.size() == 1) {
            return family.get(0);
        }
        throw new IllegalArgumentException("--checkpoint: " + (family.isEmpty() ? "no benchmark entry is a '" + type
                + "' model" : "several benchmark entries are '" + type + "' models ("
                + String.join(", ", family.stream().map(BenchmarkModel::id).toList()) + ")")
                + "; say which protocol to use with --models ID (entries: " + String.join(", ", available.ids()) + ")");
    }
}
