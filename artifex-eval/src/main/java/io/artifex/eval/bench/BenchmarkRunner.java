package io.artifex.eval.bench;

import io.artifex.core.device.DeviceManager;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the benchmark protocol of {@code shared/benchmark-spec.md} on the chosen reference models
 * and returns a {@link BenchmarkReport}; progress goes to SLF4J. Timings depend on the machine
 * and its load; everything else (parameter counts, losses, quality numbers) is deterministic for
 * a seed on the CPU.
 *
 * <pre>{@code
 * BenchmarkReport report = new BenchmarkRunner().run(BenchmarkOptions.builder().models("vae").build());
 * report.writeTo(Path.of("bench-out"));      // benchmark.json and benchmark.md
 * }</pre>
 *
 * <p>Thread-safety: immutable (it holds only the model entries) and safe to share between threads,
 * but run one benchmark at a time: concurrent runs distort each other's timings and memory
 * readings.
 */
public final class BenchmarkRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRunner.class);

    private final BenchmarkModels models;

    /** A runner over every available reference model ({@link BenchmarkModels#available()}). */
    public BenchmarkRunner() {
        this(BenchmarkModels.available());
    }

    /** A runner over the given entries. */
    public BenchmarkRunner(BenchmarkModels models) {
        if (models == null) {
            throw new IllegalArgumentException("benchmark models must not be null");
        }
        this.models = models;
    }

    /** The entries this runner can run. */
    public BenchmarkModels models() {
        return models;
    }

    /**
     * Runs the speed protocol (and the quality protocol when {@link BenchmarkOptions#quality()})
     * for each selected model, in order.
     *
     * @throws IllegalArgumentException for an unknown model id (the message lists the valid
     *         ones), an unusable device, or when no model is available
     */
    public BenchmarkReport run(BenchmarkOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("benchmark options must not be null");
        }
        List<BenchmarkModel> selected = models.select(options.models());
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no benchmark models are available on the class path");
        }
        String date = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        DeviceManager devices = DeviceManager.builder().device(options.device()).build();
        devices.logSummary();
        Environment environment = SystemProbe.environment(devices.info());
        ModelFactory factory = new ModelFactory(devices);
        SpeedProtocol speed = new SpeedProtocol(factory, options);
        QualityProtocol quality = new QualityProtocol(factory, options);
        List<ModelResult> results = new ArrayList<>();
        for (int i = 0; i < selected.size(); i++) {
            BenchmarkModel entry = selected.get(i);
            LOG.info("benchmark {}/{}: {} ({})", i + 1, selected.size(), entry.id(), entry.description());
            ModelResult r = speed.measure(entry);
            if (options.quality()) {
                QualityResult q = quality.measure(entry);
                r = new ModelResult(r.id(), r.description(), r.parameters(), r.training(), r.sampling(),
                        r.memoryBefore(), r.memoryAfter(), q);
            }
            results.add(r);
        }
        BenchmarkReport report = new BenchmarkReport(BenchmarkReport.SCHEMA, date, options.commandLine(), environment,
                options, results);
        List<String> failed = report.failedChecks();
        if (failed.isEmpty()) {
            LOG.info("benchmark done: {} model(s), all checks passed", results.size());
        } else {
            failed.forEach(f -> LOG.error("FAILED CHECK: {}", f));
        }
        return report;
    }
}
