package io.artifex.training.callbacks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.image.ImageGrid;
import io.artifex.core.image.ValueRange;
import io.artifex.core.model.PreviewSampling;
import io.artifex.core.random.Rng;
import io.artifex.training.EpochMetrics;
import io.artifex.training.TrainingSession;
import io.artifex.training.ema.ExponentialMovingAverage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Every {@code everyEpochs} epochs, draws {@code n} samples with a fixed seed (the same
 * noise each time, so the grids show progress) under the EMA weights if there are any, and
 * writes them as {@code <directory>/samples-epoch-NNNN.png}. A model with a cheaper preview
 * sampler ({@link PreviewSampling}, e.g. DDIM for a diffusion model) is drawn with that.
 *
 * <p>Thread-safety: not thread-safe: the trainer calls it from its one training thread; use one
 * instance per trainer.
 */
public final class SampleGridWriter implements Callback {

    private final Path directory;
    private final int n;
    private final int nrow;
    private final ValueRange range;
    private final long seed;
    private final int everyEpochs;

    /** A writer of {@code n} samples in rows of {@code nrow}, data in {@code range}. */
    public SampleGridWriter(Path directory, int n, int nrow, ValueRange range, long seed, int everyEpochs) {
        if (directory == null || range == null) {
            throw new IllegalArgumentException("directory and value range must not be null");
        }
        if (n < 1 || nrow < 1 || everyEpochs < 1) {
            throw new IllegalArgumentException("n, nrow and everyEpochs must be >= 1, got " + n + ", " + nrow
                    + ", " + everyEpochs);
        }
        this.directory = directory;
        this.n = n;
        this.nrow = nrow;
        this.range = range;
        this.seed = seed;
        this.everyEpochs = everyEpochs;
    }

    /** The file written after {@code epoch}. */
    public Path fileFor(long epoch) {
        return directory.resolve(String.format(Locale.ROOT, "samples-epoch-%04d.png", epoch));
    }

    @Override
    public void onEpochEnd(TrainingSession session, EpochMetrics metrics) {
        if (!metrics.complete() || (metrics.epoch() + 1) % everyEpochs != 0) {
            return;
        }
        try (NDManager manager = session.model().manager().newSubManager();
             ExponentialMovingAverage.Scope scope = session.ema().map(ExponentialMovingAverage::applied)
                     .orElse(() -> { })) {
            NDArray samples = PreviewSampling.previewOf(session.model(), n, manager, new Rng(seed));
            ImageGrid.writePng(samples, range, nrow, 2, fileFor(metrics.epoch()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sample grid " + fileFor(metrics.epoch()), e);
        }
    }
}
