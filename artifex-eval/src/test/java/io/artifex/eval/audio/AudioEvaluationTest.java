package io.artifex.eval.audio;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.data.AudioConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.data.EpochIterator;
import io.artifex.data.Split;
import io.artifex.data.audio.AudioBatchSource;
import io.artifex.data.audio.AudioDatasets;
import io.artifex.eval.audio.LinearPredictionBaseline.Residual;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The entry point on the embedded espeak clips: the ids scored are the ones the data source serves. */
class AudioEvaluationTest {

    // planted bugs caught: clips() taking another epoch's crops, or skipping the normalisation the source applies
    @Test
    void theBaselineScoresTheIdsTheSourceServesAndBeatsAUniformGuess() {
        AudioConfig audio = AudioConfig.builder().clipLength(2000).normalise("peak").level(0.5).build();
        DataConfig data = DataConfig.builder().dataset("audio").audio(audio).build();
        DataConfig codes = data.toBuilder().audio(audio.toBuilder().muLaw(true).build()).build();
        AudioBatchSource train = AudioDatasets.source(data, Split.TRAIN, 2, 3, false);
        AudioBatchSource test = AudioDatasets.source(data, Split.TEST, 2, 3, false);
        AudioBatchSource testCodes = AudioDatasets.source(codes, Split.TEST, 2, 3, false);

        List<int[]> served = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            EpochIterator epoch = testCodes.epoch(0);
            while (epoch.hasNext()) {
                int[] batch = epoch.next(manager).x().toIntArray();
                for (int n = 0; n < batch.length / 2000; n++) {
                    served.add(java.util.Arrays.copyOfRange(batch, n * 2000, (n + 1) * 2000));
                }
            }
        }
        List<int[]> ours = AudioEvaluation.muLawIds(AudioEvaluation.clips(test));
        assertThat(ours).hasSameSizeAs(served);
        for (int i = 0; i < ours.size(); i++) {
            assertThat(ours.get(i)).isEqualTo(served.get(i));
        }

        LpBaselineResult result = AudioEvaluation.lpBaseline(train, test, 8, Residual.LAPLACE);
        assertThat(result.test().samples()).isEqualTo(ours.size() * 1999L);
        assertThat(result.test().bitsPerSample()).isBetween(2.0, 7.5);
        assertThat(result.train().bitsPerSample()).isLessThan(result.test().bitsPerSample() + 1.0);
        assertThat(result.toMap("lpc_")).containsKeys("lpc_test_bits_per_sample", "lpc_order");
    }
}
