package io.artifex.training.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.artifex.training.optim.OptimizerState;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hand-edited manifests can't steer the reader out of the checkpoint folder or past a checksum,
 * and a write that fails (a full disk, simulated by a stream that runs out of space) leaves no
 * partial folder and never costs the checkpoint already there. Planted bugs these catch:
 * resolving the optimizer {@code file} without the plain-name check (the loader opens
 * {@code ../x} or {@code /etc/passwd}), checking only the file name's checksum entry, checking
 * names after the checksums (a file is opened first), and dropping the clean-up of the
 * temporary folder or the restore of the old checkpoint.
 */
class CheckpointManifestTest {

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

    /** A small checkpoint written straight through CheckpointIO: weights {step, 2}, one Adam state. */
    private Path write(String name, long step) {
        OptimizerState adam = new OptimizerState("adam", Map.of("w",
                new OptimizerState.ParamState(step, Map.of("m", manager.create(new float[] {0.5f, 0.25f})))));
        Checkpoint c = new Checkpoint(step, 0, 0, 7, Map.of("w", manager.create(new float[] {step, 2f})),
                Map.of("main", adam), Map.of(), "{\"trainer\":1}", "{\"model\":1}");
        return CheckpointIO.write(c, dir.resolve(name));
    }

    private static ObjectNode manifest(Path checkpoint) throws IOException {
        return (ObjectNode) JSON.readTree(checkpoint.resolve(CheckpointIO.MANIFEST).toFile());
    }

