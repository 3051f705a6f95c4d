package io.artifex.eval.audio;

import io.artifex.data.audio.AudioBatchSource;
import io.artifex.data.audio.MuLaw;
import io.artifex.eval.audio.LinearPredictionBaseline.Residual;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audio measures of a run, for {@code artifex evaluate}: the linear-prediction baseline's
 * held-out bits per sample on the mu-law ids a WaveNet is scored on, and the log-mel distance
 * between generated and real clips. No model is needed for either; the caller puts the model's own
 * bits per sample and its samples next to them.
 *
 * <pre>{@code
 * AudioBatchSource train = AudioDatasets.source(data, Split.TRAIN, 4, 0, false);
 * AudioBatchSource test = AudioDatasets.source(data, Split.TEST, 4, 0, false);
 * LpBaselineResult lpc = AudioEvaluation.lpBaseline(train, test, 16, Residual.LAPLACE);
 * LogMelResult mel = AudioEvaluation.logMelDistance(generated, AudioEvaluation.clips(test), 8000);
 * }</pre>
 *
 * Thread-safety: stateless and thread-safe.
 */
public final class AudioEvaluation {

    /** The predictor order used unless told otherwise. */
    public static final int DEFAULT_ORDER = 16;

    private static final Logger LOG = LoggerFactory.getLogger(AudioEvaluation.class);

    private AudioEvaluation() {
    }

    /**
     * Every example of {@code source} as it serves it in epoch 0 (the crop a WaveNet evaluated on
     * epoch 0 of the same source sees), one float array in [-1, 1] per channel, in file order.
     *
     * @throws java.io.UncheckedIOException naming the file that cannot be read
     */
    public static List<float[]> clips(AudioBatchSource source) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            for (float[] channel : source.example(i, 0)) {
                out.add(channel);
            }
        }
        return out;
    }

    /** The mu-law ids (mu = 255) of each clip, as {@link AudioBatchSource} codes them with {@code muLaw: true}. */
    public static List<int[]> muLawIds(List<float[]> clips) {
        if (clips == null) {
            throw new IllegalArgumentException("mu-law ids: no clips given");
        }
        return clips.stream().map(MuLaw.MU_255::encode).toList();
    }

    /** The float samples of each clip of mu-law ids (mu = 255), for sampled ids on their way to a log-mel distance. */
    public static List<float[]> decode(List<int[]> ids) {
        if (ids == null) {
            throw new IllegalArgumentException("mu-law decode: no clips given");
        }
        return ids.stream().map(MuLaw.MU_255::decode).toList();
    }

    /**
     * The LPC baseline of {@code order} fitted on the epoch-0 examples of {@code train} and scored on
     * those of {@code test}, through their mu-law ids ({@link #clips}, {@link #muLawIds}); every sample
     * after a clip's first is scored.
     *
     * @throws IllegalArgumentException for a bad order or clips with nothing to score
     */
    public static LpBaselineResult lpBaseline(AudioBatchSource train, AudioBatchSource test, int order,
                                              Residual residual) {
        return lpBaseline(muLawIds(clips(train)), muLawIds(clips(test)), order, residual);
    }

    /**
     * The LPC baseline of {@code order} fitted on {@code trainIds} and scored on {@code testIds}
     * (mu-law ids in [0, 255]), every sample after a clip's first scored.
     *
     * @throws IllegalArgumentException for a bad order, an id out of range or clips with nothing to score
     */
    public static LpBaselineResult lpBaseline(List<int[]> trainIds, List<int[]> testIds, int order, Residual residual) {
        LinearPredictionBaseline lpc = LinearPredictionBaseline.fit(trainIds, order, residual);
        LpBaselineResult result = new LpBaselineResult(order, residual, lpc.scale(), lpc.score(trainIds, "training"),
                lpc.score(testIds, "test"));
        LOG.info("{}", result);
        return result;
    }

    /**
     * The log-mel distances ({@link LogMelDistance}) between {@code generated} and {@code real} clips
     * at {@code sampleRate}, with {@link LogMelSpectrogram#forSpeech} settings.
     *
     * @throws IllegalArgumentException naming the set that is empty or holds an empty clip
     */
    public static LogMelResult logMelDistance(List<float[]> generated, List<float[]> real, int sampleRate) {
        return logMelDistance(generated, real, LogMelSpectrogram.forSpeech(sampleRate));
    }

    /**
     * The log-mel distances ({@link LogMelDistance}) between {@code generated} and {@code real} clips
     * with the spectrogram {@code mel}.
     *
     * @throws IllegalArgumentException naming the set that is empty or holds an empty clip
     */
    public static LogMelResult logMelDistance(List<float[]> generated, List<float[]> real, LogMelSpectrogram mel) {
        double profile = LogMelDistance.profileDistance(generated, real, mel);
        double frechet = LogMelDistance.frameFrechet(generated, real, mel);
        LogMelResult result = new LogMelResult(profile, frechet, generated.size(), real.size(), mel.toString());
        LOG.info("{}", result);
        return result;
    }
}
