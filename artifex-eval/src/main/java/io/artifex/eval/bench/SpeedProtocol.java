package io.artifex.eval.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speed part of the protocol for one model: parameter check, training throughput through
 * the {@link Trainer} (a fresh model and a fresh {@code fit} per repeat, warm-up untimed),
 * memory before and after training, and the sampling workloads (one untimed warm-up call
 * first, except for workloads capped with {@link SamplingWorkload#maxRepeats()}).
 */
final class SpeedProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(SpeedProtocol.class);

    private final ModelFactory factory;
    private final BenchmarkOptions options;

    SpeedProtocol(ModelFactory factory, BenchmarkOptions options) {
        this.factory = factory;
        this.options = options;
    }

    ModelResult measure(BenchmarkModel entry) {
        int perRepeat = options.warmup() + options.steps();
        BatchSource train = BenchData.train(entry.data(), options.batchSize(), options.seed(), 0, true);
        int epochs = (perRepeat + train.batchesPerEpoch() - 1) / train.batchesPerEpoch();
        TrainerConfig config = ModelFactory.trainerConfig(entry, options.batchSize(), options.seed(), epochs, perRepeat);
        List<Double> throughput = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        ParameterCheck parameters = null;
        MemorySnapshot before = null;
        MemorySnapshot after = null;
        List<SamplingSpeed> sampling = List.of();
        for (int r = 0; r < options.repeats(); r++) {
            try (GenerativeModel model = factory.create(entry, options.seed())) {
                if (parameters == null) {
                    parameters = ParameterCheck.of(entry.expectedParameters(), model.parameterCount());
                    if (parameters.passed()) {
                        LOG.info("{}: {}", entry.id(), parameters.describe());
                    } else {
                        LOG.error("{}: FAILED CHECK: {}", entry.id(), parameters.describe());
                    }
                    before = snapshot();
                }
                StepTimer timer = new StepTimer(options.warmup());
                TrainingResult result = new Trainer(config, List.of(timer)).fit(model, train, null);
                if (result.steps() != perRepeat || timer.steps() != perRepeat) {
                    throw new IllegalStateException(entry.id() + ": the trainer ran " + result.steps()
                            + " steps, expected " + perRepeat + (result.stoppedEarly() ? " (" + result.stopReason() + ")" : ""));
                }
                throughput.add(timer.examplesPerSecond());
                losses.add(timer.lastLoss());
                LOG.info("{}: repeat {}/{}: {} examples/s over {} steps (final loss {})", entry.id(), r + 1,
                        options.repeats(), String.format(Locale.ROOT, "%.1f", timer.examplesPerSecond()),
                        options.steps(), timer.lastLoss());
                if (r == options.repeats() - 1) {
                    after = snapshot();
                    sampling = sample(entry, model);
                }
            }
        }
        TrainingSpeed speed = TrainingSpeed.of(options.batchSize(), options.steps(), options.warmup(), throughput, losses);
        return new ModelResult(entry.id(), entry.description(), parameters, speed, sampling, before, after, null);
    }

    private List<SamplingSpeed> sample(BenchmarkModel entry, GenerativeModel model) {
        NDManager parent = model.manager();
        List<SamplingSpeed> out = new ArrayList<>();
        for (SamplingWorkload spec : entry.samplingWorkloads()) {
            SamplingWorkload w = options.sampleCount() > 0 ? spec.withSamples(options.sampleCount()) : spec;
            List<Double> seconds = new ArrayList<>();
            String shape = "";
            boolean finite = true;
            int untimed = w.maxRepeats() == 0 ? 1 : 0;
            for (int i = 0; i < untimed + w.timedCalls(options.repeats()); i++) {
                try (NDManager sm = parent.newSubManager()) {
                    Rng rng = new Rng(options.seed()).fork("sample-" + w.name());
                    long t0 = System.nanoTime();
                    NDArray samples = entry.sample(model, w, sm, rng);
                    // token ids (int32) are read as numbers too: their check is only finiteness
                    float[] values = samples.getDataType().isFloating() ? samples.toFloatArray()
                            : samples.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                    if (i >= untimed) {
                        seconds.add((System.nanoTime() - t0) / 1e9);
                    }
                    shape = samples.getShape().toString();
                    for (float v : values) {
                        finite &= Float.isFinite(v);
                    }
                }
            }
            SamplingSpeed s = SamplingSpeed.of(w, seconds, shape, finite);
            LOG.info("{}: sampling '{}' x{}: median {} s ({} samples/s){}", entry.id(), w.name(), w.samples(),
                    String.format(Locale.ROOT, "%.4f", s.medianSeconds()),
                    String.format(Locale.ROOT, "%.1f", s.samplesPerSecond()),
                    finite ? "" : " FAILED CHECK: non-finite samples");
            out.add(s);
        }
        return out;
    }

    /** Memory after a garbage collection, so the heap figure is live data rather than garbage. */
    static MemorySnapshot snapshot() {
        System.gc();
        return MemorySnapshot.now();
    }
}
