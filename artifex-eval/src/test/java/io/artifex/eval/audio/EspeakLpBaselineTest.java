package io.artifex.eval.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.config.data.AudioConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.data.Split;
import io.artifex.data.audio.AudioBatchSource;
import io.artifex.data.audio.AudioDatasets;
import io.artifex.eval.audio.LinearPredictionBaseline.Residual;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LPC baseline on the embedded espeak-ng clips at 8 kHz (resampled from 16 kHz), half-second
 * crops, one speaker held out: the figures recorded in docs/evaluation.md, logged as a table.
 */
class EspeakLpBaselineTest {

    private static final Logger LOG = LoggerFactory.getLogger(EspeakLpBaselineTest.class);

    // planted bug caught: Levinson-Durbin stopping after the first reflection coefficient (order 4 then no
    // better than order 1)
    @Test
    void higherOrdersPredictSpeechBetterAndAllBeatAUniformGuess() {
        AudioConfig audio = AudioConfig.builder().sampleRate(8000).resample(true).clipLength(4000).build();
        DataConfig data = DataConfig.builder().dataset("audio").audio(audio).build();
        List<int[]> train = AudioEvaluation.muLawIds(AudioEvaluation.clips(AudioDatasets.source(data, Split.TRAIN, 1, 0,
                false)));
        AudioBatchSource testSource = AudioDatasets.source(data, Split.TEST, 1, 0, false);
        List<int[]> test = AudioEvaluation.muLawIds(AudioEvaluation.clips(testSource));
        StringBuilder table = new StringBuilder("\n| order | residual | train bits/sample | held-out bits/sample |\n");
        double[] laplace = new double[4];
        int i = 0;
        for (int order : new int[] {1, 4, 16, 32}) {
            for (Residual residual : Residual.values()) {
                LpBaselineResult r = AudioEvaluation.lpBaseline(train, test, order, residual);
                table.append(String.format(Locale.ROOT, "| %d | %s | %.3f | %.3f |%n", order,
                        residual.name().toLowerCase(Locale.ROOT), r.train().bitsPerSample(), r.test().bitsPerSample()));
                if (residual == Residual.LAPLACE) {
                    laplace[i++] = r.test().bitsPerSample();
                }
            }
        }
        LOG.info("LPC baseline, espeak clips at 8 kHz ({} training, {} held-out crops of 4000 samples; held-out"
                + " speaker {}):{}", train.size(), test.size(), testSource.index().items().get(0).speaker(), table);
        assertThat(laplace[0]).isLessThan(8.0);
        assertThat(laplace[1]).isLessThan(laplace[0] - 0.01);
        assertThat(laplace[2]).isLessThan(laplace[1]);
        assertThat(testSource.index().items()).hasSize(2);
    }
}
