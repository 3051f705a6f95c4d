package io.artifex.examples.cli;

import static io.artifex.examples.cli.CliHarness.cli;
import static io.artifex.examples.cli.CliHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.image.ImageGrid;
import io.artifex.core.image.ValueRange;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.GuidedSteppedSampling;
import io.artifex.core.model.SteppedSampling;
import io.artifex.core.model.TemperatureSampling;
import io.artifex.core.model.TruncatedSampling;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelArchive;
import io.artifex.core.registry.Models;
import io.artifex.examples.cli.CliHarness.Result;
import io.artifex.examples.run.ModelLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code artifex sample} with each sampler option, on small untrained models saved as archives:
 * the grid the command writes equals the grid of the capability called directly with the same
 * seed, and differs from the default sampler's (so an option that is parsed but ignored fails).
 * A model without the capability is refused with the option and the families that have it.
 * {@link SamplingOptions#FAMILIES} is checked against the shipped configs' models.
 */
class SampleCommandTest {

    private static final String DDPM = """
            schemaVersion: 2
            type: ddpm
            name: tiny-ddpm
            inputShape: [8, 8, 1]
            backbone: {name: unet, inChannels: 1, outChannels: 1, hiddenDims: [8, 16], channelMult: [1, 2],
                       activation: silu, numResBlocks: 1, attentionResolutions: [], numHeads: 2,
                       groupNormGroups: 4, timeEmbeddingDim: 16}
            noiseSchedule: {name: schedule, scheduleType: linear, numTimesteps: 20}
            """;
    private static final String GLOW = """
            schemaVersion: 2
            type: glow
            name: tiny-glow
            inputShape: [4, 4, 1]
            numScales: 1
            stepsPerScale: 1
            checkerboardCouplings: 1
            hiddenChannels: 4
            """;
    private static final String DCGAN = """
            schemaVersion: 2
            type: dcgan
            name: tiny-dcgan
            generator: {name: generator, latentDim: 4, hiddenDims: [16, 8, 4], outputShape: [12, 12, 1]}
            discriminator: {name: discriminator, hiddenDims: [4, 8], inputShape: [12, 12, 1]}
            """;

    private static Path archive(Path dir, String name, String yaml) {
        Path target = dir.resolve(name);
        try (GenerativeModel model = Models.create(ConfigIO.fromYaml(yaml, ModelConfig.class), 3)) {
            ModelArchive.save(model, target);
        }
        return target;
    }

    /** The PNG the capability draws directly from the archived model with seed 0, as bytes. */
    private static byte[] direct(Path archive, Path png, int n, BiFunction<GenerativeModel, NDManager, NDArray> draw)
            throws IOException {
        try (GenerativeModel model = ModelLoader.load(archive); NDManager scope = model.manager().newSubManager()) {
            ImageGrid.writePng(draw.apply(model, scope), model.dataContract().valueRange().orElse(ValueRange.ZERO_ONE),
                    8, 2, png);
        }
        return Files.readAllBytes(png);
    }

    private static byte[] sample(Path archive, Path png, String... options) throws IOException {
        String[] args = new String[6 + options.length];
        System.arraycopy(new String[] {"sample", "--checkpoint", archive.toString(), "--out", png.toString(), "--n"}, 0,
                args, 0, 6);
        System.arraycopy(options, 0, args, 6, options.length);
        ok(args);
        return Files.readAllBytes(png);
    }

    @Test
    void stepsTemperatureAndTruncationReachTheirCapabilities(@TempDir Path dir) throws Exception {
        Path ddpm = archive(dir, "ddpm", DDPM);
        byte[] steps = sample(ddpm, dir.resolve("a.png"), "4", "--steps", "5");
        assertThat(steps).isEqualTo(direct(ddpm, dir.resolve("b.png"), 4,
                (m, s) -> ((SteppedSampling) m).generate(4, 5, s, new Rng(0))));
        assertThat(steps).isNotEqualTo(sample(ddpm, dir.resolve("c.png"), "4"));

        Path glow = archive(dir, "glow", GLOW);
        byte[] cool = sample(glow, dir.resolve("d.png"), "4", "--temperature", "0.3");
        assertThat(cool).isEqualTo(direct(glow, dir.resolve("e.png"), 4,
                (m, s) -> ((TemperatureSampling) m).generate(4, 0.3, s, new Rng(0))));
        assertThat(cool).isNotEqualTo(sample(glow, dir.resolve("f.png"), "4"));

        Path gan = archive(dir, "gan", DCGAN);
        byte[] truncated = sample(gan, dir.resolve("g.png"), "4", "--truncation", "0.2");
        assertThat(truncated).isEqualTo(direct(gan, dir.resolve("h.png"), 4,
                (m, s) -> ((TruncatedSampling) m).generate(4, 0.2, s, new Rng(0))));
        assertThat(truncated).isNotEqualTo(sample(gan, dir.resolve("i.png"), "4"));

        Result refused = cli("sample", "--checkpoint", gan.toString(), "--temperature", "0.5");
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err()).contains("--temperature does not apply to", "tiny-dcgan",
                SamplingOptions.FAMILIES.get("--temperature"));
        Result noSteps = cli("sample", "--checkpoint", glow.toString(), "--steps", "3");
        assertThat(noSteps.err()).contains("--steps does not apply", "ddpm, mlp-diffusion");
        Result tooMany = cli("sample", "--checkpoint", ddpm.toString(), "--steps", "21");
        assertThat(tooMany.err()).contains("sampling steps must be in 1..20");
    }

    @Test
    void guidanceAndStepsReachAConditionalDiffusionModel(@TempDir Path dir) throws Exception {
        Path ddpm = archive(dir, "cond", DDPM + "numClasses: 3\n");
        byte[] unguided = sample(ddpm, dir.resolve("a.png"), "6", "--classes-in-turn", "--steps", "4", "--guidance", "0");
        byte[] guided = sample(ddpm, dir.resolve("b.png"), "6", "--classes-in-turn", "--steps", "4", "--guidance", "3");
        assertThat(guided).isEqualTo(direct(ddpm, dir.resolve("c.png"), 6, (m, s) -> ((GuidedSteppedSampling) m)
                .generate(s.create(new long[] {0, 1, 2, 0, 1, 2}), 3.0, 4, s, new Rng(0))));
        assertThat(guided).isNotEqualTo(unguided);

        Result withoutLabels = cli("sample", "--checkpoint", ddpm.toString(), "--guidance", "3");
        assertThat(withoutLabels.err()).contains("--guidance", "--classes-in-turn");
        Path unconditional = archive(dir, "plain", DDPM);
        Result plain = cli("sample", "--checkpoint", unconditional.toString(), "--classes-in-turn", "--guidance", "2");
        assertThat(plain.err()).contains("--guidance does not apply", "numClasses > 0");
    }

    /** The families named in the refusals are the ones whose models have the capability. */
    @Test
    void theFamiliesNamedForEachOptionHaveItsCapability() throws IOException {
        assertThat(capabilities("ddpm-mnist.yaml")).isEqualTo("steps");
        assertThat(capabilities("ddpm-cond-mnist.yaml")).isEqualTo("steps guidance");
        assertThat(capabilities("realnvp-mnist.yaml")).isEqualTo("temperature");
        assertThat(capabilities("glow-mnist.yaml")).isEqualTo("temperature");
        assertThat(capabilities("maf-moons.yaml")).isEqualTo("temperature");
        assertThat(capabilities("pixelcnn-mnist.yaml")).isEqualTo("temperature");
        assertThat(capabilities("dcgan-mnist.yaml")).isEqualTo("truncation");
        assertThat(capabilities("vae-mnist.yaml")).isEmpty();
        assertThat(capabilities("ebm-mnist.yaml")).isEmpty();
    }

    private static String capabilities(String config) throws IOException {
        ModelConfig model;
        try (InputStream in = SampleCommandTest.class.getResourceAsStream("/configs/" + config)) {
            model = ConfigIO.fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    io.artifex.core.config.ExperimentConfig.class).model();
        }
        try (GenerativeModel m = Models.create(model, 0)) {
            StringBuilder has = new StringBuilder();
            if (m instanceof SteppedSampling) {
                has.append(" steps");
            }
            if (m instanceof GuidedSteppedSampling) {
                has.append(" guidance");
            }
            if (m instanceof TemperatureSampling) {
                has.append(" temperature");
            }
            if (m instanceof TruncatedSampling) {
                has.append(" truncation");
            }
            return has.toString().strip();
        }
    }
}
