package io.artifex.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.PhaseValidation;
import io.artifex.core.model.StepContext;
import io.artifex.core.model.TrainingPhase;
import io.artifex.core.random.Rng;
import io.artifex.training.callbacks.Callback;
import io.artifex.training.callbacks.NanGuard;
import io.artifex.training.checkpoint.Checkpoint;
import io.artifex.training.checkpoint.CheckpointIO;
import io.artifex.training.ema.ExponentialMovingAverage;
import io.artifex.training.internal.ArrayCopy;
import io.artifex.training.optim.Optimizer;
import io.artifex.training.optim.OptimizerState;
import io.artifex.training.optim.Optimizers;
import io.artifex.training.schedule.LrSchedule;
import io.artifex.training.schedule.LrSchedules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One call of {@link Trainer#fit} or {@link Trainer#resume}: the loop and its state. */
final class TrainingRun implements TrainingSession, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALIDATION_LOSS = "validation_loss";

    private final TrainerConfig config;
    private final List<Callback> callbacks;
    private final GenerativeModel model;
    private final BatchSource train;
    private final BatchSource validation;
    private final NDManager parameterManager;
    private final List<TrainingPhase> phases;
    private final PhaseExecutor executor;
    private final Map<String, String> pathById = new LinkedHashMap<>();
    private final Map<String, Parameter> byPath = new LinkedHashMap<>();
    private final Map<String, Optimizer> optimizers = new LinkedHashMap<>();
    private final Map<String, LrSchedule> schedules = new LinkedHashMap<>();
    private final ExponentialMovingAverage ema;
    private final long totalSteps;
    private long step;
    private long epoch;
    private int batchInEpoch;
    private String stopReason;
    private final List<Path> checkpointsWritten = new ArrayList<>();

    TrainingRun(TrainerConfig config, List<Callback> callbacks, GenerativeModel model, BatchSource train,
                BatchSource validation) {
        this.config = config;
        this.callbacks = callbacks;
        this.model = model;
        this.train = train;
        this.validation = validation;
        List<Parameter> trainable = new ArrayList<>();
        for (Pair<String, Parameter> p : model.network().getParameters()) {
            if (!p.getValue().isInitialized()) {
                throw new IllegalArgumentException("model parameter '" + p.getKey()
                        + "' is not initialised; initialise the network before training");
            }
            pathById.put(p.getValue().getId(), p.getKey());
            byPath.put(p.getKey(), p.getValue());
            if (p.getValue().requiresGradient()) {
                trainable.add(p.getValue());
            }
        }
        if (byPath.isEmpty()) {
            throw new IllegalArgumentException("model network has no parameters to train");
        }
        this.parameterManager = model.manager();
        this.phases = model.trainingPhases();
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("model declares no training phases");
        }
        this.executor = new PhaseExecutor(trainable);
        long bpe = train.batchesPerEpoch();
        if (bpe < 1) {
            throw new IllegalArgumentException("training source yields no batches per epoch");
        }
        long byEpochs = bpe * config.epochs();
        this.totalSteps = config.maxSteps() > 0 ? Math.min(config.maxSteps(), byEpochs) : byEpochs;
        for (TrainingPhase phase : phases) {
            OptimizerConfig oc = config.optimizerFor(phase.optimizer());
            optimizers.computeIfAbsent(phase.optimizer(), k -> Optimizers.create(oc));
            schedules.computeIfAbsent(phase.optimizer(),
                    k -> LrSchedules.create(config.scheduleFor(k), oc.learningRate(), totalSteps));
        }
        // only weights that gradients update are averaged: running statistics and model state kept
        // in frozen parameters (an EBM's replay buffer) must stay exactly as the model wrote them
        this.ema = config.emaDecay() > 0 ? ExponentialMovingAverage.withWarmup(trainable, config.emaDecay()) : null;
        executor.primeGradients(parameterManager);
    }

    /** Restores parameters, optimizer states, EMA and counters from a checkpoint. */
    void restore(Checkpoint c) {
        if (!c.parameters().keySet().equals(byPath.keySet())) {
            throw new IllegalArgumentException("checkpoint parameters " + c.parameters().keySet()
                    + " do not match the model's " + byPath.keySet());
        }
        byPath.forEach((path, p) -> ArrayCopy.copyInto(c.parameters().get(path), p.getArray(), "parameter '" + path + "'"));
        for (Map.Entry<String, OptimizerState> e : c.optimizers().entrySet()) {
            Optimizer opt = optimizers.get(e.getKey());
            if (opt == null) {
                throw new IllegalArgumentException("checkpoint has state for optimizer '" + e.getKey()
                        + "' which no training phase of this model uses; phases use " + optimizers.keySet());
            }
            Map<String, OptimizerState.ParamState> byId = new LinkedHashMap<>();
            e.getValue().parameters().forEach((path, s) -> byId.put(idOf(path), s));
            opt.loadState(new OptimizerState(e.getValue().algorithm(), byId), new ArrayList<>(byPath.values()));
        }
        if (ema != null) {
            Map<String, NDArray> byId = new LinkedHashMap<>();
            c.ema().forEach((path, a) -> byId.put(idOf(path), a));
            ema.load(byId, c.step());
        }
        if (c.seed() != config.seed()) {
            throw new IllegalArgumentException("checkpoint was written by a run with seed " + c.seed()
                    + " but the trainer config has seed " + config.seed() + "; resume needs the same seed");
        }
        step = c.step();
        epoch = c.epoch();
        batchInEpoch = c.batchInEpoch();
    }

    private String idOf(String path) {
        Parameter p = byPath.get(path);
        if (p == null) {
            throw new IllegalArgumentException("checkpoint names parameter '" + path + "' which the model does not have");
        }
        return p.getId();
    }

    TrainingResult run() {
        List<StepMetrics> steps = new ArrayList<>();
        List<EpochMetrics> epochs = new ArrayList<>();
        callbacks.forEach(cb -> cb.onTrainStart(this));
        while (epoch < config.epochs() && step < totalSteps && stopReason == null) {
            EpochIterator it = train.epoch(epoch);
            if (batchInEpoch > 0) {
                it.skip(batchInEpoch);
            }
            Map<String, double[]> sums = new LinkedHashMap<>();
            while (it.hasNext() && step < totalSteps && stopReason == null) {
                StepMetrics m = runStep(it);
                steps.add(m);
                m.values().forEach((k, v) -> {
                    double[] s = sums.computeIfAbsent(k, x -> new double[2]);
                    s[0] += v;
                    s[1]++;
                });
                // at debug: the progress callback logs the one line per interval people read (with rate and ETA)
                if (step % config.logEvery() == 0 && LOG.isDebugEnabled()) {
                    LOG.debug("step {}/{} epoch {} loss {}", step, totalSteps, epoch, m.loss());
                }
                callbacks.forEach(cb -> cb.onStepEnd(this, m));
            }
            // batches left: a stop was requested, or maxSteps ended the run part way through the epoch;
            // the latter still closes with the epoch's means and a validation of the final weights
            boolean complete = !it.hasNext();
            if (!complete && (stopReason != null || sums.isEmpty())) {
                break;
            }
            Map<String, Double> values = new LinkedHashMap<>();
            sums.forEach((k, s) -> values.put(k, s[0] / s[1]));
            if (validation != null && config.validateEvery() > 0
                    && (!complete || (epoch + 1) % config.validateEvery() == 0)) {
                values.putAll(validate());
            }
            EpochMetrics em = new EpochMetrics(epoch, step, values, complete);
            epochs.add(em);
            if (complete) {
                epoch++;
                batchInEpoch = 0;
            }
            if (LOG.isInfoEnabled()) {
                LOG.info(LogLines.epochSummary(em, config.epochs(), totalSteps));
            }
            callbacks.forEach(cb -> cb.onEpochEnd(this, em));
        }
        TrainingResult ending = new TrainingResult(step, steps, epochs, stopReason, checkpointsWritten);
        callbacks.forEach(cb -> cb.onTrainEnd(this, ending));
        if (ema != null) {
            // after every callback: the final checkpoint keeps the trained weights (and the average beside them)
            ema.copyToParameters();
            LOG.info("model now holds the moving average of its weights (decay {}, {} updates)", ema.decay(),
                    ema.updates());
        }
        // again, with the checkpoints written at the end (the final one)
        return new TrainingResult(step, steps, epochs, stopReason, checkpointsWritten);
    }

    private StepMetrics runStep(EpochIterator it) {
        TrainingPhase first = firstActivePhase(step);
        Map<String, Double> values = new LinkedHashMap<>();
        int examples;
        try (NDManager sm = parameterManager.newSubManager()) {
            Batch batch = it.next(sm);
            examples = batch.size();
            StepContext ctx = new StepContext(sm, new ParameterStore(sm, false),
                    new Rng(config.seed()).fork("step-" + step), true, step);
            for (TrainingPhase phase : phases) {
                if (!phase.activeAt(step)) {
                    continue;
                }
                String key = phase.optimizer();
                float lr = (float) schedules.get(key).at(step);
                double clip = config.optimizerFor(key).gradientClipNorm();
                Map<String, Double> sum = new LinkedHashMap<>();
                for (int r = 0; r < phase.repeats(); r++) {
                    executor.run(phase, batch, ctx, optimizers.get(key), lr, clip)
                            .forEach((k, v) -> sum.merge(k, (double) v, Double::sum));
                }
                sum.forEach((k, v) -> values.put(phase.name() + "/" + k, v / phase.repeats()));
                values.put("lr/" + key, (double) lr);
            }
            if (ema != null) {
                ema.update();
            }
        }
        values.put("loss", values.get(first.name() + "/loss"));
        StepMetrics m = new StepMetrics(step, epoch, batchInEpoch, examples, values);
        step++;
        batchInEpoch++;
        return m;
    }

    /** The first phase that runs at {@code at}; the "loss" of a step is its loss. */
    private TrainingPhase firstActivePhase(long at) {
        for (TrainingPhase phase : phases) {
            if (phase.activeAt(at)) {
                return phase;
            }
        }
        throw new IllegalArgumentException("no training phase of this model runs at step " + at + "; phase windows: "
                + phases.stream().map(p -> p.name() + " [" + p.fromStep() + ", " + p.untilStep() + ")").toList());
    }

    /**
     * One pass over the validation data with the weights as trained so far (the moving average when
     * kept). The phases validated are those active at the last step run ({@code step - 1}): each
     * with measures of its own ({@link io.artifex.core.model.PhaseObjective#newValidation()}) reports
     * them as {@code validation/<phase>/<name>}; {@code validation_loss} is the first active phase's
     * {@code loss} when it has its own measures, otherwise the model's {@code loss} (the only
     * validation of single-loss models, whose phases have none).
     */
    private Map<String, Double> validate() {
        long at = Math.max(0, step - 1);
        TrainingPhase first = firstActivePhase(at);
        Map<String, PhaseValidation> own = new LinkedHashMap<>();
        for (TrainingPhase phase : phases) {
            if (phase.activeAt(at)) {
                phase.objective().newValidation().ifPresent(v -> own.put(phase.name(), v));
            }
        }
        boolean modelLoss = !own.containsKey(first.name());
        double sum = 0;
        long count = 0;
        Rng rng = new Rng(config.seed()).fork("validation");
        try (ExponentialMovingAverage.Scope scope = ema != null ? ema.applied() : () -> { }) {
            EpochIterator it = validation.epoch(0);
            while (it.hasNext()) {
                try (NDManager sm = parameterManager.newSubManager()) {
                    Batch batch = it.next(sm);
                    StepContext ctx = new StepContext(sm, new ParameterStore(sm, false), rng, false, step);
                    if (modelLoss) {
                        float loss = model.loss(batch, model.forward(batch, ctx), ctx).total().getFloat();
                        sum += (double) loss * batch.size();
                    }
                    count += batch.size();
                    for (PhaseValidation v : own.values()) {
                        v.add(batch, ctx);
                    }
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(VALIDATION_LOSS, count == 0 ? Double.NaN : sum / count);
        for (Map.Entry<String, PhaseValidation> e : own.entrySet()) {
            Map<String, Double> measures = e.getValue().result();
            if (e.getKey().equals(first.name())) {
                Double phaseLoss = measures.get("loss");
                if (phaseLoss == null) {
                    throw new IllegalArgumentException("the validation of phase '" + first.name()
                            + "' reports no \"loss\"; it reported " + measures.keySet());
                }
                out.put(VALIDATION_LOSS, count == 0 ? Double.NaN : phaseLoss);
            }
            measures.forEach((k, value) -> out.put("validation/" + e.getKey() + "/" + k, value));
        }
        return out;
    }

    @Override
    public Path writeCheckpoint(Path directory) {
        NanGuard.checkParameters(model.network().getParameters(), "checkpoint", step);
        Map<String, NDArray> params = new LinkedHashMap<>();
        byPath.forEach((path, p) -> params.put(path, p.getArray()));
        Map<String, OptimizerState> states = new LinkedHashMap<>();
        optimizers.forEach((key, opt) -> {
            OptimizerState s = opt.state();
            Map<String, OptimizerState.ParamState> byPathState = new LinkedHashMap<>();
            s.parameters().forEach((id, ps) -> byPathState.put(pathById.get(id), ps));
            states.put(key, new OptimizerState(s.algorithm(), byPathState));
        });
        Map<String, NDArray> shadows = new LinkedHashMap<>();
        if (ema != null) {
            ema.shadows().forEach((id, a) -> shadows.put(pathById.get(id), a));
        }
        Checkpoint c = new Checkpoint(step, epoch, batchInEpoch, config.seed(), params, states, shadows,
                toJson(config), toJson(model.config()));
        Path written = CheckpointIO.write(c, directory);
        checkpointsWritten.add(written);
        return written;
    }

    /** Configs go through ConfigIO (schema version, registered type ids) so a checkpoint can rebuild its model. */
    private static String toJson(Object value) {
        try {
            return ConfigIO.toJson(value);
        } catch (RuntimeException e) {
            LOG.warn("config {} cannot be written by ConfigIO ({}); storing plain JSON", value.getClass().getSimpleName(),
                    e.getMessage());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            LOG.warn("config {} is not serialisable as JSON; storing its text form", value.getClass().getSimpleName());
            return String.valueOf(value);
        }
    }

    @Override
    public GenerativeModel model() {
        return model;
    }

    @Override
    public TrainerConfig config() {
        return config;
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public long epoch() {
        return epoch;
    }

    @Override
    public long totalSteps() {
        return totalSteps;
    }

    @Override
    public Optional<ExponentialMovingAverage> ema() {
        return Optional.ofNullable(ema);
    }

    @Override
    public void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = reason == null ? "stop requested" : reason;
        }
    }

    @Override
    public void close() {
        optimizers.values().forEach(Optimizer::close);
        if (ema != null) {
            ema.close();
        }
    }
}
