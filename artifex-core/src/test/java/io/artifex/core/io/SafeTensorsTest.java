package io.artifex.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    @TempDir
    Path dir;

    private static final String HEADER = "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"a\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[8,16]}}";

    /** The expected file, byte by byte: written out here, not produced by the code under test. */
    private static byte[] expectedFile() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // header length 144 = 139 bytes of JSON + 5 spaces of padding to a multiple of 8, as a little-endian u64
        out.writeBytes(new byte[] {(byte) 144, 0, 0, 0, 0, 0, 0, 0});
        out.writeBytes(HEADER.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("     ".getBytes(StandardCharsets.US_ASCII));
        // b = [1.0f, -2.0f]: 0x3F800000, 0xC0000000 little-endian
        out.writeBytes(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0});
        // a = [3L]
        out.writeBytes(new byte[] {3, 0, 0, 0, 0, 0, 0, 0});
        return out.toByteArray();
    }

    @Test
    void theFileIsTheFormatByteByByteAndReadsBack() throws Exception {
        assertThat(HEADER.length()).isEqualTo(139);
        Path file = dir.resolve("t.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            tensors.put("b", m.create(new float[] {1f, -2f}));
            tensors.put("a", m.create(new long[] {3L}));
            SafeTensors.write(file, tensors, Map.of("format", "pt"));
            assertThat(Files.readAllBytes(file)).isEqualTo(expectedFile());

            SafeTensors.Contents back = SafeTensors.read(file, m);
            assertThat(back.metadata()).containsExactly(Map.entry("format", "pt"));
            assertThat(back.tensors().keySet()).containsExactly("b", "a");
            assertThat(back.tensors().get("b").toFloatArray()).containsExactly(1f, -2f);
            assertThat(back.tensors().get("a").getDataType()).isEqualTo(DataType.INT64);
            assertThat(back.tensors().get("a").toLongArray()).containsExactly(3L);
        }
    }

    private Path corrupt(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static byte[] withHeader(String json, int dataBytes) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = h.length;
        for (int i = 0; i < 8; i++) {
            out.write((int) (n >>> (8 * i)));
        }
        out.writeBytes(h);
        out.writeBytes(new byte[dataBytes]);
        return out.toByteArray();
    }

    @Test
    void corruptFilesAreRefusedWithTheFileAndTheProblem() throws Exception {
        byte[] good = expectedFile();
        try (NDManager m = NDManager.newBaseManager()) {
            // a huge declared header is refused before anything is allocated
            byte[] huge = good.clone();
            huge[4] = 1; // 2^32 + 144
            Path hugeFile = corrupt("huge.safetensors", huge);
            assertThatThrownBy(() -> SafeTensors.read(hugeFile, m)).hasMessageContaining(hugeFile.toString())
                    .hasMessageContaining("header length is 4294967440 bytes; the limit is 100000000");

            byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
            Path truncatedFile = corrupt("truncated.safetensors", truncated);
            assertThatThrownBy(() -> SafeTensors.read(truncatedFile, m)).hasMessageContaining(truncatedFile.toString())
                    .hasMessageContaining("13 data bytes but its tensors cover 16 (truncated?)");

            Path overlap = corrupt("overlap.safetensors", withHeader("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],"
                    + "\"data_offsets\":[0,8]},\"y\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8));
            assertThatThrownBy(() -> SafeTensors.read(overlap, m)).hasMessageContaining(overlap.toString())
                    .hasMessageContaining("tensor 'y' starts at data offset 4 but the previous tensor ends at 8 (overlap)");

            Path gap = corrupt("gap.safetensors", withHeader("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],"
                    + "\"data_offsets\":[4,8]}}", 8));
            assertThatThrownBy(() -> SafeTensors.read(gap, m))
                    .hasMessageContaining("tensor 'x' starts at data offset 4 but the data before it ends at 0 (gap)");

            Path wrongSize = corrupt("size.safetensors", withHeader("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],"
                    + "\"data_offsets\":[0,8]}}", 8));
            assertThatThrownBy(() -> SafeTensors.read(wrongSize, m))
                    .hasMessageContaining("tensor 'x' has data_offsets [0,8] (8 bytes) but its shape [3] of F32 needs 12 bytes");

            Path dtype = corrupt("dtype.safetensors", withHeader("{\"x\":{\"dtype\":\"Q4\",\"shape\":[1],"
                    + "\"data_offsets\":[0,1]}}", 1));
            assertThatThrownBy(() -> SafeTensors.read(dtype, m)).hasMessageContaining("tensor 'x' has dtype 'Q4'");

            Path notJson = corrupt("json.safetensors", withHeader("[1,2]   ", 0));
            assertThatThrownBy(() -> SafeTensors.read(notJson, m)).hasMessageContaining(notJson.toString())
                    .hasMessageContaining("not a JSON object");

            Path duplicate = corrupt("dup.safetensors", withHeader("{\"x\":{\"dtype\":\"U8\",\"shape\":[1],"
                    + "\"data_offsets\":[0,1]},\"x\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]}}", 2));
            assertThatThrownBy(() -> SafeTensors.read(duplicate, m)).hasMessageContaining("not valid JSON")
                    .hasMessageContaining("Duplicate field 'x'");
        }
    }

    @Test
    void pyTorchNamesFollowNnSequentialAndBatchNormSpelling() {
        SequentialBlock inner = new SequentialBlock().add(Linear.builder().setUnits(3).build())
                .add(Activation.reluBlock()).add(BatchNorm.builder().build());
        Named net = new Named(inner);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m, DataType.FLOAT32, new Shape(2, 4));
            assertThat(PyTorchNames.of(net).keySet()).containsExactly("trunk.0.weight", "trunk.0.bias",
                    "trunk.2.weight", "trunk.2.bias", "trunk.2.running_mean", "trunk.2.running_var");
        }
    }

    /** A block with one named child, as the model networks are built. */
    static final class Named extends ai.djl.nn.AbstractBlock {
        private final ai.djl.nn.Block trunk;

        Named(ai.djl.nn.Block trunk) {
            this.trunk = addChildBlock("trunk", trunk);
        }

        @Override
        protected ai.djl.ndarray.NDList forwardInternal(ai.djl.training.ParameterStore ps, ai.djl.ndarray.NDList in,
                                                        boolean training, ai.djl.util.PairList<String, Object> params) {
            return trunk.forward(ps, in, training, params);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            return trunk.getOutputShapes(inputs);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            trunk.initialize(manager, dataType, inputShapes);
        }
    }
}
