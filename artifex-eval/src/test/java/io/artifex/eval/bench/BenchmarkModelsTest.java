package io.artifex.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry files: where they are found, in which order, and how a bad one is refused. */
class BenchmarkModelsTest {

    /** The variant in the test resources, {@code bench-extra/vae-narrow.yaml}. */
    private static String narrowVae() throws IOException {
        try (InputStream in = BenchmarkModelsTest.class.getClassLoader().getResourceAsStream("bench-extra/vae-narrow.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Learned weights of a dense VAE 784-h1-h2, latent l, decoder l-h2-h1-784, counted by hand. */
    private static long denseVaeParameters(int h1, int h2, int latent) {
        long encoder = 784L * h1 + h1 + (long) h1 * h2 + h2 + 2L * (h2 * latent + latent);
        long decoder = (long) latent * h2 + h2 + (long) h2 * h1 + h1 + h1 * 784L + 784;
        return encoder + decoder;
    }

    @Test
    void builtInEntriesAreTheSpecNetworksInSpecOrderThenTheVariantsById() {
        BenchmarkModels available = BenchmarkModels.available();
        assertThat(available.ids()).containsExactly("vae", "dcgan", "ddpm", "realnvp", "ebm", "pixelcnn", "transformer",
                "wavenet", "vqvae", "dcgan-cond", "ddpm-small", "ddpm-small-cond", "ddpm-tiny", "ddpm-tiny-cond", "gated-pixelcnn", "glow");
        for (String id : available.ids()) {
            BenchmarkModel entry = available.get(id);
            assertThat(entry.id()).isEqualTo(id);
            assertThat(entry.source()).endsWith("benchmarks/" + id + ".yaml");
            assertThat(entry.isSpecReference()).isEqualTo(List.of("vae", "dcgan", "ddpm", "realnvp", "ebm", "pixelcnn", "vqvae",
                    "transformer", "wavenet")
                    .contains(id));
        }
        assertThat(available.get("ebm").specNetwork()).hasValue(5);
        assertThat(available.select(List.of())).extracting(BenchmarkModel::id).containsExactlyElementsOf(available.ids());
    }

    @Test
    void vaeEntryIsReferenceNetworkOne() {
        BenchmarkModel vae = BenchmarkModels.available().get("vae");
        assertThat(vae.expectedParameters()).isEqualTo(517_904L).isEqualTo(denseVaeParameters(256, 128, 128));
        assertThat(vae.samplingWorkloads()).extracting(SamplingWorkload::samples).containsExactly(64);
        assertThat(vae.data().dataset()).isEqualTo("mnist");
        assertThat(vae.data().preprocessing()).isEqualTo(Preprocessing.BINARIZE);
        var adam = vae.trainer(64, 3).optimizerFor("default");
        assertThat(adam.learningRate()).isEqualTo(1e-3);
        assertThat(adam.gradientClipNorm()).isEqualTo(100.0);
        assertThat(vae.trainer(32, 3).batchSize()).isEqualTo(32);
        assertThat(vae.trainer(32, 3).seed()).isEqualTo(3L);
        assertThat(vae.qualityBudget(7)).startsWith("7 epochs over the embedded MNIST training digits, dynamic");
    }

    @Test
    void aVariantIsAddedByAddingAFileWithNoJavaCode() throws IOException {
        BenchmarkModels extra = BenchmarkModels.fromClassPath("bench-extra", getClass().getClassLoader());
        assertThat(extra.ids()).containsExactly("vae-narrow");
        BenchmarkModels all = BenchmarkModels.available().plus(extra);
        assertThat(all.ids()).endsWith("glow", "vae-narrow");

        BenchmarkModel narrow = all.get("vae-narrow");
        assertThat(narrow.isSpecReference()).isFalse();
        assertThat(narrow.expectedParameters()).isEqualTo(denseVaeParameters(64, 32, 16));
        assertThat(narrow.trainer(16, 1).optimizerFor("default").learningRate()).isEqualTo(0.002);
        try (NDManager manager = NDManager.newBaseManager();
             GenerativeModel model = ModelRegistry.defaultRegistry().create(narrow.config(), manager, new Rng(0))) {
            assertThat(model.parameterCount()).isEqualTo(narrow.expectedParameters());
        }

        assertThatThrownBy(() -> all.plus(extra)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'vae-narrow' appears twice").hasMessageContaining("vae-narrow.yaml");
    }

    @Test
    void aFolderOfEntryFilesLoadsAndAWrongIdOrHarnessSettingIsRefusedNamingTheFile(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("vae-narrow.yaml"), narrowVae());
        assertThat(BenchmarkModels.load(dir).ids()).containsExactly("vae-narrow");

        Path renamed = dir.resolve("vae-small.yaml");
        Files.writeString(renamed, narrowVae());
        assertThatThrownBy(() -> BenchmarkModels.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(renamed.toString()).hasMessageContaining("belongs in vae-narrow.yaml");
        Files.delete(renamed);

        Files.writeString(dir.resolve("vae-narrow.yaml"),
                narrowVae().replace("training:\n", "training:\n  batchSize: 32\n"));
        assertThatThrownBy(() -> BenchmarkModels.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vae-narrow.yaml: training.batchSize is set by the benchmark harness");
    }

    @Test
    void badFieldsAreRefusedWithTheFileAndTheRule() throws IOException {
        String good = narrowVae();
        assertThatThrownBy(() -> BenchmarkEntries.parse(good.replace("parameters:", "params:"), "x.yaml"))
                .hasMessageContaining("x.yaml: unknown field 'params' in the entry; known fields: data, description, id, "
                        + "model, parameters");
        assertThatThrownBy(() -> BenchmarkEntries.parse(good.replace("parameters: 106992", "parameters: 0"), "x.yaml")).hasMessageContaining("x.yaml: parameters must be a whole number >= 1, got 0");
        assertThatThrownBy(() -> BenchmarkEntries.parse(good.replace("type: vae", "type: io.artifex.models.vae.Vae"),
                "x.yaml")).hasMessageContaining("x.yaml (section 'model')")
                .hasMessageContaining("unknown model type 'io.artifex.models.vae.Vae'");
        assertThatThrownBy(() -> BenchmarkEntries.parse(good.replace("schemaVersion: 1\n", ""), "x.yaml"))
                .hasMessageContaining("x.yaml: missing schemaVersion");
        assertThatThrownBy(() -> BenchmarkEntries.parse(good.replace("    - name: sample",
                "    - name: sample\n      guidanceScale: 3.0"), "x.yaml"))
                .hasMessageContaining("x.yaml: quality sample set 'sample'.guidanceScale applies to conditional "
                        + "samples: add 'labels: in-turn'");
        assertThatThrownBy(() -> BenchmarkEntries.parse(good.replace("    - name: sample",
                "    - name: sample\n      truncation: 1.0\n      start: persistent"), "x.yaml"))
                .hasMessageContaining("x.yaml: quality sample set 'sample': at most one of 'truncation'");
        assertThatThrownBy(() -> BenchmarkEntries.parse(good.replace("likelihood: importance-weighted",
                "likelihood: exact"), "x.yaml"))
                .hasMessageContaining("quality.likelihood must be one of none, bits-per-dim, importance-weighted");
    }

    @Test
    void aSamplerTheModelCannotRunIsRefusedNamingTheCapability() throws IOException {
        BenchmarkModel truncatedVae = BenchmarkEntries.parse(narrowVae().replace("    description: 32 latent",
                "    truncation: 1.0\n    description: 32 latent"), "x.yaml");
        try (NDManager manager = NDManager.newBaseManager();
             GenerativeModel model = ModelRegistry.defaultRegistry().create(truncatedVae.config(), manager, new Rng(0))) {
            SamplingWorkload w = truncatedVae.samplingWorkloads().get(0);
            assertThatThrownBy(() -> truncatedVae.sample(model, w, manager, new Rng(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("benchmark entry 'vae-narrow', sampling workload 'prior' asks for 'truncation', "
                            + "which needs a TruncatedSampling model");
        }
    }

    @Test
    void unknownIdsAreRefusedWithTheValidOnes() {
        BenchmarkModels models = BenchmarkModels.of(List.of(BenchmarkModels.available().get("vae")));
        assertThatThrownBy(() -> models.get("ddpm")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown benchmark model 'ddpm'; valid models: vae");
    }
}
