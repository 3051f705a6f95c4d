package io.artifex.data.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    private static byte[] ramp(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 37 + 200);
        }
        return b;
    }

    @Test
    void readsRawAndGzipIdenticallyWhateverTheFileName() throws IOException {
        byte[] payload = ramp(2 * 3 * 4);
        Path raw = IdxFiles.writeUbyte(dir.resolve("images.gz"), new int[] {2, 3, 4}, payload, false);
        Path gz = IdxFiles.writeUbyte(dir.resolve("images.raw"), new int[] {2, 3, 4}, payload, true);
        for (Path p : new Path[] {raw, gz}) {
            IdxArray a = IdxReader.readImages(p);
            assertThat(a.type()).isEqualTo(IdxType.UBYTE);
            assertThat(a.dims()).containsExactly(2, 3, 4);
            assertThat(a.data()).containsExactly(payload);
            assertThat(a.unsignedByte(0)).isEqualTo(200);
            assertThat(a.unsignedByte(1)).isEqualTo((237) & 0xFF);
        }
    }

    @Test
    void readsOtherElementTypesBigEndian() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(12);
        buf.putFloat(1.5f).putFloat(-2.25f).putFloat(1e-3f);
        IdxArray floats = IdxReader.read(IdxFiles.write(dir.resolve("f"), IdxFiles.bytes(0x0D, new int[] {3}, buf.array()), false));
        assertThat(floats.type()).isEqualTo(IdxType.FLOAT);
        assertThat(floats.toFloatArray()).containsExactly(1.5f, -2.25f, 1e-3f);
        ByteBuffer ints = ByteBuffer.allocate(8).putInt(-7).putInt(65536);
        IdxArray i = IdxReader.read(IdxFiles.write(dir.resolve("i"), IdxFiles.bytes(0x0C, new int[] {1, 2}, ints.array()), false));
        assertThat(i.toFloatArray()).containsExactly(-7f, 65536f);
        assertThat(i.size()).isEqualTo(2);
    }

    @Test
    void truncatedPayloadNamesFileAndByteCounts() throws IOException {
        Path p = IdxFiles.writeUbyte(dir.resolve("short"), new int[] {2, 5}, new byte[7], false);
        assertThatThrownBy(() -> IdxReader.read(p))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining(p.toString())
                .hasMessageContaining("truncated")
                .hasMessageContaining("need 10 bytes, found 7");
    }

    @Test
    void truncatedHeaderIsReported() throws IOException {
        byte[] full = IdxFiles.bytes(0x08, new int[] {2, 5}, new byte[10]);
        Path p = IdxFiles.write(dir.resolve("hdr"), Arrays.copyOf(full, 6), false);
        assertThatThrownBy(() -> IdxReader.read(p)).isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("dimension 0 of 2 is missing");
    }

    @Test
    void trailingGarbageIsAnError() throws IOException {
        byte[] ok = IdxFiles.bytes(0x08, new int[] {4}, new byte[4]);
        Path p = IdxFiles.write(dir.resolve("trail"), Arrays.copyOf(ok, ok.length + 3), true);
        assertThatThrownBy(() -> IdxReader.read(p)).isInstanceOf(IdxFormatException.class)
                .hasMessageContaining(p.toString()).hasMessageContaining("3 unexpected trailing byte(s)");
    }

    @Test
    void wrongMagicAndUnknownTypeAndBadRankAreRejected() throws IOException {
        byte[] good = IdxFiles.bytes(0x08, new int[] {1}, new byte[1]);
        byte[] badMagic = good.clone();
        badMagic[1] = 0x42;
        Path a = IdxFiles.write(dir.resolve("magic"), badMagic, false);
        assertThatThrownBy(() -> IdxReader.read(a)).isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("bad magic number").hasMessageContaining("00 42 08 01");
        Path b = IdxFiles.write(dir.resolve("type"), IdxFiles.bytes(0x0A, new int[] {1}, new byte[1]), false);
        assertThatThrownBy(() -> IdxReader.read(b)).hasMessageContaining("unknown IDX type code 0x0a");
        Path c = IdxFiles.write(dir.resolve("rank0"), new byte[] {0, 0, 8, 0}, false);
        assertThatThrownBy(() -> IdxReader.read(c)).hasMessageContaining("number of dimensions must be 1..8, found 0");
        Path d = IdxFiles.write(dir.resolve("tiny"), new byte[] {0, 0}, false);
        assertThatThrownBy(() -> IdxReader.read(d)).hasMessageContaining("too short for an IDX header: 2 byte(s)");
    }

    @Test
    void wrongRankOrTypeForImagesAndLabels() throws IOException {
        Path labels = IdxFiles.writeUbyte(dir.resolve("labels"), new int[] {3}, new byte[3], false);
        assertThatThrownBy(() -> IdxReader.readImages(labels)).isInstanceOf(IdxFormatException.class)
                .hasMessageContaining(labels.toString()).hasMessageContaining("expected 3 dimension(s), found 1 [3]");
        Path images = IdxFiles.writeUbyte(dir.resolve("images"), new int[] {1, 2, 2}, new byte[4], false);
        assertThatThrownBy(() -> IdxReader.readLabels(images)).hasMessageContaining("expected 1 dimension(s), found 3");
        Path ints = IdxFiles.write(dir.resolve("ints"), IdxFiles.bytes(0x0C, new int[] {1}, new byte[4]), false);
        assertThatThrownBy(() -> IdxReader.readLabels(ints)).hasMessageContaining("expected element type UBYTE");
    }

    @Test
    void negativeDimensionIsRejected() throws IOException {
        Path p = IdxFiles.write(dir.resolve("neg"), IdxFiles.bytes(0x08, new int[] {-1}, new byte[0]), false);
        assertThatThrownBy(() -> IdxReader.read(p)).hasMessageContaining("dimension 0 is negative: -1");
    }

    @Test
    void corruptAndTruncatedGzipAreReportedAsFormatErrors() throws IOException {
        byte[] content = IdxFiles.bytes(0x08, new int[] {100}, ramp(100));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(content);
        }
        byte[] zipped = gz.toByteArray();
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, Arrays.copyOf(zipped, zipped.length / 2));
        assertThatThrownBy(() -> IdxReader.read(cut)).isInstanceOf(IdxFormatException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("gzip");
        byte[] garbled = zipped.clone();
        for (int i = 12; i < garbled.length - 8; i++) {
            garbled[i] = (byte) 0xFF;
        }
        Path bad = dir.resolve("bad.gz");
        Files.write(bad, garbled);
        assertThatThrownBy(() -> IdxReader.read(bad)).isInstanceOf(IdxFormatException.class)
                .hasMessageContaining(bad.toString());
    }

    @Test
    void missingFileNamesThePath() {
        Path p = dir.resolve("nope-idx1-ubyte");
        assertThatThrownBy(() -> IdxReader.read(p)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(p.toString());
    }
}
