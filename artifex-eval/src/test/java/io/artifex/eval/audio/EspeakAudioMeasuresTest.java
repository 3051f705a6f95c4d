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
 * The audio measures on the embedded espeak-ng clips at 8 kHz (resampled from 16 kHz), half-second
 * crops, one speaker held out: the figures recorded in docs/evaluation.md, logged at INFO.
 */
class EspeakAudioMeasuresTest {

    private static final Logger LOG = LoggerFactory.getLogger(EspeakAudioMeasuresTest.class);

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

    // planted bug caught: the log taken of the magnitude instead of the power (a 6 dB gain change then reads 3 dB)
    @Test
    void logMelDistancesBetweenSpeakersNoiseAndAQuieterCopy() {
        AudioConfig audio = AudioConfig.builder().sampleRate(8000).resample(true).clipLength(4000).build();
        DataConfig data = DataConfig.builder().dataset("audio").audio(audio).build();
        List<float[]> train = AudioEvaluation.clips(AudioDatasets.source(data, Split.TRAIN, 1, 0, false));
        List<float[]> test = AudioEvaluation.clips(AudioDatasets.source(data, Split.TEST, 1, 0, false));
        List<float[]> quieter = test.stream().map(x -> scaled(x, 0.5f)).toList();
        java.util.Random rng = new java.util.Random(1);
        List<float[]> noise = test.stream().map(x -> noiseLike(x, rng)).toList();
        LogMelResult speakers = AudioEvaluation.logMelDistance(train, test, 8000);
        LogMelResult half = AudioEvaluation.logMelDistance(quieter, test, 8000);
        LogMelResult white = AudioEvaluation.logMelDistance(noise, test, 8000);
        LOG.info("log-mel distances to the held-out speaker's crops: other speakers {}; the same crops at half"
                + " amplitude {}; Gaussian noise of the same RMS {}", speakers, half, white);
        assertThat(half.profileDistanceDb()).isCloseTo(20 * Math.log10(2), org.assertj.core.data.Offset.offset(0.05));
        assertThat(speakers.profileDistanceDb()).isLessThan(white.profileDistanceDb());
        assertThat(speakers.frameFrechet()).isLessThan(white.frameFrechet());
    }

    private static float[] scaled(float[] x, float factor) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * factor;
        }
        return out;
    }

    private static float[] noiseLike(float[] x, java.util.Random rng) {
        double sum = 0;
        for (float v : x) {
            sum += (double) v * v;
        }
        double rms = Math.sqrt(sum / x.length);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (rms * rng.nextGaussian());
        }
        return out;
    }
}
