package io.artifex.examples.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.examples.TinyConfigs;
import io.artifex.training.callbacks.LossCurvePlot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loss.png} after {@code train --resume} plots the whole run, not only the resumed steps:
 * the runner replays the metrics.csv rows kept from before the resume into the plot
 * ({@link LossHistory}). Planted bugs these catch: the runner not replaying on resume (the series
 * then start at step 3), validation rows read as steps or dropped, the value columns shifted by
 * one (the loss of a step read from the wrong column).
 */
class LossHistoryTest {

    @Test
    void aResumedRunPlotsTheStepsFromBeforeTheResume(@TempDir Path dir) throws Exception {
        ExperimentConfig three = ConfigIO.fromYaml(TinyConfigs.TINY_VAE, ExperimentConfig.class);
        ExperimentRunner runner = new ExperimentRunner(null);
        Path runFolder = runner.run(three, dir).run().root();

        ExperimentRunner.Outcome resumed = runner.resume(runFolder, null, 6L);

        LossCurvePlot plot = resumed.lossCurve();
        assertThat(plot.seriesNames()).isNotEmpty();
        for (String series : plot.seriesNames()) {
            if (series.equals("validation_loss")) {
                // a maxSteps stop validates the final weights (step 6); the first run's validation at
                // its step 3 was a mid-epoch row at the checkpoint's step, which the resume drops as
                // it continues that epoch
                assertThat(plot.steps(series)).as(series).containsExactly(6.0);
            } else {
                assertThat(plot.steps(series)).as(series).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
            }
        }
        try (Stream<String> lines = Files.lines(runFolder.resolve("metrics.csv"))) {
            assertThat(lines.filter(l -> l.startsWith("train,")).count()).isEqualTo(6);
        }
    }

    @Test
    void replayReadsStepRowsAndValidationRowsByTheirColumns(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("metrics.csv");
        Files.write(csv, List.of(
                "split,step,epoch,batch,examples,loss,lr/default,validation_loss",
                "train,0,0,0,32,5.0000000,0.0010000000,",
                "train,1,0,1,32,4.0000000,0.0010000000,",
                "validation,2,0,,,,,3.5000000",
                "train,2,1,0,32,,0.0010000000,"));
        LossCurvePlot plot = new LossCurvePlot(dir.resolve("loss.png"));

        assertThat(LossHistory.replay(csv, plot)).isEqualTo(4);

        // step 2 has no loss value: only steps 0 and 1 carry one; learning rates are not plotted
        assertThat(plot.seriesNames()).containsExactly("loss", "validation_loss");
        assertThat(plot.steps("loss")).containsExactly(0.0, 1.0);
        assertThat(plot.steps("validation_loss")).containsExactly(2.0);
        assertThat(LossHistory.replay(dir.resolve("absent.csv"), plot)).isZero();
    }

    @Test
    void aDamagedRowIsRefusedWithFileAndLine(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("metrics.csv");
        Files.write(csv, List.of("split,step,epoch,batch,examples,loss,validation_loss", "train,0,0,0,32,x1,"));
        assertThatThrownBy(() -> LossHistory.replay(csv, new LossCurvePlot(dir.resolve("loss.png"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metrics.csv: line 2");
        Files.write(csv, List.of("split,step,epoch,batch,examples,loss,validation_loss", "train,0,0,0,32"));
        assertThatThrownBy(() -> LossHistory.replay(csv, new LossCurvePlot(dir.resolve("loss.png"))))
                .hasMessageContaining("line 2 has 5 fields, the header 7");
    }
}
