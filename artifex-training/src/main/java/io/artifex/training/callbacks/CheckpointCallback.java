package io.artifex.training.callbacks;

import io.artifex.core.config.training.CheckpointConfig;
import io.artifex.core.config.training.MonitorMode;
import io.artifex.training.EpochMetrics;
import io.artifex.training.StepMetrics;
import io.artifex.training.TrainingSession;
import io.artifex.training.checkpoint.CheckpointIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes checkpoints {@code <directory>/step-NNNNNNNNN} every {@code everySteps} steps and/or
 * every {@code everyEpochs} epochs, keeps the newest {@code keepLast}, and, when
 * {@code saveBest} is on, keeps the best one by the monitored epoch metric in
 * {@code <directory>/best}. When training ends normally, the final step is checkpointed too
 * (if it was not already), so a run cut short by {@code maxSteps} still leaves its weights.
 * Does nothing when the config is disabled. The {@link io.artifex.training.Trainer} builds one
 * from {@code TrainerConfig.checkpoint}; create one yourself only for a second folder.
 *
 * <p>Thread-safety: not thread-safe: the trainer calls it from its one training thread; use one
 * instance per trainer.
 */
public final class CheckpointCallback implements Callback {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointCallback.class);
    private static final String PREFIX = "step-";

    private final CheckpointConfig config;
    private final Path directory;
    private double best = Double.NaN;

    /** A callback for the given checkpoint settings. */
    public CheckpointCallback(CheckpointConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("checkpoint config must not be null");
        }
        this.config = config;
        this.directory = Paths.get(config.directory());
    }

    /** The folder of step {@code step}'s checkpoint. */
    public Path pathFor(long step) {
        return pathFor(config, step);
    }

    /**
     * The folder a run with these settings writes step {@code step}'s checkpoint to (e.g. the
     * one to {@link io.artifex.training.Trainer#resume} from).
     */
    public static Path pathFor(CheckpointConfig config, long step) {
        if (config == null) {
            throw new IllegalArgumentException("checkpoint config must not be null");
        }
        return Paths.get(config.directory()).resolve(String.format(Locale.ROOT, PREFIX + "%09d", step));
    }

    /** The settings. */
    public CheckpointConfig config() {
        return config;
    }

    /** The folder holding the checkpoints. */
    public Path directory() {
        return directory;
    }

    /** The folder of the best checkpoint. */
    public Path bestPath() {
        return directory.resolve("best");
    }

    @Override
    public void onStepEnd(TrainingSession session, StepMetrics metrics) {
        if (config.enabled() && config.everySteps() > 0 && session.step() % config.everySteps() == 0) {
            save(session);
        }
    }

    @Override
    public void onEpochEnd(TrainingSession session, EpochMetrics metrics) {
        if (!config.enabled()) {
            return;
        }
        if (metrics.complete() && config.everyEpochs() > 0 && (metrics.epoch() + 1) % config.everyEpochs() == 0) {
            save(session);
        }
        Double value = metrics.values().get(config.monitor());
        if (config.saveBest() && value != null && !value.isNaN()) {
            boolean better = Double.isNaN(best)
                    || (config.mode() == MonitorMode.MIN ? value < best : value > best);
            if (better) {
                best = value;
                session.writeCheckpoint(bestPath());
                LOG.info("new best {} = {} at step {}", config.monitor(), value, session.step());
            }
        }
    }

    @Override
    public void onTrainEnd(TrainingSession session, io.artifex.training.TrainingResult result) {
        if (config.enabled() && session.step() > 0 && !Files.isDirectory(pathFor(session.step()))) {
            save(session);
        }
    }

    private void save(TrainingSession session) {
        Path written = session.writeCheckpoint(pathFor(session.step()));
        LOG.info("checkpoint written to {}", written);
        prune();
    }

    private void prune() {
        try (var listing = Files.list(directory)) {
            List<Path> periodic = listing.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            for (int i = 0; i < periodic.size() - config.keepLast(); i++) {
                CheckpointIO.deleteTree(periodic.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune old checkpoints in " + directory, e);
        }
    }
}
