package io.artifex.training.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.config.training.EarlyStoppingConfig;
import io.artifex.core.config.training.MonitorMode;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.image.ValueRange;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.fixtures.RegressionModel;
import io.artifex.training.fixtures.TinyGan;
import io.artifex.training.fixtures.ToySource;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallbacksTest {

    @TempDir
    Path dir;

    @Test
    void metricsLoggerPlotProgressAndSamplesWriteWhatTheRunMeasured() throws Exception {
        Path csv = dir.resolve("m/metrics.csv");
        Path jsonl = dir.resolve("m/metrics.jsonl");
        Path plot = dir.resolve("plot/loss.png");
        LossCurvePlot lossPlot = new LossCurvePlot(plot);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SampleGridWriter samples = new SampleGridWriter(dir.resolve("samples"), 9, 3, ValueRange.MINUS_ONE_ONE, 7, 1);
        TrainerConfig config = TrainerConfig.builder().epochs(2).batchSize(16).seed(1)
                .optimizer(OptimizerConfig.of(OptimizerType.SGD, 0.01)).emaDecay(0.9).validateEvery(1).build();
        TrainingResult r;
        try (TinyGan gan = new TinyGan(1); PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            r = new Trainer(config, List.of(new MetricsLogger(csv, jsonl), lossPlot,
                    new ProgressBarCallback(out), new ProgressBarCallback(1), samples, new NanGuard(1)))
                    .fit(gan, new ToySource(48, 16, 1), new ToySource(16, 16, 2));
        }
        List<String> rows = Files.readAllLines(csv);
        // header, 3 steps, validation of epoch 0, 3 steps, validation of epoch 1
        assertThat(rows).hasSize(1 + 6 + 2);
        assertThat(rows.get(0)).startsWith("split,step,epoch,batch,examples,").contains("generator/loss")
                .endsWith(",validation_loss");
        String[] header = rows.get(0).split(",");
        int lossColumn = List.of(header).indexOf("loss");
        assertThat(Double.parseDouble(rows.get(3).split(",", -1)[lossColumn]))
                .isCloseTo(r.stepHistory().get(2).loss(), org.assertj.core.api.Assertions.within(1e-6));
        for (String row : rows) {
            assertThat(row.split(",", -1)).as(row).hasSize(header.length);
        }
        String[] validation = rows.get(4).split(",", -1);
        assertThat(validation[0]).isEqualTo("validation");
        assertThat(validation[1]).isEqualTo("3"); // steps completed when it ran
        assertThat(validation[2]).isEqualTo("0");
        assertThat(Double.parseDouble(validation[header.length - 1]))
                .isCloseTo(r.epochHistory().get(0).values().get("validation_loss"), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(validation[lossColumn]).isEmpty();
        assertThat(rows.get(5)).startsWith("train,3,1,0,16,").endsWith(",");
        assertThat(rows.get(8)).startsWith("validation,6,1,,,");
        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSize(6 + 2);
        // three steps, then epoch 0, three steps, then epoch 1
        assertThat(lines.get(3)).contains("\"type\":\"epoch\"").contains("\"epoch\":0").contains("validation_loss");
        assertThat(lines.get(7)).contains("\"type\":\"epoch\"").contains("\"epoch\":1");
        // every loss term of both phases is its own series; learning rates and the "loss" alias are not plotted
        assertThat(lossPlot.seriesNames()).containsExactlyInAnyOrder("discriminator/loss", "discriminator/real",
                "discriminator/fake", "generator/loss", "validation_loss");
        BufferedImage png = ImageIO.read(plot.toFile());
        assertThat(png.getWidth()).isEqualTo(800);
        if (plot.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // the plot is readable like every other file of a run, not owner-only like a temporary file
            for (Path file : List.of(plot, csv, jsonl, samples.fileFor(1))) {
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .as(file.toString()).isEqualTo("rw-r--r--");
            }
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("train");
        BufferedImage grid = ImageIO.read(samples.fileFor(1).toFile());
        assertThat(grid.getWidth()).isEqualTo(3 * 1 + 4 * 2); // 1x1 samples, 3 per row, padding 2
        assertThat(Files.exists(samples.fileFor(0))).isTrue();
    }

    @Test
    void earlyStoppingStopsAfterPatienceEpochsWithoutImprovement() {
        // learning rate 0 never improves: the first epoch sets the best, the next two do not beat it
        TrainerConfig config = TrainerConfig.builder().epochs(20).batchSize(16).seed(1)
                .optimizer(OptimizerConfig.of(OptimizerType.SGD, 1e-12)).validateEvery(1)
                .earlyStopping(EarlyStoppingConfig.on("validation_loss", MonitorMode.MIN, 2).toBuilder().minDelta(0.01)
                        .build())
                .build();
        try (RegressionModel model = new RegressionModel(2)) {
            TrainingResult r = new Trainer(config).fit(model, new ToySource(32, 16, 1),
                    new ToySource(16, 16, 2));
            assertThat(r.stoppedEarly()).isTrue();
            assertThat(r.stopReason()).contains("validation_loss");
            assertThat(r.epochHistory()).hasSize(3);
        }
    }
}
