package io.artifex.examples.cli;

import static io.artifex.examples.cli.CliHarness.cli;
import static io.artifex.examples.cli.CliHarness.ok;
import static io.artifex.examples.cli.CliHarness.onlyRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.artifex.data.audio.AudioClip;
import io.artifex.data.audio.MuLaw;
import io.artifex.data.audio.WavReader;
import io.artifex.examples.cli.CliHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train}, {@code sample} and {@code evaluate} for an audio model: the shipped
 * {@code wavenet-audio.yaml} shrunk with {@code --set} to a 2-layer WaveNet, 2 steps on clips of
 * 200 samples. Planted once: codes written as linear values instead of decoded mu-law (the level
 * check failed). It would also catch the run drawing image grids instead of WAV clips, WAV files at
 * another sample rate or length than asked ({@code --seconds} read as samples), the cached and naive
 * samplers drawing different clips for one seed, and bits per sample divided by the wrong count
 * (checked against the held-out negative log-likelihood per clip of 200 samples), and an LPC baseline
 * that skips the first sample of a clip (its scored count then is no multiple of 200) or scores
 * other clips than the model's.
 */
class AudioCliTest {

    private static final String CONFIG = "src/main/resources/configs/wavenet-audio.yaml";

    @Test
    void trainsSamplesWavFilesAndEvaluatesBitsPerSample(@TempDir Path dir) throws Exception {
        Result train = ok("train", "--config", CONFIG, "--runs", dir.resolve("runs").toString(), "--quiet",
                "--no-tensorboard", "--max-steps", "2", "--set", "model.numLayers=2", "--set", "model.dilationCycle=2",
                "--set", "model.residualChannels=4", "--set", "model.dilationChannels=4", "--set", "model.skipChannels=8",
                "--set", "model.sampleLength=30", "--set", "data.audio.clipLength=200");
        Path run = onlyRun(dir.resolve("runs"));
        assertThat(train.out()).contains("test_bits_per_sample", "--seconds 2 --out sample.wav");
        assertThat(run.resolve("samples.png")).doesNotExist();
        AudioClip trained = WavReader.read(run.resolve("samples-1.wav"));
        assertThat(trained.sampleRate()).isEqualTo(8000);
        assertThat(trained.frames()).isEqualTo(30);

        Path cached = dir.resolve("cached.wav");
        Result sample = ok("sample", "--checkpoint", run.resolve("model").toString(), "--seconds", "0.01", "--n", "2",
                "--seed", "3", "--out", cached.toString());
        assertThat(sample.err()).contains("Generated 2 x 80 samples", "layer cache on");
        AudioClip first = WavReader.read(dir.resolve("cached-0.wav"));
        assertThat(first.sampleRate()).isEqualTo(8000);
        assertThat(first.frames()).isEqualTo(80);
        for (float v : first.channel(0)) {
            // a decoded mu-law level, written as 16-bit PCM
            double level = MuLaw.MU_255.decode(MuLaw.MU_255.encode(v));
            assertThat((double) v).isCloseTo(level, within(1.0 / 32768 + 1e-6));
        }
        // a spectrogram picture beside each clip: 64 mel bands and 1 + 80 / 128 frames, 3 pixels each
        java.awt.image.BufferedImage picture = javax.imageio.ImageIO.read(dir.resolve("cached-0.png").toFile());
        assertThat(picture.getHeight()).isEqualTo(64 * 3);
        assertThat(picture.getWidth()).isEqualTo(3);
        assertThat(run.resolve("samples-1.png")).exists();
        ok("sample", "--checkpoint", run.resolve("model").toString(), "--samples", "80", "--n", "2", "--seed", "3",
                "--no-cache", "--out", dir.resolve("naive.wav").toString());
        assertThat(Files.readAllBytes(dir.resolve("naive-0.wav"))).isEqualTo(Files.readAllBytes(dir.resolve("cached-0.wav")));
        assertThat(Files.readAllBytes(dir.resolve("naive-1.wav"))).isEqualTo(Files.readAllBytes(dir.resolve("cached-1.wav")));

        Result evaluate = ok("evaluate", "--checkpoint", run.resolve("model").toString());
        Map<String, Double> metrics = parse(evaluate.out());
        assertThat(metrics.get("test_bits_per_sample")).isCloseTo(metrics.get("test_nll") / (200 * Math.log(2)),
                within(1e-3));
        assertThat(metrics.get("test_bits_per_sample")).isBetween(6.0, 9.0);

        // the baselines: an LPC scored on every sample of the same 200-sample test clips (the first
        // from zero context, as the WaveNet scores it), and log-mel distances of 2 drawn clips
        Result baselines = ok("evaluate", "--checkpoint", run.resolve("model").toString(), "--lpc-order", "4",
                "--log-mel-clips", "2");
        Map<String, Double> measured = parse(baselines.out());
        assertThat(measured.get("test_bits_per_sample")).isEqualTo(metrics.get("test_bits_per_sample"));
        double scored = measured.get("lpc4_test_samples");
        assertThat(scored).isPositive();
        assertThat(scored % 200).isZero();
        assertThat(measured.get("lpc4_test_bits_per_sample")).isBetween(3.0, 8.0);
        assertThat(measured.get("log_mel_generated")).isEqualTo(2.0);
        assertThat(measured.get("log_mel_real")).isEqualTo(scored / 200);
        assertThat(measured.get("log_mel_profile_distance_db")).isPositive();
        Result badOrder = cli("evaluate", "--checkpoint", run.resolve("model").toString(), "--lpc-order", "0");
        assertThat(badOrder.status()).isNotZero();
        assertThat(badOrder.err()).contains("--lpc-order must be at least 1");

        Result refused = cli("sample", "--checkpoint", run.resolve("model").toString(), "--seconds", "1", "--samples", "9");
        assertThat(refused.status()).isNotZero();
        assertThat(refused.err()).contains("give --seconds or --samples, not both");
    }

    private static Map<String, Double> parse(String out) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String line : out.split("\\R")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].matches("[a-z0-9_]+") && parts[1].matches("-?[0-9.,]+(E-?[0-9]+)?|NaN")) {
                metrics.put(parts[0], Double.parseDouble(parts[1].replace(',', '.').toLowerCase(Locale.ROOT)));
            }
        }
        return metrics;
    }
}
