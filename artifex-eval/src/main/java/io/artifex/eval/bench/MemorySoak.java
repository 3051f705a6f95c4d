package io.artifex.eval.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.device.DeviceManager;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.training.StepMetrics;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.TrainingSession;
import io.artifex.training.callbacks.Callback;
import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long runs that watch the process's resident memory, so a leak of native (engine) memory shows
 * up as growth rather than as a crash hours later in a user's service:
 * <ul>
 *   <li><b>training soak</b>: {@link SoakOptions#trainingSteps()} steps of each selected model
 *       through the {@link Trainer}, with a reading every {@code trainingSteps / readings} steps;</li>
 *   <li><b>sampling soak</b>: {@link SoakOptions#samplingThreads()} threads sampling from one
 *       loaded model at once for {@link SoakOptions#samplingMinutes()} minutes, each call with its
 *       own seed and sub-manager (as a web service embedding the library would), with a reading
 *       every {@code minutes / readings}.</li>
 * </ul>
 * Each soak is flat when its resident memory at the end is within the tolerance of its baseline
 * ({@link SoakResult}). Thread-safety: safe to construct; one {@link #run} at a time per instance.
 */
public final class MemorySoak {

    private static final Logger LOG = LoggerFactory.getLogger(MemorySoak.class);

    private final BenchmarkModels models;

    /** A soak over the built-in benchmark entries. */
    public MemorySoak() {
        this(BenchmarkModels.available());
    }

    /** A soak over the given entries. */
    public MemorySoak(BenchmarkModels models) {
        if (models == null) {
            throw new IllegalArgumentException("benchmark models must not be null");
        }
        this.models = models;
    }

    /**
     * Runs the soaks {@code options} ask for, model by model: training first, then sampling.
     *
     * @throws IllegalArgumentException for an unknown model id or an unusable device
     */
    public SoakReport run(SoakOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("soak options must not be null");
        }
        List<BenchmarkModel> selected = models.select(options.models());
        String date = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        DeviceManager devices = DeviceManager.builder().device(options.device()).build();
        devices.logSummary();
        ModelFactory factory = new ModelFactory(devices);
        boolean preTouched = heapPreTouched(ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (!preTouched) {
            LOG.warn("the heap is not resident from the start: heap pages touched for the first time will count as "
                    + "growth; run the soak with -Xms equal to -Xmx and -XX:+AlwaysPreTouch");
        }
        List<SoakResult> results = new ArrayList<>();
        for (BenchmarkModel entry : selected) {
            if (options.trainingSteps() > 0) {
                results.add(log(training(entry, factory, options)));
            }
            if (options.samplingThreads() > 0) {
                results.add(log(sampling(entry, factory, options)));
            }
        }
        return new SoakReport(SoakReport.SCHEMA, date, options.commandLine(),
                SystemProbe.environment(devices.info()), options, preTouched, results);
    }

    /** Whether JVM arguments ask for the whole heap to be resident from the start. */
    static boolean heapPreTouched(List<String> jvmArguments) {
        String xms = null;
        String xmx = null;
        boolean preTouch = false;
        for (String a : jvmArguments) {
            if (a.startsWith("-Xms")) {
                xms = a.substring(4);
            } else if (a.startsWith("-Xmx")) {
                xmx = a.substring(4);
            } else if (a.equals("-XX:+AlwaysPreTouch")) {
                preTouch = true;
            } else if (a.equals("-XX:-AlwaysPreTouch")) {
                preTouch = false;
            }
        }
        return preTouch && xms != null && xms.equalsIgnoreCase(xmx);
    }

    private static SoakResult log(SoakResult r) {
        if (r.flat()) {
            LOG.info("{}", r.describe());
        } else {
            LOG.error("FAILED CHECK: {}", r.describe());
        }
        return r;
    }

    private static SoakResult training(BenchmarkModel entry, ModelFactory factory, SoakOptions options) {
        long steps = options.trainingSteps();
        BatchSource train = BenchData.train(entry.data(), options.batchSize(), options.seed(), 0, true);
        int epochs = (int) Math.min(Integer.MAX_VALUE, (steps + train.batchesPerEpoch() - 1) / train.batchesPerEpoch());
        TrainerConfig config = ModelFactory.trainerConfig(entry, options.batchSize(), options.seed(), epochs, steps);
        long every = Math.max(1, steps / options.readings());
        LOG.info("{}: training soak of {} steps, a memory reading every {} steps", entry.id(), steps, every);
        Readings readings = new Readings(every);
        long start = System.nanoTime();
        readings.take(0, start);
        try (GenerativeModel model = factory.create(entry, options.seed())) {
            TrainingResult result = new Trainer(config, List.of(readings)).fit(model, train, null);
            if (result.steps() != steps) {
                throw new IllegalStateException(entry.id() + ": the training soak ran " + result.steps()
                        + " steps, expected " + steps + (result.stoppedEarly() ? " (" + result.stopReason() + ")" : ""));
            }
        }
        return SoakResult.of(entry.id(), "training", "steps", 1, steps, (System.nanoTime() - start) / 1e9,
                readings.list(), options.baselineFraction(), options.tolerancePercent());
    }

    private static SoakResult sampling(BenchmarkModel entry, ModelFactory factory, SoakOptions options) {
        SamplingWorkload workload = cheapest(entry).withSamples(options.samplesPerCall());
        int threads = options.samplingThreads();
        long millis = Math.round(options.samplingMinutes() * 60_000);
        long interval = Math.max(1, millis / options.readings());
        LOG.info("{}: sampling soak, {} thread(s) x '{}' ({} samples per call) for {} s", entry.id(), threads,
                workload.name(), workload.samples(), millis / 1000.0);
        AtomicLong calls = new AtomicLong();
        List<MemoryReading> readings = Collections.synchronizedList(new ArrayList<>());
        try (GenerativeModel model = factory.create(entry, options.seed())) {
            long start = System.nanoTime();
            long deadline = start + millis * 1_000_000L;
            readings.add(MemoryReading.now(0, start));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> workers = new ArrayList<>();
            try {
                for (int t = 0; t < threads; t++) {
                    long thread = t;
                    workers.add(pool.submit(() -> {
                        for (long call = 0; System.nanoTime() < deadline; call++) {
                            long seed = options.seed() + 1_000_003L * (thread + 1) + call;
                            try (NDManager sm = model.manager().newSubManager()) {
                                NDArray samples = entry.sample(model, workload, sm, new Rng(seed));
                                for (float v : samples.toFloatArray()) {
                                    if (!Float.isFinite(v)) {
                                        throw new IllegalStateException(entry.id() + ": call " + call + " (seed " + seed
                                                + ") sampled a non-finite value " + v);
                                    }
                                }
                            }
                            calls.incrementAndGet();
                        }
                        return null;
                    }));
                }
                while (System.nanoTime() < deadline) {
                    long left = (deadline - System.nanoTime()) / 1_000_000L;
                    Thread.sleep(Math.max(1, Math.min(interval, left)));
                    readings.add(logged(MemoryReading.now(calls.get(), start)));
                }
                for (Future<?> f : workers) {
                    f.get(Math.max(60_000, millis), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(entry.id() + ": sampling soak interrupted", e);
            } catch (Exception e) {
                throw new IllegalStateException(entry.id() + ": a sampling thread failed: " + e.getMessage(), e);
            } finally {
                pool.shutdownNow();
            }
            readings.add(MemoryReading.now(calls.get(), start));
            return SoakResult.of(entry.id(), "sampling", "calls", threads, calls.get(),
                    (System.nanoTime() - start) / 1e9, readings, options.baselineFraction(),
                    options.tolerancePercent());
        }
    }

    private static MemoryReading logged(MemoryReading r) {
        LOG.debug("memory at {}: RSS {} MiB, heap used {} MiB", r.position(),
                String.format(Locale.ROOT, "%.1f", r.rssMib()), r.heapUsedBytes() >> 20);
        return r;
    }

    /** The first workload that is not capped as expensive (e.g. DDIM rather than 1,000-step DDPM). */
    private static SamplingWorkload cheapest(BenchmarkModel entry) {
        List<SamplingWorkload> all = entry.samplingWorkloads();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("benchmark entry '" + entry.id() + "' has no sampling workload to soak");
        }
        return all.stream().filter(w -> w.maxRepeats() == 0).findFirst().orElse(all.get(0));
    }

    /** A trainer callback that reads memory every {@code every} steps. */
    private static final class Readings implements Callback {
        private final long every;
        private final List<MemoryReading> list = new ArrayList<>();
        private long start;
        private long steps;

        Readings(long every) {
            this.every = every;
        }

        void take(long position, long startNanos) {
            start = startNanos;
            list.add(MemoryReading.now(position, startNanos));
        }

        @Override
        public void onStepEnd(TrainingSession session, StepMetrics metrics) {
            steps++;
            if (steps % every == 0) {
                list.add(logged(MemoryReading.now(steps, start)));
            }
        }

        List<MemoryReading> list() {
            if (list.get(list.size() - 1).position() != steps) {
                list.add(MemoryReading.now(steps, start));
            }
            return list;
        }
    }
}
