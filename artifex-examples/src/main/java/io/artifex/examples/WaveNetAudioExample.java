package io.artifex.examples;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.data.AudioConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.data.DataSources;
import io.artifex.data.audio.AudioClip;
import io.artifex.data.audio.MuLaw;
import io.artifex.data.audio.WavWriter;
import io.artifex.models.autoregressive.wavenet.WaveNet;
import io.artifex.models.autoregressive.wavenet.WaveNetConfig;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.callbacks.ProgressBarCallback;
import java.nio.file.Path;
import java.util.List;

/**
 * Autoregressive audio: a tiny WaveNet (10 gated layers, dilations 1..16 twice, receptive field 64
 * samples) trained on the embedded espeak-ng clips resampled to 8 kHz and mu-law coded, then one
 * clip drawn sample by sample with the layer cache and written as a 16-bit WAV file.
 *
 * <pre>./mvnw -q -pl artifex-examples -am compile exec:java -Dexec.mainClass=io.artifex.examples.WaveNetAudioExample</pre>
 * Options: {@code -Dexec.args="--epochs 400 --steps 0 --samples 8000 --out . --seed 0"} (see
 * {@link ExampleOptions}; {@code --samples} is the length of the clip in audio samples, 8000 = 1 s).
 *
 * <p>Thread-safety: not designed for concurrent use: a command-line program meant to run once per
 * process.
 */
public final class WaveNetAudioExample {

    /** The sample rate the clips are resampled to, in Hz. */
    static final int SAMPLE_RATE = 8000;

    private WaveNetAudioExample() {
    }

    /** Runs the example with the options in {@code args} (default 400 epochs, about a minute in all; 8000 samples). */
    public static void main(String[] args) throws Exception {
        run(ExampleOptions.parse(args, 400, SAMPLE_RATE)).print("WaveNet");
    }

    /** Builds, trains and samples; writes {@code wavenet-sample.wav} into {@code options.out()}. */
    public static ExampleResult run(ExampleOptions options) throws Exception {
        WaveNetConfig config = WaveNetConfig.builder().name("wavenet-tiny").residualChannels(16).dilationChannels(16)
                .skipChannels(32).numLayers(10).dilationCycle(5).build();

        DataConfig data = DataConfig.builder().dataset("audio").audio(AudioConfig.builder().sampleRate(SAMPLE_RATE)
                .resample(true).clipLength(2000).normalise("peak").muLaw(true).build()).build();
        BatchSource train = DataSources.train(data, 4, options.seed());
        TrainerConfig training = TrainerConfig.builder().epochs(options.epochs()).maxSteps(options.steps())
                .batchSize(4).seed(options.seed()).optimizer(OptimizerConfig.adam(1e-3)).build();

        Path wav = options.out().resolve("wavenet-sample.wav");
        try (WaveNet model = (WaveNet) Models.create(config, options.seed())) {
            TrainingResult result = new Trainer(training, List.of(new ProgressBarCallback(System.out)))
                    .fit(model, train, null);
            int[] codes;
            try (NDManager scope = model.manager().newSubManager()) {
                // (1, 1, samples) mu-law codes, one cached step of every layer per sample
                codes = model.generate(1, options.samples(), 1.0, true, scope, new Rng(options.seed() + 1)).toIntArray();
            }
            WavWriter.write(wav, AudioClip.mono(MuLaw.MU_255.decode(codes), SAMPLE_RATE), WavWriter.Encoding.PCM16);
            return ExampleResult.of(wav, result);
        }
    }
}
