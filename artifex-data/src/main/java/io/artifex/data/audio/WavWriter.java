package io.artifex.data.audio;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an {@link AudioClip} as a WAV file: 16-bit integer PCM (values rounded and clipped to
 * [-32768, 32767] after scaling by 32768) or 32-bit IEEE float (values as they are). Thread-safety: stateless and
 * thread-safe.
 */
public final class WavWriter {

    /** The sample encodings the writer offers. */
    public enum Encoding {
        /** 16-bit signed integer PCM. */
        PCM16,
        /** 32-bit IEEE float. */
        FLOAT32
    }

    private WavWriter() {
    }

    /** Writes {@code clip} to {@code file} (replacing it) in {@code encoding}. */
    public static void write(Path file, AudioClip clip, Encoding encoding) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, clip, encoding);
        }
    }

    /** Writes {@code clip} to {@code out} in {@code encoding}; does not close {@code out}. */
    public static void write(OutputStream out, AudioClip clip, Encoding encoding) throws IOException {
        if (clip == null || encoding == null) {
            throw new IllegalArgumentException("WavWriter.write: clip and encoding must not be null");
        }
        int channels = clip.channels();
        int bytes = encoding == Encoding.PCM16 ? 2 : 4;
        long dataBytes = (long) clip.frames() * channels * bytes;
        if (dataBytes > 0xFFFFFFFFL - 36) {
            throw new IllegalArgumentException("clip of " + clip.frames() + " frames is too long for a WAV file (4 GiB)");
        }
        byte[] header = new byte[44];
        put(header, 0, "RIFF");
        le32(header, 4, (int) (36 + dataBytes));
        put(header, 8, "WAVE");
        put(header, 12, "fmt ");
        le32(header, 16, 16);
        le16(header, 20, encoding == Encoding.PCM16 ? 1 : 3);
        le16(header, 22, channels);
        le32(header, 24, clip.sampleRate());
        le32(header, 28, clip.sampleRate() * channels * bytes);
        le16(header, 32, channels * bytes);
        le16(header, 34, bytes * 8);
        put(header, 36, "data");
        le32(header, 40, (int) dataBytes);
        out.write(header);
        byte[] frame = new byte[channels * bytes];
        for (int f = 0; f < clip.frames(); f++) {
            for (int c = 0; c < channels; c++) {
                float x = clip.samples()[c][f];
                if (encoding == Encoding.PCM16) {
                    le16(frame, c * 2, pcm16(x));
                } else {
                    le32(frame, c * 4, Float.floatToRawIntBits(x));
                }
            }
            out.write(frame);
        }
    }

    /** {@code x * 32768} rounded to the nearest integer and clipped to the 16-bit range; NaN becomes 0. */
    static int pcm16(float x) {
        if (Float.isNaN(x)) {
            return 0;
        }
        long v = Math.round(x * 32768.0);
        return (int) Math.max(-32768, Math.min(32767, v));
    }

    private static void put(byte[] b, int p, String s) {
        for (int i = 0; i < 4; i++) {
            b[p + i] = (byte) s.charAt(i);
        }
    }

    private static void le16(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >> 8);
    }

    private static void le32(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >> 8);
        b[p + 2] = (byte) (v >> 16);
        b[p + 3] = (byte) (v >> 24);
    }
}
