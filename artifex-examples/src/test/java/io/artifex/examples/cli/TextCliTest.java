package io.artifex.examples.cli;

import static io.artifex.examples.cli.CliHarness.cli;
import static io.artifex.examples.cli.CliHarness.csvRows;
import static io.artifex.examples.cli.CliHarness.ok;
import static io.artifex.examples.cli.CliHarness.onlyRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.artifex.data.text.tokenizer.Tokenizer;
import io.artifex.data.text.tokenizer.TokenizerJson;
import io.artifex.examples.cli.CliHarness.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train}, {@code evaluate} and {@code sample} for a language model, on a tiny Transformer
 * and a 29-speech corpus (test resources {@code text/}). Planted bugs these catch: the tokenizer not
 * saved with the run, or retrained on load (sampling runs after the corpus and its cache are
 * deleted); held-out figures weighted by windows or counting the unscored first token of each
 * window or the padding (tokens and bytes are recounted here from the packed test file and the
 * saved tokenizer's decode); the n-gram baseline scored on other tokens than the model; the text
 * run drawing image grids; {@code --prompt} ignored.
 */
class TextCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The tiny model's parameters: embedding 300 x 16 (tied output) + positions 16 x 16 + one block
     * (two layer norms 2 x 32, attention 16 x 48 + 48 and 16 x 16 + 16, MLP 16 x 32 + 32 and 32 x 16 + 16)
     * + the final layer norm 32.
     */
    private static final long TINY_PARAMETERS = 300 * 16 + 16 * 16 + 64 + (16 * 48 + 48) + (16 * 16 + 16)
            + (16 * 32 + 32) + (32 * 16 + 16) + 32;

    @Test
    void trainsEvaluatesAndContinuesAPromptWithTheRunsTokenizer(@TempDir Path dir) throws Exception {
        Path corpus = copy("text/tiny-corpus.txt", dir.resolve("corpus.txt"));
        Path config = copy("text/tiny-transformer.yaml", dir.resolve("tiny.yaml"));
        Path cache = dir.resolve("cache");
        Result train = ok("train", "--config", config.toString(), "--runs", dir.resolve("runs").toString(), "--quiet",
                "--no-tensorboard", "--set", "data.text.path=" + corpus, "--set", "data.cacheDirectory=" + cache);
        Path run = onlyRun(dir.resolve("runs"));
        assertThat(train.out()).contains("test_bits_per_byte", "test_perplexity", "--prompt");
        assertThat(run.resolve("tokenizer.json")).isRegularFile();
        assertThat(run.resolve("model/tokenizer.json")).hasSameTextualContentAs(run.resolve("tokenizer.json"));
        assertThat(run.resolve("samples.png")).doesNotExist();
        assertThat(Files.readString(run.resolve("samples.txt"))).contains("--- sample 0 ---", "--- sample 3 ---");
        List<Map<String, String>> rows = csvRows(run);
        assertThat(rows.stream().filter(r -> !r.get("validation_loss").isEmpty()).count()).isEqualTo(2);
        assertThat(run.resolve("checkpoints/best/manifest.json")).isRegularFile();

        // held-out tokens and bytes recounted from the packed test file: every token after the first of each
        // window of 17, pads excluded; bytes by decoding the scored ids that are not special tokens
        Tokenizer tokenizer = TokenizerJson.read(run.resolve("tokenizer.json"));
        int[] test = testTokens(cache);
        long tokens = 0;
        StringBuilder text = new StringBuilder();
        for (int start = 0; start < test.length; start += 17) {
            for (int i = start + 1; i < Math.min(start + 17, test.length); i++) {
                tokens++;
                if (test[i] != tokenizer.endOfTextId()) {
                    text.append(tokenizer.decode(new int[] {test[i]}));
                }
            }
        }
        long bytes = text.toString().getBytes(StandardCharsets.UTF_8).length;

        Path numbers = dir.resolve("eval.json");
        Result evaluate = ok("evaluate", "--checkpoint", run.resolve("model").toString(), "--ngram", "3",
                "--out", numbers.toString());
        assertThat(evaluate.out()).contains("test_nats_per_token", "ngram3_test_bits_per_byte").doesNotContain("sample_");
        JsonNode e = JSON.readTree(numbers.toFile());
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        assertThat(e.get("test_tokens").asLong()).isEqualTo(tokens);
        assertThat(e.get("test_bytes").asLong()).isEqualTo(bytes);
        assertThat(e.get("ngram3_test_tokens").asLong()).isEqualTo(tokens);
        assertThat(e.get("ngram3_test_bytes").asLong()).isEqualTo(bytes);
        // the final model's figures, as the run measured them, and the figures' arithmetic
        assertThat(e.get("test_nats_per_token").asDouble())
                .isCloseTo(summary.get("test_nats_per_token").asDouble(), within(1e-4));
        double nats = e.get("test_nats_per_token").asDouble() * tokens;
        assertThat(e.get("test_bits_per_byte").asDouble()).isCloseTo(nats / (bytes * Math.log(2)), within(1e-6));
        assertThat(e.get("test_perplexity").asDouble()).isCloseTo(Math.exp(nats / tokens), within(1e-6));
        // a trained model is far better than uniform over the 300 ids
        assertThat(e.get("test_nats_per_token").asDouble()).isLessThan(Math.log(300) - 0.5);

        Result imageOption = cli("evaluate", "--checkpoint", run.resolve("model").toString(), "--temperature", "0.5");
        assertThat(imageOption.status()).isEqualTo(2);
        assertThat(imageOption.err()).contains("--temperature", "do not apply");

        // the tokenizer comes from the run folder: nothing to retrain it from is left
        Files.delete(corpus);
        try (Stream<Path> all = Files.walk(cache)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Path best = run.resolve("checkpoints/best");
        Result sample = ok("sample", "--checkpoint", best.toString(), "--prompt", "First Citizen:", "--max-tokens", "6",
                "--n", "2", "--seed", "4", "--top-k", "20");
        List<String> texts = samples(sample.out());
        assertThat(texts).hasSize(2).allSatisfy(t -> assertThat(t).startsWith("First Citizen:"));
        assertThat(texts.get(0)).isNotEqualTo("First Citizen:");
        assertThat(ok("sample", "--checkpoint", best.toString(), "--prompt", "First Citizen:", "--max-tokens", "6",
                "--n", "2", "--seed", "4", "--top-k", "20").out()).isEqualTo(sample.out());

        // the cache only saves work: the same seed draws the same text without it, and the timing goes to stderr
        Result uncached = ok("sample", "--checkpoint", best.toString(), "--prompt", "First Citizen:", "--max-tokens", "6",
                "--n", "2", "--seed", "4", "--top-k", "20", "--no-cache");
        assertThat(uncached.out()).isEqualTo(sample.out());
        assertThat(uncached.err()).contains("tokens/s (key/value cache off)");
        assertThat(sample.err()).contains("tokens/s (key/value cache on)");

        // past the 17 tokens the model reads, the continuation slides: 40 new tokens, each at least one character
        List<String> slid = samples(ok("sample", "--checkpoint", best.toString(), "--prompt", "First Citizen:",
                "--max-tokens", "40").out());
        assertThat(slid).hasSize(1);
        assertThat(slid.get(0)).startsWith("First Citizen:").hasSizeGreaterThanOrEqualTo("First Citizen:".length() + 40);
        Result tooLong = cli("sample", "--checkpoint", best.toString(), "--prompt", "First Citizen: " + "you ".repeat(20));
        assertThat(tooLong.status()).isEqualTo(2);
        assertThat(tooLong.err()).contains("shorten the prompt");
    }

    /**
     * {@code bench} runs a text entry: token windows served to the speed and quality protocols,
     * the held-out figures counted over the same tokens {@code evaluate} counts (recounted here),
     * token samples of the context's length. Catches a harness that serves no text, or scores the
     * windows' first tokens or their padding.
     */
    @Test
    void benchRunsATextEntryWithHeldOutFiguresPerToken(@TempDir Path dir) throws Exception {
        Path corpus = copy("text/tiny-corpus.txt", dir.resolve("corpus.txt"));
        Path cache = dir.resolve("cache");
        Path entries = Files.createDirectories(dir.resolve("entries"));
        Files.writeString(entries.resolve("tiny-lm.yaml"), """
                schemaVersion: 1
                id: tiny-lm
                description: "a tiny Transformer language model"
                parameters: %d
                model: {type: transformer, name: tiny-lm, vocabSize: 300, contextLength: 16, numLayers: 1, numHeads: 2,
                        width: 16, mlpWidth: 32, dropout: 0.0, padTokenId: 1, endOfTextTokenId: 0}
                data:
                  dataset: text
                  cacheDirectory: %s
                  text: {path: %s, maxLength: 17, tokenizer: {kind: bpe, vocabSize: 300}}
                training:
                  optimizers: {default: {type: adamw, learningRate: 0.003}}
                sampling:
                  - {name: tokens, samples: 2, description: 2 sequences of 16 tokens}
                quality:
                  budget: "{epochs} epochs"
                  likelihood: tokens
                """.formatted(TINY_PARAMETERS, cache, corpus));
        Path out = dir.resolve("out");
        Result bench = ok("bench", "--entries", entries.toString(), "--models", "tiny-lm", "--steps", "2", "--warmup",
                "1", "--repeats", "1", "--batch-size", "4", "--quality", "--quality-epochs", "1", "--out", out.toString());
        assertThat(bench.out()).contains("| tiny-lm | " + String.format(java.util.Locale.ROOT, "%,d", TINY_PARAMETERS));
        JsonNode report = JSON.readTree(out.resolve("benchmark.json").toFile());
        JsonNode model = report.get("models").get(0);
        assertThat(model.get("sampling").get(0).get("sampleShape").asText()).isEqualTo("(2, 16)");
        JsonNode points = model.get("quality").get("points");
        JsonNode metrics = points.get(points.size() - 1).get("metrics");
        long tokens = 0;
        int[] test = testTokens(cache);
        for (int start = 0; start < test.length; start += 17) {
            tokens += Math.min(start + 17, test.length) - start - 1;
        }
        assertThat(metrics.get("test_tokens").asLong()).isEqualTo(tokens);
        assertThat(metrics.get("test_bits_per_byte").asDouble()).isPositive();
        assertThat(metrics.get("test_nats_per_token").asDouble()).isLessThan(Math.log(300) + 0.5);
    }

    private static List<String> samples(String out) {
        List<String> texts = new ArrayList<>();
        for (String part : out.split("--- sample \\d+ ---\\R")) {
            if (!part.isBlank()) {
                texts.add(part.stripTrailing());
            }
        }
        return texts;
    }

    private static int[] testTokens(Path cache) throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            Path file = files.filter(p -> p.getFileName().toString().equals("test.tokens")).findFirst().orElseThrow();
            ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            int[] ids = new int[buf.remaining() / 4];
            buf.asIntBuffer().get(ids);
            return ids;
        }
    }

    private static Path copy(String resource, Path target) throws IOException {
        try (InputStream in = TextCliTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        return target;
    }
}
