package io.artifex.data.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The FLAC decoder against files made by the reference encoder (flac 1.4.2; see
 * {@code flac/README.md} next to them), sample for sample against their WAV sources, plus a
 * hand-built frame with an escaped residual partition and corrupted files.
 */
class FlacReaderTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FlacReaderTest.class.getResourceAsStream("flac/" + name)) {
            assertThat(in).as("test resource flac/%s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static PcmAudio flac(byte[] bytes) throws IOException {
        return FlacReader.read(new ByteArrayInputStream(bytes), "t.flac", 1 << 22);
    }

    // planted bugs caught (each fails at least one file): mid/side without the shifted-in low bit; left/side and
    // side/right swapped; FIXED order 3 with +2 instead of +3; LPC shift ignored; wasted bits not shifted back;
    // 5-bit Rice parameters read with 4 bits; 8-bit WAV read as signed
    @ParameterizedTest
    @ValueSource(strings = {"mono16-b1152", "wasted24-b1024", "mono8-fixed-b256", "mono24-b192", "mono32-b2048",
        "stereo16-b576", "three16-b512"})
    void decodesSampleForSampleAsTheWavSource(String file) throws IOException {
        String wav = file.substring(0, file.lastIndexOf('-')).replace("-fixed", "") + ".wav";
        PcmAudio expected = WavReader.readPcm(new ByteArrayInputStream(resource(wav)), wav, 1 << 22);
        PcmAudio decoded = flac(resource(file + ".flac"));
        assertThat(decoded.frames()).isGreaterThan(500);
        assertThat(decoded.sampleRate()).isEqualTo(expected.sampleRate());
        assertThat(decoded.bitsPerSample()).isEqualTo(expected.bitsPerSample());
        assertThat(decoded.channels()).isEqualTo(expected.channels());
        for (int c = 0; c < decoded.channels(); c++) {
            assertThat(decoded.samples()[c]).as("channel %d", c).isEqualTo(expected.samples()[c]);
        }
    }

    @Test
    void readsAFileFromDisk() throws Exception {
        Path file = Path.of(FlacReaderTest.class.getResource("flac/mono16-b1152.flac").toURI());
        AudioClip clip = FlacReader.readClip(file);
        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.frames()).isEqualTo(2560);
    }

    // planted bug caught: an escaped partition decoded as a Rice partition with parameter 15 gives other values
    @Test
    void escapedResidualPartition() throws IOException {
        int[] samples = {5, -3, 0, 63, -64, 1, -1, 7, 9, -20, 30, -40, 50, -60, 2, 0};
        assertThat(flac(escapedStream(samples)).samples()[0]).containsExactly(samples);
    }

    /** fLaC, STREAMINFO (16-bit mono 8 kHz, MD5 unset) and one FIXED order-0 frame whose residual is escaped to 7 raw bits. */
    static byte[] escapedStream(int[] samples) {
        Bits info = new Bits();
        info.put(16, 16).put(16, 16).put(0, 24).put(0, 24).put(8000, 20).put(0, 3).put(15, 5).put(samples.length, 36);
        for (int i = 0; i < 16; i++) {
            info.put(0, 8);
        }
        Bits frame = new Bits();
        frame.put(0x3FFE, 14).put(0, 1).put(0, 1).put(6, 4).put(0, 4).put(0, 4).put(4, 3).put(0, 1);
        frame.put(0, 8); // frame number 0
        frame.put(samples.length - 1, 8); // block size code 6: 8 bits + 1
        frame.put(crc8(frame.bytes()), 8);
        frame.put(0, 1).put(8, 6).put(0, 1); // FIXED, order 0, no wasted bits
        frame.put(0, 2).put(0, 4).put(15, 4).put(7, 5); // Rice, partition order 0, escape, 7 raw bits
        for (int s : samples) {
            frame.put(s & 0x7F, 7);
        }
        frame.align();
        frame.put(crc16(frame.bytes()), 16);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("fLaC".getBytes());
        out.writeBytes(new byte[] {(byte) 0x80, 0, 0, 34});
        out.writeBytes(info.bytes());
        out.writeBytes(frame.bytes());
        return out.toByteArray();
    }

    @Test
    void corruptFilesGetOneLineErrorsNamingTheFile() throws IOException {
        byte[] good = resource("mono16-b1152.flac");
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        assertError(flipped, "fails its CRC-16");
        byte[] header = good.clone();
        header[firstFrame(good) + 5] ^= 0x01; // inside the first frame's header
        assertError(header, "fails its CRC-8");
        assertError(Arrays.copyOf(good, good.length - 100), "truncated");
        byte[] md5 = good.clone();
        md5[8 + 18 + 3] ^= 0x01; // STREAMINFO's MD5 starts 18 bytes into the block
        assertError(md5, "do not match the MD5 in STREAMINFO");
        assertError("RIFF1234WAVE".getBytes(), "not a FLAC file");
        assertError(Arrays.copyOf(good, firstFrame(good)), "truncated: STREAMINFO declares 2560 samples, the frames hold 0");
        byte[] huge = good.clone();
        huge[8 + 13] = (byte) ((huge[8 + 13] & 0xF0) | 0x0F); // total samples 2^32 + ...
        assertError(huge, "more than the limit of 4194304");
        byte[] reserved = escapedStream(new int[16]);
        reserved[reserved.length - 6] = 0x55; // garbles the raw residual; the CRC-16 must notice
        assertError(reserved, "CRC-16");
    }

    /** The offset of the first frame: the first 0xFFF8 sync after the metadata (flac writes a Vorbis comment). */
    private static int firstFrame(byte[] flac) {
        for (int i = 42; i + 1 < flac.length; i++) {
            if ((flac[i] & 0xFF) == 0xFF && (flac[i + 1] & 0xFE) == 0xF8) {
                return i;
            }
        }
        throw new AssertionError("no frame sync");
    }

    private static void assertError(byte[] bytes, String message) {
        assertThatThrownBy(() -> flac(bytes)).isInstanceOf(AudioFormatException.class)
                .hasMessageStartingWith("t.flac: ").hasMessageContaining(message).hasMessageNotContaining("\n");
    }

    @Test
    void declaredSizeIsCheckedBeforeAllocating() {
        // a STREAMINFO declaring 2^35 samples against a ceiling of 1000: refused from the header alone
        byte[] stream = escapedStream(new int[16]);
        stream[8 + 13] = (byte) ((stream[8 + 13] & 0xF0) | 0x08);
        assertThatThrownBy(() -> FlacReader.read(new ByteArrayInputStream(stream), "big.flac", 1000))
                .isInstanceOf(AudioFormatException.class).hasMessageContaining("big.flac: declares 34359738384 samples");
    }

    /** A big-endian bit writer; independent of the decoder's reader. */
    static final class Bits {
        private final List<Integer> bits = new java.util.ArrayList<>();

        Bits put(long value, int n) {
            for (int i = n - 1; i >= 0; i--) {
                bits.add((int) (value >>> i) & 1);
            }
            return this;
        }

        void align() {
            while (bits.size() % 8 != 0) {
                bits.add(0);
            }
        }

        byte[] bytes() {
            byte[] out = new byte[(bits.size() + 7) / 8];
            for (int i = 0; i < bits.size(); i++) {
                out[i / 8] |= (byte) (bits.get(i) << (7 - i % 8));
            }
            return out;
        }
    }

    /** CRC-8, polynomial x^8 + x^2 + x + 1, bit by bit. */
    static int crc8(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }

    /** CRC-16, polynomial x^16 + x^15 + x^2 + 1, bit by bit. */
    static int crc16(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }
        return crc;
    }
}
