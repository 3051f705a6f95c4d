package io.artifex.training.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.artifex.training.optim.OptimizerState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the checkpoint reader. A valid checkpoint (two parameters, an Adam state, an
 * EMA shadow) is written once; each input replaces one of its files, chosen by the last byte:
 * the manifest itself, or {@code parameters.bin}, {@code optimizer-0.bin} or {@code ema.bin}
 * with the manifest's checksum updated to match, so that the array decoder behind the checksums
 * is reached. Contract: {@link CheckpointIO#read} returns a checkpoint or throws an
 * {@link IllegalArgumentException} with a one-line message, and never anything else (no
 * OutOfMemoryError, no native crash). Seeds in {@code CheckpointReaderFuzzTestInputs/}.
 */
class CheckpointReaderFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REPLACED = List.of(CheckpointIO.MANIFEST, "parameters.bin", "optimizer-0.bin",
            "ema.bin");

    private static Path root;
    private static Map<String, byte[]> template;
    private static int counter;

    @BeforeAll
    static void writeTemplate() throws IOException {
        root = Files.createTempDirectory("checkpoint-fuzz");
        try (NDManager manager = NDManager.newBaseManager()) {
            OptimizerState adam = new OptimizerState("adam", Map.of("w", new OptimizerState.ParamState(3,
                    Map.of("m", manager.create(new float[] {0.5f, 0.25f}), "v", manager.create(new float[] {1f, 2f})))));
            Map<String, ai.djl.ndarray.NDArray> params = new LinkedHashMap<>();
            params.put("w", manager.create(new float[] {1f, 2f}));
            params.put("b", manager.create(new float[][] {{3f}, {4f}}));
            Checkpoint c = new Checkpoint(3, 1, 2, 7, params, Map.of("main", adam),
                    Map.of("w", manager.create(new float[] {0.9f, 1.9f})), "{\"trainer\":1}", "{\"model\":1}");
            Path written = CheckpointIO.write(c, root.resolve("template"));
            template = new LinkedHashMap<>();
            try (var files = Files.list(written)) {
                for (Path f : files.sorted().toList()) {
                    template.put(f.getFileName().toString(), Files.readAllBytes(f));
                }
            }
            CheckpointIO.deleteTree(written);
        }
    }

    @AfterAll
    static void clean() throws IOException {
        CheckpointIO.deleteTree(root);
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void readAnyCheckpoint(FuzzedDataProvider data) throws IOException {
        String replaced = REPLACED.get(data.consumeInt(0, REPLACED.size() - 1));
        byte[] content = data.consumeRemainingAsBytes();
        Path dir = Files.createDirectory(root.resolve("c" + counter++));
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, byte[]> files = new LinkedHashMap<>(template);
            files.put(replaced, content);
            if (!replaced.equals(CheckpointIO.MANIFEST)) {
                ObjectNode manifest = (ObjectNode) JSON.readTree(template.get(CheckpointIO.MANIFEST));
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    if (!f.getKey().equals(CheckpointIO.MANIFEST)) {
                        Path tmp = Files.write(dir.resolve(f.getKey()), f.getValue());
                        ((ObjectNode) manifest.path("files")).put(f.getKey(), CheckpointIO.sha256(tmp));
                    }
                }
                files.put(CheckpointIO.MANIFEST, JSON.writeValueAsString(manifest).getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(dir.resolve(f.getKey()), f.getValue());
            }
            try {
                Checkpoint read = CheckpointIO.read(dir, manager);
                assertThat(read.parameters()).isNotNull();
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isNotBlank().doesNotContain("\n", "\r");
            }
        } finally {
            CheckpointIO.deleteTree(dir);
        }
    }
}
