package io.artifex.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the harness on the VAE with tiny settings; checks structure and values, never timings. */
class BenchmarkRunnerTest {

    @Test
    void vaeSpeedReportHasPassingChecksFiniteFiguresAndRoundTrips(@TempDir Path dir) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.builder().models("vae").steps(2).warmup(1).repeats(2)
                .sampleCount(8).commandLine("artifex bench --models vae --steps 2").build();
        BenchmarkReport report = new BenchmarkRunner().run(options);

        assertThat(report.models()).hasSize(1);
        ModelResult vae = report.models().get(0);
        assertThat(vae.id()).isEqualTo("vae");
        assertThat(vae.parameters()).isEqualTo(new ParameterCheck(517_904L, 517_904L, true));
        assertThat(report.allChecksPassed()).isTrue();

        TrainingSpeed t = vae.training();
        assertThat(t.examplesPerSecond()).hasSize(2).allSatisfy(v -> assertThat(v).isPositive().isFinite());
        assertThat(t.median()).isBetween(t.min(), t.max());
        assertThat(t.batchSize()).isEqualTo(64);
        // Each repeat is a fresh model and a fresh fit with the same seed: the same numbers.
        assertThat(t.finalLosses()).hasSize(2);
        assertThat(t.finalLosses().get(0)).isFinite().isEqualTo(t.finalLosses().get(1));

        assertThat(vae.sampling()).hasSize(1);
        SamplingSpeed s = vae.sampling().get(0);
        assertThat(s.samples()).isEqualTo(8);
        assertThat(s.sampleShape()).isEqualTo("(8, 1, 28, 28)");
        assertThat(s.finite()).isTrue();
        assertThat(s.seconds()).hasSize(2);
        assertThat(s.samplesPerSecond()).isPositive().isFinite();

        assertThat(vae.memoryBefore().rssBytes()).isPositive();
        assertThat(vae.memoryAfter().rssBytes()).isPositive();
        assertThat(vae.memoryAfter().heapUsedBytes()).isPositive();
        assertThat(vae.quality()).isNull();
        assertThat(report.environment().engine()).isEqualTo("PyTorch");
        assertThat(report.environment().device()).isEqualTo("cpu");
        assertThat(report.environment().cpuCores()).isPositive();

        assertThat(BenchmarkReport.fromJson(report.toJson())).isEqualTo(report);

        String md = report.toMarkdown();
        assertThat(md).startsWith("# Artifex benchmark").contains("- Command: `artifex bench --models vae --steps 2`")
                .contains("- Machine: " + report.environment().cpuModel()).contains("- Engine: PyTorch")
                .contains("| Model | Params (expected / actual) |").contains("517,904 / 517,904 ✓")
                .contains("Failed checks: none");
        assertThat(md.lines().filter(l -> l.startsWith("| vae |")).count()).isEqualTo(1);

