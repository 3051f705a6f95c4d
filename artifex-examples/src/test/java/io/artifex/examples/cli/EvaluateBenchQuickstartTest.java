package io.artifex.examples.cli;

import static io.artifex.examples.TinyConfigs.TINY_VAE;
import static io.artifex.examples.TinyConfigs.TINY_VAE_ENTRY;
import static io.artifex.examples.cli.CliHarness.cli;
import static io.artifex.examples.cli.CliHarness.ok;
import static io.artifex.examples.cli.CliHarness.onlyRun;
import static io.artifex.examples.cli.CliHarness.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.artifex.examples.cli.CliHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} with its options, {@code bench --checkpoint} and {@code quickstart}, on tiny
 * settings, checking the files they write. Planted bugs these catch: {@code --samples} ignored
 * (the count in the JSON), sample metrics missing for a model without a likelihood (the old
 * "use artifex bench --quality" dead end), and {@code bench --checkpoint} scoring with the wrong entry.
 */
class EvaluateBenchQuickstartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void evaluateComputesLikelihoodAndSampleMetricsAndBenchScoresTheCheckpoint(@TempDir Path dir) throws Exception {
        Path config = write(dir, "in.yaml", TINY_VAE);
        ok("train", "--config", config.toString(), "--runs", dir.resolve("runs").toString(), "--quiet");
        Path run = onlyRun(dir.resolve("runs"));

        Path numbers = dir.resolve("eval.json");
        Result evaluate = ok("evaluate", "--checkpoint", run.resolve("model").toString(), "--samples", "40",
                "--importance-samples", "2", "--seed", "1", "--device", "cpu", "--out", numbers.toString());
        assertThat(evaluate.out()).contains("sample_fid", "test_negative_elbo").doesNotContain("bench --quality");
        JsonNode written = JSON.readTree(numbers.toFile());
        assertThat(written.get("sample_count").asDouble()).isEqualTo(40.0);
        assertThat(written.get("sample_fid").asDouble()).isPositive();
        assertThat(written.has("test_negative_iwae_k2")).isTrue();
        double precision = written.get("sample_precision").asDouble();
        assertThat(precision).isBetween(0.0, 1.0);

        Result likelihoodOnly = ok("evaluate", "--checkpoint", run.resolve("model").toString(), "--samples", "0",
                "--out", numbers.toString());
        assertThat(likelihoodOnly.out()).doesNotContain("sample_");
        assertThat(JSON.readTree(numbers.toFile()).has("sample_fid")).isFalse();

        Result wrongOption = cli("evaluate", "--checkpoint", run.resolve("model").toString(), "--steps", "5");
        assertThat(wrongOption.status()).isEqualTo(2);
        assertThat(wrongOption.err()).contains("--steps does not apply");

        Path entries = Files.createDirectories(dir.resolve("entries"));
        Files.writeString(entries.resolve("tiny-vae.yaml"), TINY_VAE_ENTRY);
        Path out = dir.resolve("bench");
        Result bench = ok("bench", "--checkpoint", run.toString(), "--entries", entries.toString(), "--models", "tiny-vae",
                "--quality-samples", "20", "--importance-samples", "2", "--out", out.toString());
        assertThat(bench.out()).contains("bench entry 'tiny-vae'");
        JsonNode scored = JSON.readTree(out.resolve("checkpoint-quality.json").toFile());
        assertThat(scored.get("entry").asText()).isEqualTo("tiny-vae");
        // the run folder's best/ (written by the validation of the epoch maxSteps cut at the last step)
        assertThat(scored.get("checkpoint").asText()).endsWith("checkpoints/best");
        assertThat(scored.get("metrics").size()).isPositive();
        assertThat(scored.get("metrics").fieldNames()).toIterable().anyMatch(k -> k.contains("iwae"));

        Result ambiguous = cli("bench", "--checkpoint", run.toString(), "--models", "vae,dcgan");
        assertThat(ambiguous.err()).contains("give --models one entry id");
    }

    @Test
    void quickstartTrainsTheReferenceVaeIntoARunFolder(@TempDir Path dir) throws Exception {
        Result quick = ok("quickstart", "--max-steps", "2", "--runs", dir.toString(), "--quiet");
        assertThat(quick.out()).contains("Trained vae-mnist for 2 steps", "test_negative_elbo");
        Path run = onlyRun(dir);
        for (String file : new String[] {"experiment.yaml", "metrics.csv", "metrics.jsonl", "summary.json", "samples.png",
                "reconstructions.png", "model/config.yaml", "checkpoints/step-000000002/manifest.json"}) {
            assertThat(run.resolve(file)).as(file).isRegularFile();
        }
        assertThat(JSON.readTree(run.resolve("summary.json").toFile()).get("steps").asDouble()).isEqualTo(2.0);
    }
}
