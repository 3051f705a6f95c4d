package io.artifex.data.audio;

import java.io.ByteArrayOutputStream;

/** Builds WAV files byte by byte for tests, independently of {@link WavWriter}. */
final class WavBytes {

    private WavBytes() {
    }

    /** A WAV file with a 16-byte fmt chunk (or a 40-byte extensible one) and {@code data} as its payload. */
    static byte[] wav(int formatTag, int channels, int rate, int bits, byte[] data, boolean extensible) {
        ByteArrayOutputStream fmt = new ByteArrayOutputStream();
        le16(fmt, extensible ? 0xFFFE : formatTag);
        le16(fmt, channels);
        le32(fmt, rate);
        le32(fmt, rate * channels * bits / 8);
        le16(fmt, channels * bits / 8);
        le16(fmt, bits);
        if (extensible) {
            le16(fmt, 22);
            le16(fmt, bits);
            le32(fmt, 0);
            le16(fmt, formatTag);
            fmt.writeBytes(new byte[] {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00,
                0x38, (byte) 0x9B, 0x71});
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes());
        le32(out, 4 + 8 + fmt.size() + 8 + data.length);
        out.writeBytes("WAVE".getBytes());
        out.writeBytes("LIST".getBytes()); // a chunk the reader must skip (odd size, so padded)
        le32(out, 3);
        out.writeBytes(new byte[] {1, 2, 3, 0});
        out.writeBytes("fmt ".getBytes());
        le32(out, fmt.size());
        out.writeBytes(fmt.toByteArray());
        out.writeBytes("data".getBytes());
        le32(out, data.length);
        out.writeBytes(data);
        return out.toByteArray();
    }

    static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >> 8) & 0xFF);
    }

    static void le32(ByteArrayOutputStream out, int v) {
        le16(out, v & 0xFFFF);
        le16(out, (v >>> 16) & 0xFFFF);
    }
}