        List<Path> written = report.writeTo(dir.resolve("out"));
        assertThat(BenchmarkReport.fromJson(Files.readString(written.get(0)))).isEqualTo(report);
        assertThat(Files.readString(written.get(1))).isEqualTo(md);
    }

    @Test
    void wrongExpectedParameterCountIsAFailedCheck() {
        BenchmarkRunner runner = new BenchmarkRunner(BenchmarkModels.of(
                List.of(BenchmarkModels.available().get("vae").withExpectedParameters(500_000L))));
        BenchmarkReport report = runner.run(BenchmarkOptions.builder().steps(1).warmup(0).repeats(1).sampleCount(2).build());

        assertThat(report.models().get(0).parameters()).isEqualTo(new ParameterCheck(500_000L, 517_904L, false));
        assertThat(report.allChecksPassed()).isFalse();
        assertThat(report.failedChecks()).containsExactly(
                "vae: parameter count 517904 differs from the pinned 500000 (+17904)");
        assertThat(report.toMarkdown()).contains("500,000 / 517,904 ✗").contains("Failed checks: 1")
                .contains("- ✗ vae: parameter count 517904");
    }

    @Test
    void unknownModelIdListsTheValidOnes() {
        BenchmarkOptions options = BenchmarkOptions.builder().models("vae", "gan").build();
        assertThatThrownBy(() -> new BenchmarkRunner().run(options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown benchmark model 'gan'").hasMessageContaining("valid models: vae");
    }

    @Test
    void badDeviceIsRefusedWithTheValidChoices() {
        BenchmarkOptions options = BenchmarkOptions.builder().models("vae").device("tpu").build();
        assertThatThrownBy(() -> new BenchmarkRunner().run(options))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'tpu'").hasMessageContaining("cpu");
    }

    @Test
    void qualityModeMeasuresAfterTheRequestedEpochAndAtACappedEnd() {
        // 128 training digits at batch 32 = 4 steps per epoch; epochs {1, 2} but capped at 6 steps.
        BenchmarkOptions options = BenchmarkOptions.builder().models("vae").steps(1).warmup(0).repeats(1)
                .batchSize(32).sampleCount(2).quality(true).qualityEpochs(2, 1).qualityTrainLimit(128)
                .qualityTestLimit(64).qualityMaxSteps(6).importanceSamples(4).generatedSamples(16).build();
        BenchmarkReport report = new BenchmarkRunner().run(options);

        QualityResult q = report.models().get(0).quality();
        assertThat(q.trainExamples()).isEqualTo(128);
        assertThat(q.testExamples()).isEqualTo(64);
        assertThat(q.points()).extracting(QualityPoint::epochs).containsExactly(1L, 1L);
        assertThat(q.points()).extracting(QualityPoint::steps).containsExactly(4L, 6L);
        for (QualityPoint p : q.points()) {
            double elbo = p.metrics().get("test_neg_elbo_nats");
            double iwae = p.metrics().get("test_neg_iwae_k4_nats");
            // the k = 4 bound is at least as tight as the ELBO (up to Monte Carlo noise)
            assertThat(iwae).isLessThan(elbo + 1.0);
            assertThat(p.metrics().get("test_examples")).isEqualTo(64.0);
            assertThat(p.metrics().get("sample_count")).isEqualTo(16.0);
            // shares of the 16 samples (precision, classes) and of the 64 test images (recall) are
            // whole counts over those sizes; the largest of ten class shares is at least 2/16
            assertCount(p.metrics().get("sample_precision"), 16);
            assertCount(p.metrics().get("sample_recall"), 64);
            assertCount(p.metrics().get("sample_confident_fraction"), 16);
            assertCount(p.metrics().get("sample_class_min_fraction"), 16);
            assertCount(p.metrics().get("sample_class_max_fraction"), 16);
            assertThat(p.metrics().get("sample_class_max_fraction")).isGreaterThanOrEqualTo(2.0 / 16);
            assertThat(p.metrics().get("sample_class_min_fraction")).isLessThanOrEqualTo(1.0 / 10);
        }
        // the second point is measured after two more training steps of the same seeded run, not
        // on the model of the first: its bound is lower (548 and 485 nats when this was written)
        assertThat(q.points().get(1).metrics().get("test_neg_elbo_nats"))
                .isLessThan(q.points().get(0).metrics().get("test_neg_elbo_nats") - 10);
        assertThat(q.notes()).anyMatch(n -> n.contains("k = 5,000"));
        String md = report.toMarkdown();
        assertThat(md).contains("## Quality").contains("test_neg_elbo_nats").contains("sample_fid")
                .contains(ReportMarkdown.FEATURE_CAVEAT);
        assertThat(BenchmarkReport.fromJson(report.toJson())).isEqualTo(report);
    }

    /** {@code share} is a whole number of items out of {@code n}, between 0 and n. */
    static void assertCount(double share, int n) {
        double count = share * n;
        assertThat(count).as("%s of %d items", share, n).isBetween(0.0, (double) n);
        assertThat(Math.abs(count - Math.rint(count))).as("%s of %d items is a whole count", share, n).isLessThan(1e-9);
    }
}