    private static void save(Path checkpoint, ObjectNode manifest) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(checkpoint.resolve(CheckpointIO.MANIFEST).toFile(), manifest);
    }

    private static void setOptimizerFile(Path checkpoint, String file) throws IOException {
        ObjectNode m = manifest(checkpoint);
        ((ObjectNode) m.path("optimizers").path("main")).put("file", file);
        save(checkpoint, m);
    }

    @Test
    void anOptimizerFileOutsideTheFolderIsRefusedBeforeAnyFileIsOpened() throws Exception {
        Path ck = write("step-1", 1);
        // a corrupt parameters.bin too: the path must be refused before any checksum is computed
        Files.write(ck.resolve("parameters.bin"), new byte[] {1, 2, 3});
        for (String hostile : new String[] {"../x", "/etc/passwd"}) {
            setOptimizerFile(ck, hostile);
            assertThatThrownBy(() -> CheckpointIO.read(ck, manager)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("checkpoint " + ck + " is refused: manifest optimizers.main.file '" + hostile
                            + "' is not a plain file name (no '/', '\\', ':', '.' or '..'; it must name a file in the"
                            + " folder)");
        }
    }

    @Test
    void anOptimizerFileWithoutAChecksumEntryIsRefused() throws Exception {
        Path other = write("step-1", 1);
        Path ck = write("step-2", 2);
        // another checkpoint's optimizer state copied in beside this one's, unlisted in 'files'
        Files.copy(other.resolve("optimizer-0.bin"), ck.resolve("optimizer-9.bin"));
        setOptimizerFile(ck, "optimizer-9.bin");
        assertThatThrownBy(() -> CheckpointIO.read(ck, manager)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint " + ck + " is refused: manifest optimizers.main.file 'optimizer-9.bin' is not"
                        + " a key of 'files' (it has no checksum)");
    }

    @Test
    void aFilesEntryOutsideTheFolderIsRefusedEvenWithTheRightChecksum() throws Exception {
        Path other = write("step-1", 1);
        Path ck = write("step-2", 2);
        ObjectNode m = manifest(ck);
        ((ObjectNode) m.path("files")).put("../step-1/optimizer-0.bin", CheckpointIO.sha256(other.resolve("optimizer-0.bin")));
        save(ck, m);
        assertThatThrownBy(() -> CheckpointIO.read(ck, manager)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint " + ck + " is refused: manifest files entry '../step-1/optimizer-0.bin' is not"
                        + " a plain file name (no '/', '\\', ':', '.' or '..'; it must name a file in the folder)");
    }

    @Test
    void aChecksumMismatchIsRefusedNamingTheFileAndBothDigests() throws Exception {
        Path ck = write("step-1", 1);
        String expected = manifest(ck).path("files").path("optimizer-0.bin").asText();
        Files.copy(write("step-2", 2).resolve("optimizer-0.bin"), ck.resolve("optimizer-0.bin"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String got = CheckpointIO.sha256(ck.resolve("optimizer-0.bin"));
        assertThat(got).isNotEqualTo(expected);
        assertThatThrownBy(() -> CheckpointIO.read(ck, manager)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint file " + ck.resolve("optimizer-0.bin") + " failed its SHA-256 check (expected "
                        + expected + ", got " + got + "): it is corrupt or truncated");
    }

    @Test
    void anUntouchedCheckpointReadsBack() {
        Path ck = write("step-3", 3);
        Checkpoint c = CheckpointIO.read(ck, manager);
        assertThat(c.parameters().get("w").toFloatArray()).containsExactly(3f, 2f);
        assertThat(c.optimizers().get("main").parameters().get("w").slots().get("m").toFloatArray())
                .containsExactly(0.5f, 0.25f);
    }

    /** Streams that hold {@code budget} bytes in all, then fail as a full disk does. */
    private static CheckpointIO.FileSink diskWithRoomFor(long budget) {
        long[] left = {budget};
        return file -> new FilterOutputStream(Files.newOutputStream(file)) {
            @Override
            public void write(int b) throws IOException {
                if (left[0]-- <= 0) {
                    throw new IOException("No space left on device");
                }
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i++) {
                    write(b[off + i]);
                }
            }
        };
    }

    /** The files in the order CheckpointIO writes them. */
    private static final String[] WRITE_ORDER = {"parameters.bin", "ema.bin", "optimizer-0.bin", "trainer-config.json",
        "model-config.json", CheckpointIO.MANIFEST};

    @ParameterizedTest
    @ValueSource(strings = {"parameters.bin", "ema.bin", "optimizer-0.bin", "trainer-config.json", "model-config.json",
        "manifest.json"})
    void aFullDiskLeavesNoPartialFolderAndTheEarlierCheckpointIntact(String failingFile) throws Exception {
        Path target = write("step-1", 1);
        // the newer checkpoint has files of the same sizes: the disk fills half-way through failingFile
        long room = 0;
        for (String f : WRITE_ORDER) {
            long size = Files.size(target.resolve(f));
            if (f.equals(failingFile)) {
                room += size / 2;
                break;
            }
            room += size;
        }
        long budget = room;
        OptimizerState adam = new OptimizerState("adam", Map.of("w",
                new OptimizerState.ParamState(5, Map.of("m", manager.create(new float[] {9f, 9f})))));
        Checkpoint newer = new Checkpoint(5, 1, 0, 7, Map.of("w", manager.create(new float[] {5f, 5f})),
                Map.of("main", adam), Map.of(), "{\"trainer\":1}", "{\"model\":1}");
        assertThatThrownBy(() -> CheckpointIO.write(newer, target, diskWithRoomFor(budget)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot write checkpoint " + target + ": No space left on device");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("step-1");
        }
        Checkpoint kept = CheckpointIO.read(target, manager);
        assertThat(kept.step()).isEqualTo(1);
        assertThat(kept.parameters().get("w").toFloatArray()).containsExactly(1f, 2f);
    }

    @Test
    void aFailedFirstWriteLeavesNothing() throws Exception {
        Checkpoint c = new Checkpoint(1, 0, 0, 7, Map.of("w", manager.create(new float[] {1f})), Map.of(), Map.of(),
                "{}", "{}");
        assertThatThrownBy(() -> CheckpointIO.write(c, dir.resolve("ckpt").resolve("step-1"), diskWithRoomFor(50)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("No space left on device");
        try (Stream<Path> files = Files.list(dir.resolve("ckpt"))) {
            assertThat(files).isEmpty();
        }
    }
}
