package io.artifex.training.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.artifex.training.optim.OptimizerState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of a checkpoint folder: the checksum is the real SHA-256 (a known digest, not only
 * self-consistent), each optimizer gets its own numbered file, an optimizer with no state yet
 * round-trips, rewriting a checkpoint leaves no old copy beside it, and hostile or malformed
 * names are refused whatever character they start with.
 */
class CheckpointFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Checkpoint checkpoint(long step, Map<String, OptimizerState> optimizers) {
        return new Checkpoint(step, 0, 0, 7, Map.of("w", manager.create(new float[] {step, 2f})), optimizers,
                Map.of(), "{\"trainer\":1}", "{\"model\":1}");
    }

    private OptimizerState state(String algorithm, long step, float value) {
        return new OptimizerState(algorithm, Map.of("w",
                new OptimizerState.ParamState(step, Map.of("m", manager.create(new float[] {value, value})))));
    }

    /** SHA-256("abc") from FIPS 180-2, appendix B.1; catches a digest that never reads the file. */
    @Test
    void theChecksumIsTheStandardSha256() throws IOException {
        Path file = Files.writeString(dir.resolve("abc.txt"), "abc", StandardCharsets.US_ASCII);
        assertThat(CheckpointIO.sha256(file))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    /** A file larger than one read buffer (64 KiB) is digested whole, as the JDK's MessageDigest digests it. */
    @Test
    void theChecksumCoversAFileLargerThanOneBuffer() throws Exception {
        byte[] bytes = new byte[200_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + i / 7);
        }
        Path file = Files.write(dir.resolve("big.bin"), bytes);
        String expected = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(CheckpointIO.sha256(file)).isEqualTo(expected);
    }

    @Test
    void twoOptimizersGetTheirOwnFilesAndAnEmptyStateRoundTrips() throws IOException {
        Map<String, OptimizerState> optimizers = new LinkedHashMap<>();
        optimizers.put("generator", state("adam", 3, 0.5f));
        optimizers.put("discriminator", state("sgd", 4, 0.25f));
        optimizers.put("fresh", new OptimizerState("adam", Map.of()));
        Path ck = CheckpointIO.write(checkpoint(3, optimizers), dir.resolve("step-3"));

        ObjectNode manifest = (ObjectNode) JSON.readTree(ck.resolve(CheckpointIO.MANIFEST).toFile());
        assertThat(manifest.path("optimizers").path("generator").path("file").asText()).isEqualTo("optimizer-0.bin");
        assertThat(manifest.path("optimizers").path("discriminator").path("file").asText()).isEqualTo("optimizer-1.bin");
        assertThat(manifest.path("optimizers").path("fresh").path("file").asText()).isEqualTo("optimizer-2.bin");

        Checkpoint back = CheckpointIO.read(ck, manager);
        assertThat(back.optimizers().get("generator").algorithm()).isEqualTo("adam");
        assertThat(back.optimizers().get("generator").parameters().get("w").step()).isEqualTo(3);
        assertThat(back.optimizers().get("discriminator").algorithm()).isEqualTo("sgd");
        assertThat(back.optimizers().get("discriminator").parameters().get("w").slots().get("m").toFloatArray())
                .containsExactly(0.25f, 0.25f);
        assertThat(back.optimizers().get("fresh").parameters()).isEmpty();
    }

    @Test
    void rewritingACheckpointReplacesItAndLeavesNoOldCopy() throws IOException {
        Path target = dir.resolve("best");
        CheckpointIO.write(checkpoint(1, Map.of()), target);
        CheckpointIO.write(checkpoint(2, Map.of()), target);
        try (Stream<Path> list = Files.list(dir)) {
            assertThat(list.map(p -> p.getFileName().toString()).toList()).containsExactly("best");
        }
        assertThat(CheckpointIO.read(target, manager).parameters().get("w").toFloatArray()).containsExactly(2f, 2f);
    }

    @Test
    void verifyPassesAnIntactCheckpointAndRefusesOneFlippedByte() throws IOException {
        Path ck = CheckpointIO.write(checkpoint(1, Map.of("main", state("adam", 1, 1f))), dir.resolve("step-1"));
        CheckpointIO.verify(ck);
        Path optimizer = ck.resolve("optimizer-0.bin");
        byte[] bytes = Files.readAllBytes(optimizer);
        bytes[bytes.length / 2] ^= 1;
        Files.write(optimizer, bytes);
        assertThatThrownBy(() -> CheckpointIO.verify(ck)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("optimizer-0.bin failed its SHA-256 check");
    }

    @Test
    void theWritePauseHookPausesChangesNoByteAndRefusesABadValue() throws IOException {
        Path plain = CheckpointIO.write(checkpoint(1, Map.of("main", state("adam", 1, 1f))), dir.resolve("plain"));
        try {
            System.setProperty(CheckpointIO.WRITE_PAUSE_PROPERTY, "30");
            long start = System.nanoTime();
            Path paused = CheckpointIO.write(checkpoint(1, Map.of("main", state("adam", 1, 1f))), dir.resolve("paused"));
            // six files (parameters, EMA, one optimizer, two configs, manifest), 30 ms after each
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(180);
            for (String file : List.of("parameters.bin", "ema.bin", "optimizer-0.bin", "manifest.json")) {
                assertThat(Files.readAllBytes(paused.resolve(file))).as(file).isEqualTo(Files.readAllBytes(plain.resolve(file)));
            }
            System.setProperty(CheckpointIO.WRITE_PAUSE_PROPERTY, "forever");
            assertThatThrownBy(() -> CheckpointIO.write(checkpoint(1, Map.of()), dir.resolve("refused")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("system property " + CheckpointIO.WRITE_PAUSE_PROPERTY
                            + " is 'forever': it must be a whole number of milliseconds from 0 to 10000");
        } finally {
            System.clearProperty(CheckpointIO.WRITE_PAUSE_PROPERTY);
        }
        try (Stream<Path> list = Files.list(dir)) {
            assertThat(list.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("plain", "paused");
        }
    }

    @Test
    void aFileNameStartingWithABackslashColonOrNulIsRefused() throws IOException {
        Path ck = CheckpointIO.write(checkpoint(1, Map.of("main", state("adam", 1, 1f))), dir.resolve("step-1"));
        for (String hostile : List.of("\\x", ":x", "\0x", ".", "")) {
            ObjectNode manifest = (ObjectNode) JSON.readTree(ck.resolve(CheckpointIO.MANIFEST).toFile());
            ((ObjectNode) manifest.path("optimizers").path("main")).put("file", hostile);
            JSON.writeValue(ck.resolve(CheckpointIO.MANIFEST).toFile(), manifest);
            assertThatThrownBy(() -> CheckpointIO.read(ck, manager)).as("file name '%s'", hostile)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a plain file name");
        }
    }

    /** An optimizer entry must be {@code <parameter id>/<slot>}; an empty parameter id is malformed. */
    @Test
    void anOptimizerEntryWithAnEmptyParameterIdIsRefused() throws IOException {
        Path ck = CheckpointIO.write(checkpoint(1, Map.of("main", state("adam", 1, 1f))), dir.resolve("step-1"));
        Path file = ck.resolve("optimizer-0.bin");
        try (OutputStream out = Files.newOutputStream(file)) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            arrays.put("/m", manager.create(new float[] {1f, 1f}));
            arrays.put("/#step", manager.create(1L));
            NamedArrays.write(out, arrays);
        }
        ObjectNode manifest = (ObjectNode) JSON.readTree(ck.resolve(CheckpointIO.MANIFEST).toFile());
        ((ObjectNode) manifest.path("files")).put("optimizer-0.bin", CheckpointIO.sha256(file));
        JSON.writeValue(ck.resolve(CheckpointIO.MANIFEST).toFile(), manifest);
        assertThatThrownBy(() -> CheckpointIO.read(ck, manager)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed entry '/m'");
    }
}
