package io.artifex.data.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WAV reading of every supported encoding against hand-built bytes with known values, the
 * writer's round trip, and one-line errors for bad files.
 */
class WavReaderTest {

    private static AudioClip read(byte[] wav) throws IOException {
        return WavReader.read(new ByteArrayInputStream(wav), "t.wav", 1 << 20);
    }

    // planted bug caught: 8-bit samples read as signed (no -128 offset) gives 127 for byte 255 and -128 for 0 swapped
    @Test
    void eightBitIsUnsignedAndCentred() throws IOException {
        AudioClip clip = read(WavBytes.wav(1, 1, 8000, 8, new byte[] {0, (byte) 128, (byte) 255}, false));
        assertThat(clip.channel(0)).containsExactly(-1f, 0f, 127 / 128f);
        assertThat(clip.sampleRate()).isEqualTo(8000);
    }

    // planted bug caught: channels de-interleaved in the wrong order (frame-major vs channel-major)
    @Test
    void sixteenBitStereoIsDeinterleaved() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 1000).putShort((short) -2000).putShort((short) 32767).putShort((short) -32768);
        AudioClip clip = read(WavBytes.wav(1, 2, 16000, 16, b.array(), false));
        assertThat(clip.channel(0)).containsExactly(1000 / 32768f, 32767 / 32768f);
        assertThat(clip.channel(1)).containsExactly(-2000 / 32768f, -1f);
    }

    // planted bug caught: 24-bit values without sign extension (0xFFFFFF read as +16777215)
    @Test
    void twentyFourBitExtensibleIsSignExtended() throws IOException {
        byte[] data = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x00, 0x00, 0x40, 0x00, 0x00, (byte) 0x80};
        PcmAudio pcm = WavReader.readPcm(new ByteArrayInputStream(WavBytes.wav(1, 1, 48000, 24, data, true)), "t.wav",
                100);
        assertThat(pcm.samples()[0]).containsExactly(-1, 1 << 22, -(1 << 23));
        assertThat(pcm.toClip().channel(0)).containsExactly(-1f / (1 << 23), 0.5f, -1f);
    }

    @Test
    void thirtyTwoBitPcmAndFloats() throws IOException {
        ByteBuffer i32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MIN_VALUE).putInt(1 << 30);
        assertThat(read(WavBytes.wav(1, 1, 8000, 32, i32.array(), false)).channel(0)).containsExactly(-1f, 0.5f);
        ByteBuffer f32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.25f).putFloat(-0.75f);
        assertThat(read(WavBytes.wav(3, 1, 8000, 32, f32.array(), true)).channel(0)).containsExactly(0.25f, -0.75f);
        ByteBuffer f64 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.125).putDouble(-1.0);
        AudioClip clip = read(WavBytes.wav(3, 1, 8000, 64, f64.array(), false));
        assertThat(clip.channel(0)).containsExactly(0.125f, -1f);
        assertThat(clip.bitsPerSample()).isEqualTo(64);
    }

    // planted bug caught: pcm16 truncating instead of rounding, or scaling by 32767, changes the read-back values
    @Test
    void pcm16AndFloatRoundTrip(@TempDir Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        float[][] pcm = new float[2][300];
        float[][] any = new float[2][300];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 300; i++) {
                pcm[c][i] = (random.nextInt(65536) - 32768) / 32768f;
                any[c][i] = (float) (random.nextDouble() * 2 - 1);
            }
        }
        AudioClip exact = new AudioClip(pcm, 22050, 16);
        Path f = dir.resolve("a.wav");
        WavWriter.write(f, exact, WavWriter.Encoding.PCM16);
        assertThat(WavReader.read(f)).isEqualTo(exact);
        AudioClip floats = new AudioClip(any, 44100, 32);
        WavWriter.write(f, floats, WavWriter.Encoding.FLOAT32);
        assertThat(WavReader.read(f)).isEqualTo(floats);
        // arbitrary floats through 16 bits: within half a step, and clipped at full scale
        WavWriter.write(f, new AudioClip(any, 44100, 32), WavWriter.Encoding.PCM16);
        AudioClip back = WavReader.read(f);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 300; i++) {
                assertThat((double) back.channel(c)[i]).isCloseTo(any[c][i], org.assertj.core.data.Offset.offset(0.5 / 32768 + 1e-9));
            }
        }
        assertThat(WavWriter.pcm16(1.0f)).isEqualTo(32767);
        assertThat(WavWriter.pcm16(-1.5f)).isEqualTo(-32768);
    }

    @Test
    void badFilesGetOneLineErrorsNamingTheFile() {
        byte[] good = WavBytes.wav(1, 1, 8000, 16, new byte[400], false);
        assertError(Arrays.copyOf(good, good.length - 10), "truncated: the 'data' chunk declares 400 bytes but the file holds 390");
        assertError(Arrays.copyOf(good, 20), "truncated");
        assertError(WavBytes.wav(6, 1, 8000, 8, new byte[4], false), "unsupported encoding: format code 6 (A-law)");
        assertError(WavBytes.wav(1, 1, 8000, 12, new byte[4], false), "unsupported encoding: 12-bit PCM");
        assertError(WavBytes.wav(1, 1, 8000, 16, new byte[0], false), "zero-length clip");
        assertError(WavBytes.wav(1, 0, 8000, 16, new byte[4], false), "declares 0 channels");
        assertError("RIFX....WAVE".getBytes(), "not a WAV file");
        // a header declaring 2^31 bytes of samples is refused before any payload is read or allocated
        byte[] huge = WavBytes.wav(1, 1, 8000, 16, new byte[2], false);
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(huge.length - 6, 0x7FFFFFFE);
        assertError(huge, "declares 1073741823 samples, more than the limit of 1048576");
    }

    private static void assertError(byte[] wav, String message) {
        assertThatThrownBy(() -> read(wav)).isInstanceOf(AudioFormatException.class)
                .hasMessageStartingWith("t.wav: ").hasMessageContaining(message).hasMessageNotContaining("\n");
    }

    @Test
    void writerNeedsAClip() {
        assertThatThrownBy(() -> WavWriter.write(new ByteArrayOutputStream(), null, WavWriter.Encoding.PCM16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clip");
    }
}
