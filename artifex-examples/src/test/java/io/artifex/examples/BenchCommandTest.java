package io.artifex.examples;

import static io.artifex.examples.TinyConfigs.TINY_VAE_ENTRY;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.examples.cli.ArtifexCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code artifex bench --entries DIR}: an entry written as a file runs with no Java code. */
class BenchCommandTest {

    private static int cli(StringWriter out, StringWriter err, String... args) {
        return ArtifexCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void anEntryFileFromAFolderIsBenchmarkedAndAClashWithABuiltInIdIsRefused(@TempDir Path dir) throws Exception {
        Path entries = Files.createDirectories(dir.resolve("entries"));
        Files.writeString(entries.resolve("tiny-vae.yaml"), TINY_VAE_ENTRY);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = cli(out, err, "bench", "--entries", entries.toString(), "--models", "tiny-vae", "--steps", "1",
                "--warmup", "0", "--repeats", "1", "--batch-size", "8", "--out", dir.resolve("out").toString());

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("| tiny-vae | 26,104 / 26,104 ✓").contains("prior ×4");
        assertThat(dir.resolve("out/benchmark.json")).exists();

        Files.writeString(entries.resolve("vae.yaml"), TINY_VAE_ENTRY.replace("id: tiny-vae", "id: vae"));
        StringWriter err2 = new StringWriter();
        int clash = cli(new StringWriter(), err2, "bench", "--entries", entries.toString(), "--models", "vae");
        assertThat(clash).isNotZero();
        assertThat(err2.toString()).contains("'vae' appears twice").contains(entries.resolve("vae.yaml").toString());
    }
}
