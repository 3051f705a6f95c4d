package io.artifex.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.registry.Models;
import io.artifex.examples.cli.ArtifexCli;
import io.artifex.examples.cli.QuickstartCommand;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifexCliTest {

    private static final String SMALL_VAE = TinyConfigs.TINY_VAE + "evaluationSamples: 2\n";

    private static final String TINY_CONDITIONAL_DDPM = """
            schemaVersion: 2
            name: tiny-ddpm-cond
            model:
              type: ddpm
              name: tiny
              inputShape: [28, 28, 1]
              backbone: { name: backbone, inChannels: 1, outChannels: 1, hiddenDims: [8, 16], channelMult: [1, 2],
                          attentionResolutions: [], timeEmbeddingDim: 16 }
              noiseSchedule: { name: schedule, scheduleType: cosine, numTimesteps: 100 }
              numClasses: 10
            data: { dataset: mnist, preprocessing: scale11 }
            training:
              epochs: 1
              maxSteps: 2
              batchSize: 8
              optimizers: { default: { type: adam, learningRate: 0.001 } }
            """;

    private record Result(int status, String out, String err) {
    }

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = ArtifexCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    /** Trains {@code yaml} through {@code artifex train} into {@code dir/runs}; the train result and the run folder. */
    private static Map.Entry<Result, Path> train(Path dir, String yaml) throws Exception {
        Path config = dir.resolve("experiment-in.yaml");
        Files.writeString(config, yaml);
        Result train = cli("train", "--config", config.toString(), "--runs", dir.resolve("runs").toString(), "--quiet");
        assertThat(train.status()).as(train.err()).isZero();
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            return Map.entry(train, runs.findFirst().orElseThrow());
        }
    }

    @Test
    void trainSampleAndEvaluateATinyVaeThroughTheCommandLine(@TempDir Path dir) throws Exception {
        Map.Entry<Result, Path> trained = train(dir, SMALL_VAE);
        assertThat(trained.getKey().out())
                .contains("Trained tiny-vae for 3 steps", "test_negative_elbo", "test_negative_iwae_k2");
        Path run = trained.getValue();
        for (String file : new String[] {"experiment.yaml", "samples.png", "reconstructions.png", "loss.png",
                "metrics.csv", "metrics.jsonl", "summary.json", "model/config.yaml", "checkpoints/step-000000003/manifest.json"}) {
            assertThat(run.resolve(file)).as(file).isRegularFile();
        }
        BufferedImage reconstructions = ImageIO.read(run.resolve("reconstructions.png").toFile());
        assertThat(reconstructions.getHeight()).isEqualTo(8 * 28 + 9 * 2);
        // maxSteps 3 ends the run inside epoch 0, which still validates the final weights: the only
        // validation writes "best" (step 3), and the hint names it
        assertThat(run.resolve("checkpoints/best/manifest.json")).isRegularFile();
        assertThat(trained.getKey().out()).contains("Next: artifex sample --checkpoint "
                + run.resolve("checkpoints/best").toAbsolutePath() + " --n 64 --out grid.png");

        Path grid = dir.resolve("grid.png");
        Result sample = cli("sample", "--checkpoint", run.resolve("checkpoints/step-000000003").toString(), "--n", "16",
                "--out", grid.toString());
        assertThat(sample.status()).as(sample.err()).isZero();
        BufferedImage image = ImageIO.read(grid.toFile());
        assertThat(image.getWidth()).isEqualTo(8 * 28 + 9 * 2);
        assertThat(image.getHeight()).isEqualTo(2 * 28 + 3 * 2);

        Result unconditional = cli("sample", "--checkpoint", run.resolve("model").toString(), "--classes-in-turn");
        assertThat(unconditional.status()).isEqualTo(2);
        assertThat(unconditional.err()).contains("--classes-in-turn needs a class-conditional model");

        Result evaluate = cli("evaluate", "--checkpoint", run.resolve("model").toString());
        assertThat(evaluate.status()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("test_negative_elbo", "test_bits_per_dim");
    }

    /** A test split smaller than the 32 reconstructions still gets its pictures and its summary. */
    @Test
    void aTestSplitSmallerThanThePictureGridStillFinishesTheRun(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("images");
        Files.createDirectories(images);
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 12; i++) {
            BufferedImage picture = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    picture.setRGB(x, y, random.nextInt(0x1000000));
                }
            }
            ImageIO.write(picture, "png", images.resolve("image-" + i + ".png").toFile());
        }
        String yaml = SMALL_VAE.replace("[28, 28, 1]", "[32, 32, 3]")
                .replace("dataset: mnist, preprocessing: binarize",
                        "dataset: image-folder, directory: '" + images + "', preprocessing: scale01,"
                                + " split: {testFraction: 0.75, seed: 0}, cacheDirectory: '" + dir.resolve("cache") + "'")
                .replace("batchSize: 32", "batchSize: 4");
        Map.Entry<Result, Path> trained = train(dir, yaml);
        Path run = trained.getValue();
        assertThat(run.resolve("summary.json")).isRegularFile();
        // 9 of the 12 images held out for testing: one row of 8 inputs and one of their reconstructions (whole rows only)
        BufferedImage reconstructions = ImageIO.read(run.resolve("reconstructions.png").toFile());
        assertThat(reconstructions.getWidth()).isEqualTo(8 * 32 + 9 * 2);
        assertThat(reconstructions.getHeight()).isEqualTo(2 * 32 + 3 * 2);
    }

    /** A conditional diffusion model trains on labelled batches and samples digits in turn with its preview sampler. */
    @Test
    void aConditionalDdpmSamplesClassesInTurnThroughTheCommandLine(@TempDir Path dir) throws Exception {
        Map.Entry<Result, Path> trained = train(dir, TINY_CONDITIONAL_DDPM);
        Path run = trained.getValue();
        // the hint points a diffusion model at its preview sampler, not at 1,000-step sampling
        assertThat(trained.getKey().out()).contains(" --preview --n 64 --out grid.png");
        Path grid = dir.resolve("digits.png");
        Result sample = cli("sample", "--checkpoint", run.resolve("model").toString(), "--n", "20", "--nrow", "10",
                "--classes-in-turn", "--preview", "--out", grid.toString());
        assertThat(sample.status()).as(sample.err()).isZero();
        BufferedImage image = ImageIO.read(grid.toFile());
        assertThat(image.getWidth()).isEqualTo(10 * 28 + 11 * 2);
        assertThat(image.getHeight()).isEqualTo(2 * 28 + 3 * 2);
    }

    @Test
    void badArgumentsAndConfigsGiveOneClearMessageAndStatusTwo(@TempDir Path dir) throws Exception {
        Result missing = cli("train", "--config", dir.resolve("nope.yaml").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml").doesNotContain("Exception", "\tat ");

        Path invalid = dir.resolve("invalid.yaml");
        Files.writeString(invalid, SMALL_VAE.replace("latentDim: 4, outputShape", "latentDim: 5, outputShape"));
        Result bad = cli("train", "--config", invalid.toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("model.decoder.latentDim").contains("invalid.yaml").doesNotContain("\tat ");

        Result unknownOption = cli("sample", "--checkpoint", dir.toString(), "--bogus");
        assertThat(unknownOption.status()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("Unknown option: '--bogus'");

        Result notACheckpoint = cli("sample", "--checkpoint", dir.toString());
        assertThat(notACheckpoint.status()).isEqualTo(2);
        assertThat(notACheckpoint.err()).contains("neither a trainer checkpoint");
    }

    @Test
    void theQuickstartConfigBuildsReferenceNetworkOne() {
        ExperimentConfig quickstart = QuickstartCommand.bundledConfig();
        assertThat(quickstart.training().epochs()).isEqualTo(20);
        try (GenerativeModel model = Models.create(quickstart.model(), 0)) {
            assertThat(model.parameterCount()).isEqualTo(517_904L);
        }
    }
}
