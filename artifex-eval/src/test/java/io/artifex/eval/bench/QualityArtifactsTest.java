package io.artifex.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the quality protocol leaves besides numbers: sample grids in the artifact folder, the
 * wall-time cap, the confident fraction and the EBM's second (replay-buffer) sample set.
 */
class QualityArtifactsTest {

    private static BenchmarkOptions.Builder tiny(String id) {
        return BenchmarkOptions.builder().models(id).steps(1).warmup(0).repeats(1).batchSize(8).sampleCount(2)
                .quality(true).qualityEpochs(1).qualityTrainLimit(16).qualityTestLimit(16).generatedSamples(16);
    }

    @Test
    void sampleGridsAreWrittenForEverySampleSetAndNamedInTheNotes(@TempDir Path out) throws IOException {
        long start = System.nanoTime();
        BenchmarkReport report = new BenchmarkRunner().run(tiny("ebm").qualityMaxSteps(2).artifactDirectory(out).build());
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        QualityResult q = report.models().get(0).quality();
        Map<String, Double> m = q.last().metrics();

        assertThat(m).containsKeys("sample_fid", "buffer_fid", "sample_confident_fraction", "buffer_confident_fraction",
                "sample_seconds_per_sample");
        assertThat(m.get("sample_count")).isEqualTo(16.0);
        assertThat(m.get("buffer_count")).isEqualTo(16.0);
        BenchmarkRunnerTest.assertCount(m.get("sample_confident_fraction"), 16);
        // the time per sample is the sampling time over 16 samples, a part of the whole run
        assertThat(m.get("sample_seconds_per_sample") * 16).isPositive().isLessThan(wallSeconds);
        for (String set : List.of("sample", "buffer")) {
            Path grid = out.resolve("ebm-" + set + "-step2.png");
            assertThat(grid).exists();
            BufferedImage image = ImageIO.read(grid.toFile());
            // 16 images of 28x28 in rows of 8 with 2-pixel padding: 2 rows.
            assertThat(image.getWidth()).isEqualTo(8 * 28 + 9 * 2);
            assertThat(image.getHeight()).isEqualTo(2 * 28 + 3 * 2);
        }
        assertThat(q.notes()).anyMatch(n -> n.contains("ebm-sample-step2.png") && n.contains("ebm-buffer-step2.png"));
    }

    @Test
    void aRunThatKeepsAWeightAverageIsScoredUnderItAndOnTheRawWeights(@TempDir Path out) {
        BenchmarkReport report = new BenchmarkRunner().run(tiny("dcgan").qualityMaxSteps(2).artifactDirectory(out).build());
        QualityResult q = report.models().get(0).quality();
        Map<String, Double> m = q.last().metrics();

        assertThat(m).containsKeys("sample_fid", "sample_confident_fraction", "raw_sample_fid",
                "raw_sample_confident_fraction", "truncated_fid", "truncated_confident_fraction",
                "raw_truncated_fid");
        // after two warm-up updates (decays 0.1 and 2/11) the average is not the trained weights,
        // so the same seeded latents give other images, and another FID
        assertThat(m.get("sample_fid")).isNotEqualTo(m.get("raw_sample_fid"));
        assertThat(out.resolve("dcgan-sample-step2.png")).exists();
        assertThat(out.resolve("dcgan-raw_sample-step2.png")).exists();
        assertThat(out.resolve("dcgan-truncated-step2.png")).exists();
        assertThat(q.notes()).anyMatch(n -> n.contains("moving average") && n.contains("decay 0.999"));
    }

    @Test
    void likelihoodModelsDrawAGridOnlyWhenGridsAreKept(@TempDir Path out) throws IOException {
        BenchmarkReport kept = new BenchmarkRunner().run(tiny("realnvp").qualityMaxSteps(1).artifactDirectory(out).build());
        assertThat(kept.models().get(0).quality().last().metrics()).containsKey("sample_seconds_per_sample");
        assertThat(out.resolve("realnvp-sample-step1.png")).exists();

        BenchmarkReport notKept = new BenchmarkRunner().run(tiny("realnvp").qualityMaxSteps(1).build());
        assertThat(notKept.models().get(0).quality().last().metrics()).doesNotContainKey("sample_seconds_per_sample")
                .containsKey("test_bits_per_dim");
    }

    @Test
    void theWallTimeCapStopsTrainingAndMeasuresOnceAtTheEnd() {
        // A cap far below one step's time: training stops after the first step.
        BenchmarkReport report = new BenchmarkRunner().run(tiny("realnvp").qualityEpochs(List.of(1, 2))
                .qualityMinutes(1e-9).build());
        QualityResult q = report.models().get(0).quality();

        assertThat(q.points()).hasSize(1);
        assertThat(q.last().steps()).isEqualTo(1);
        assertThat(q.notes()).anyMatch(n -> n.contains("wall-time cap") && n.contains("after 1 steps"));
    }

    @Test
    void optionsRejectANegativeOrInfiniteCapAndNegativeSlowSamples() {
        assertThatThrownBy(() -> BenchmarkOptions.builder().qualityMinutes(-1).build())
                .hasMessageContaining("qualityMinutes");
        assertThatThrownBy(() -> BenchmarkOptions.builder().qualityMinutes(Double.POSITIVE_INFINITY).build())
                .hasMessageContaining("qualityMinutes");
        assertThatThrownBy(() -> BenchmarkOptions.builder().slowSamples(-1).build())
                .hasMessageContaining("slowSamples must be >= 0");
    }
}
