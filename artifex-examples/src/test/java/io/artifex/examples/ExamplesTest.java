package io.artifex.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example program, run for two training steps into a temporary folder as its
 * {@code main} would be with {@code --steps 2 --samples N --out DIR}: it writes its PNG with the
 * grid the example promises (8 samples per row), and its loss is finite. The expected sizes are
 * worked out here from the grid layout (columns x 28 pixels + (columns + 1) x 2 padding), not
 * read from the code.
 */
class ExamplesTest {

    /** An example's entry point, as {@code run(ExampleOptions)}. */
    interface Example {
        ExampleResult run(ExampleOptions options) throws Exception;
    }

    static Stream<Arguments> examples() {
        int row = 8 * 28 + 9 * 2; // 242: 8 digits per row
        int oneRow = 28 + 2 * 2;
        int twoRows = 2 * 28 + 3 * 2;
        return Stream.of(
                Arguments.of("VAE", (Example) VaeMnistExample::run, 8, "vae-samples.png", row, oneRow),
                Arguments.of("GAN", (Example) GanMnistExample::run, 16, "gan-samples.png", row, twoRows),
                Arguments.of("DDPM", (Example) DiffusionMnistExample::run, 8, "ddpm-samples.png", row, oneRow),
                Arguments.of("flow", (Example) FlowMnistExample::run, 16, "flow-samples.png", row, twoRows),
                Arguments.of("PixelCNN", (Example) PixelCnnMnistExample::run, 4, "pixelcnn-samples.png",
                        4 * 28 + 5 * 2, oneRow),
                Arguments.of("VQ-VAE", (Example) VqVaeMnistExample::run, 4, "vqvae-samples.png", 4 * 28 + 5 * 2, oneRow),
                // two 96 x 96 density images side by side, whatever the number of samples
                Arguments.of("EBM", (Example) EbmToyExample::run, 200, "ebm-samples.png", 2 * 96 + 3 * 2, 96 + 2 * 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void writesItsGridAfterTwoSteps(String family, Example example, int samples, String file, int width, int height,
                                    @TempDir Path dir) throws Exception {
        ExampleOptions options = ExampleOptions.parse(
                new String[] {"--steps", "2", "--samples", String.valueOf(samples), "--out", dir.toString()}, 1, 64);

        ExampleResult result = example.run(options);

        assertThat(result.steps()).isEqualTo(2);
        assertThat(result.lastLoss()).isFinite();
        assertThat(result.picture()).isEqualTo(dir.resolve(file));
        BufferedImage picture = ImageIO.read(Files.newInputStream(dir.resolve(file)));
        assertThat(picture.getWidth()).as("%s grid width", family).isEqualTo(width);
        assertThat(picture.getHeight()).as("%s grid height", family).isEqualTo(height);
        assertThat(distinctGreyLevels(picture)).as("%s picture is not blank", family).isGreaterThan(2);
    }

    /**
     * The text example after two steps: the continuations file holds the asked number of samples,
     * each starting with the prompt and longer than it. Catches a prompt dropped or a sample count ignored.
     */
    @Test
    void textExampleWritesItsContinuationsAfterTwoSteps(@TempDir Path dir) throws Exception {
        ExampleResult result = TextTransformerExample.run(ExampleOptions.parse(
                new String[] {"--steps", "2", "--samples", "3", "--out", dir.toString()}, 1, 2));
        assertThat(result.steps()).isEqualTo(2);
        assertThat(result.lastLoss()).isFinite();
        assertThat(result.picture()).isEqualTo(dir.resolve("transformer-samples.txt"));
        String[] parts = Files.readString(result.picture()).split("--- sample \\d+ ---\\R");
        List<String> samples = java.util.Arrays.stream(parts).filter(p -> !p.isEmpty()).toList();
        assertThat(samples).hasSize(3).allSatisfy(sample -> assertThat(sample)
                .startsWith(TextTransformerExample.PROMPT).hasSizeGreaterThan(TextTransformerExample.PROMPT.length() + 50));
    }

    /**
     * The WaveNet example after two steps (one per epoch: four training clips) writes one WAV clip of {@code --samples} audio samples at
     * 8 kHz. Catches the sample count ignored (the default of 8000 written) or another rate.
     */
    @Test
    void wavenetExampleWritesItsClipAfterTwoSteps(@TempDir Path dir) throws Exception {
        ExampleResult result = WaveNetAudioExample.run(ExampleOptions.parse(
                new String[] {"--steps", "2", "--samples", "40", "--out", dir.toString()}, 5, 8000));
        assertThat(result.steps()).isEqualTo(2);
        assertThat(result.lastLoss()).isFinite();
        assertThat(result.picture()).isEqualTo(dir.resolve("wavenet-sample.wav"));
        io.artifex.data.audio.AudioClip clip = io.artifex.data.audio.WavReader.read(result.picture());
        assertThat(clip.sampleRate()).isEqualTo(8000);
        assertThat(clip.frames()).isEqualTo(40);
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> ExampleOptions.parse(new String[] {"--step", "2"}, 1, 64))
                .hasMessageContaining("unknown option '--step'");
        assertThatThrownBy(() -> ExampleOptions.parse(new String[] {"--steps", "two"}, 1, 64))
                .hasMessage("--steps needs a whole number, got 'two'");
        assertThatThrownBy(() -> ExampleOptions.parse(new String[] {"--epochs", "0"}, 1, 64))
                .hasMessage("--epochs must be at least 1, got 0");
        assertThatThrownBy(() -> ExampleOptions.parse(new String[] {"--out"}, 1, 64))
                .hasMessageContaining("--out needs a value");
    }

    private static long distinctGreyLevels(BufferedImage image) {
        return Stream.iterate(0, i -> i + 1).limit((long) image.getWidth() * image.getHeight())
                .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth()) & 0xff).distinct().count();
    }
}
