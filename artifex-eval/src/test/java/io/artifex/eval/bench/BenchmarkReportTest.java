package io.artifex.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's JSON and Markdown forms on a hand-built report (no engine). */
class BenchmarkReportTest {

    static BenchmarkReport sample(boolean withFid) {
        Environment env = new Environment("Test CPU @ 1 GHz", 2, 2, "Linux 6 amd64", "OpenJDK 17", "PyTorch", "2.7.1",
                "0.36.0", "cpu", 2, 2);
        BenchmarkOptions options = BenchmarkOptions.builder().models("vae", "ebm").commandLine("artifex bench").build();
        SamplingWorkload prior = new SamplingWorkload("prior", 64, "prior draws", 0);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test_neg_elbo_nats", 101.25);
        if (withFid) {
            metrics.put("fid", 12.5);
        }
        QualityResult q = new QualityResult("20 epochs", 8000, 2000,
                List.of(new QualityPoint(20, 2500, 300.0, 12.0, metrics)), List.of("a note"));
        ModelResult vae = new ModelResult("vae", "VAE", ParameterCheck.of(517_904, 517_904),
                TrainingSpeed.of(64, 50, 5, List.of(9000.0, 10_000.0, 11_000.0), List.of(200.0, 200.0, 200.0)),
                List.of(SamplingSpeed.of(prior, List.of(0.002, 0.004, 0.003), "(64, 1, 28, 28)", true)),
                new MemorySnapshot(300L << 20, 50L << 20, 100L << 20), new MemorySnapshot(320L << 20, 60L << 20, 100L << 20),
                q);
        ModelResult ebm = new ModelResult("ebm", "EBM", ParameterCheck.of(267_009, 267_010),
                TrainingSpeed.of(64, 50, 5, List.of(500.0), List.of(0.5)),
                List.of(SamplingSpeed.of(prior, List.of(20.0), "(64, 1, 28, 28)", false)),
                new MemorySnapshot(-1, 1, 1), new MemorySnapshot(-1, 1, 1), null);
        return new BenchmarkReport(BenchmarkReport.SCHEMA, "2026-11-28T12:00:00Z", "artifex bench", env, options,
                List.of(vae, ebm));
    }

    @Test
    void jsonRoundTripsExactly() {
        BenchmarkReport r = sample(true);
        String json = r.toJson();
        assertThat(json).contains("\n  \"schema\" : 1").contains("\"passed\" : false");
        assertThat(BenchmarkReport.fromJson(json)).isEqualTo(r);
        assertThatThrownBy(() -> BenchmarkReport.fromJson("{\"schema\": [")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a benchmark report");
    }

    @Test
    void markdownHasHeaderOneRowPerModelAndTheFailedChecks() {
        String md = sample(false).toMarkdown();
        assertThat(md).contains("- Command: `artifex bench`").contains("- Date: 2026-11-28T12:00:00Z")
                .contains("- Machine: Test CPU @ 1 GHz, 2 logical CPUs").contains("PyTorch 2.7.1 (DJL 0.36.0), device cpu")
                .contains("| vae | 517,904 / 517,904 ✓ | 10,000 (9,000–11,000) | prior ×64: 3.0 ms (21,333/s) | 300 / 320 | 60 | 2 |")
                .contains("| ebm | 267,009 / 267,010 ✗ | 500 (500–500) | prior ×64: 20.00 s (312.5 ms per sample) | n/a / n/a |")
                .contains("Failed checks: 2")
                .contains("- ✗ ebm: parameter count 267010 differs from the pinned 267009 (+1)")
                .contains("- ✗ ebm: sampling workload 'prior' produced non-finite values")
                .contains("| 20 | 2500 | 300.0 | 101.250 |").contains("- a note")
                .doesNotContain("Inception");
    }

    @Test
    void featureMetricsCarryTheInceptionCaveat() {
        assertThat(sample(true).toMarkdown()).contains(ReportMarkdown.FEATURE_CAVEAT).contains("| fid |");
    }
}
