package io.artifex.data.audio;

import io.artifex.data.DataLimits;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads RIFF/WAVE files: integer PCM of 8 (unsigned), 16, 24 or 32 bits, IEEE float of 32 or 64
 * bits, in the plain or the {@code WAVE_FORMAT_EXTENSIBLE} header, with any number of channels up
 * to {@link #MAX_CHANNELS}. The header is checked first (chunk layout, format, channels, rate,
 * block alignment), then the declared payload against the sample ceiling, and only then is the
 * payload read, with its exact declared length. Chunks other than {@code fmt } and {@code data}
 * are skipped. Thread-safety: stateless and thread-safe.
 */
public final class WavReader {

    /** The most channels a file may declare. */
    public static final int MAX_CHANNELS = 64;

    /** The highest sample rate accepted, in Hz (FLAC's limit, 2^20 - 1). */
    public static final int MAX_SAMPLE_RATE = 1_048_575;

    private static final int PCM = 1;
    private static final int IEEE_FLOAT = 3;
    private static final int EXTENSIBLE = 0xFFFE;
    /** The 14 bytes after the format code in an extensible header's sub-format GUID. */
    private static final byte[] GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00,
        (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private WavReader() {
    }

    /** Reads a WAV file with the default sample ceiling {@link DataLimits#DEFAULT_MAX_AUDIO_SAMPLES}. */
    public static AudioClip read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString(), DataLimits.DEFAULT_MAX_AUDIO_SAMPLES);
        }
    }

    /**
     * Reads a WAV stream; {@code name} is used in errors.
     *
     * @param maxSamples the most samples (frames times channels) the file may declare
     * @throws AudioFormatException if the stream is not a readable WAV file, or declares more samples
     */
    public static AudioClip read(InputStream in, String name, long maxSamples) throws IOException {
        Header h = header(in, name, maxSamples);
        byte[] data = payload(in, name, h);
        return h.isFloat ? floats(data, h, name) : pcm(data, h, name).toClip();
    }

    /**
     * Reads the integer samples of a PCM WAV file exactly (8-bit values centred on 0);
     * {@code name} is used in errors.
     *
     * @throws AudioFormatException if the file is not integer PCM, or not readable as WAV
     */
    public static PcmAudio readPcm(InputStream in, String name, long maxSamples) throws IOException {
        Header h = header(in, name, maxSamples);
        if (h.isFloat) {
            throw new AudioFormatException(name, "holds IEEE float samples, not integer PCM");
        }
        return pcm(payload(in, name, h), h, name);
    }

    /** As {@link #readPcm(InputStream, String, long)} for a file, with the default ceiling. */
    public static PcmAudio readPcm(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return readPcm(in, file.toString(), DataLimits.DEFAULT_MAX_AUDIO_SAMPLES);
        }
    }

    /** What the header declares, checked. */
    private record Header(boolean isFloat, int channels, int sampleRate, int bits, int blockAlign, long dataBytes) {
    }

    private static Header header(InputStream in, String name, long maxSamples) throws IOException {
        byte[] riff = readExactly(in, 12, name, "RIFF header");
        String id = ascii(riff, 0);
        if (!id.equals("RIFF")) {
            throw new AudioFormatException(name, id.equals("RF64") ? "RF64 (64-bit WAV) is not supported"
                    : "not a WAV file: it does not start with 'RIFF'");
        }
        if (!ascii(riff, 8).equals("WAVE")) {
            throw new AudioFormatException(name, "RIFF file of form '" + printable(ascii(riff, 8)) + "', not 'WAVE'");
        }
        int[] fmt = null;
        while (true) {
            byte[] chunk = readOptional(in, 8);
            if (chunk == null) {
                throw new AudioFormatException(name, fmt == null ? "truncated: no 'fmt ' chunk" : "truncated: no 'data' chunk");
            }
            String chunkId = ascii(chunk, 0);
            long size = le32(chunk, 4) & 0xFFFFFFFFL;
            if (chunkId.equals("fmt ")) {
                if (fmt != null) {
                    throw new AudioFormatException(name, "has two 'fmt ' chunks");
                }
                if (size < 16 || size > 1024) {
                    throw new AudioFormatException(name, "'fmt ' chunk of " + size + " bytes (expected 16 to 1024)");
                }
                byte[] body = readExactly(in, (int) (size + (size & 1)), name, "'fmt ' chunk");
                fmt = format(body, (int) size, name);
            } else if (chunkId.equals("data")) {
                if (fmt == null) {
                    throw new AudioFormatException(name, "'data' chunk comes before the 'fmt ' chunk");
                }
                return checked(fmt, size, name, maxSamples);
            } else {
                skip(in, size + (size & 1), name, chunkId);
            }
        }
    }

    /** Parses a fmt chunk into {isFloat, channels, rate, bits, blockAlign}. */
    private static int[] format(byte[] b, int size, String name) throws AudioFormatException {
        int tag = le16(b, 0);
        int channels = le16(b, 2);
        int rate = le32(b, 4);
        int blockAlign = le16(b, 12);
        int bits = le16(b, 14);
        if (tag == EXTENSIBLE) {
            if (size < 40) {
                throw new AudioFormatException(name, "WAVE_FORMAT_EXTENSIBLE header of " + size + " bytes (expected 40)");
            }
            int validBits = le16(b, 18);
            if (validBits > bits || validBits == 0 && bits == 0) {
                throw new AudioFormatException(name, "valid bits " + validBits + " exceed the container's " + bits);
            }
            for (int i = 0; i < GUID_TAIL.length; i++) {
                if (b[26 + i] != GUID_TAIL[i]) {
                    throw new AudioFormatException(name, "WAVE_FORMAT_EXTENSIBLE with an unknown sub-format GUID");
                }
            }
            tag = le16(b, 24);
        }
        if (tag != PCM && tag != IEEE_FLOAT) {
            throw new AudioFormatException(name, "unsupported encoding: format code " + tag
                    + (tag == 6 ? " (A-law)" : tag == 7 ? " (mu-law)" : tag == 2 ? " (ADPCM)" : "")
                    + "; supported: integer PCM (1) and IEEE float (3)");
        }
        boolean isFloat = tag == IEEE_FLOAT;
        if (isFloat ? bits != 32 && bits != 64 : bits != 8 && bits != 16 && bits != 24 && bits != 32) {
            throw new AudioFormatException(name, "unsupported encoding: " + bits + "-bit " + (isFloat ? "float" : "PCM")
                    + "; supported: PCM 8/16/24/32-bit and float 32/64-bit");
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new AudioFormatException(name, "declares " + channels + " channels (expected 1 to " + MAX_CHANNELS + ")");
        }
        if (rate < 1 || rate > MAX_SAMPLE_RATE) {
            throw new AudioFormatException(name, "declares sample rate " + Integer.toUnsignedString(rate)
                    + " Hz (expected 1 to " + MAX_SAMPLE_RATE + ")");
        }
        if (blockAlign != channels * (bits / 8)) {
            throw new AudioFormatException(name, "block align " + blockAlign + " does not match " + channels
                    + " channel(s) of " + bits + " bits (expected " + channels * (bits / 8) + ")");
        }
        return new int[] {isFloat ? 1 : 0, channels, rate, bits, blockAlign};
    }

    private static Header checked(int[] fmt, long dataBytes, String name, long maxSamples) throws AudioFormatException {
        int blockAlign = fmt[4];
        if (dataBytes % blockAlign != 0) {
            throw new AudioFormatException(name, "'data' chunk of " + dataBytes + " bytes is not a whole number of "
                    + blockAlign + "-byte frames");
        }
        long frames = dataBytes / blockAlign;
        if (frames == 0) {
            throw new AudioFormatException(name, "zero-length clip: the 'data' chunk holds no samples");
        }
        long samples = frames * fmt[1];
        if (samples > maxSamples || dataBytes > Integer.MAX_VALUE - 16) {
            throw new AudioFormatException(name, "declares " + samples + " samples, more than the limit of " + maxSamples
                    + " (DataLimits.DEFAULT_MAX_AUDIO_SAMPLES unless the caller sets another)");
        }
        return new Header(fmt[0] == 1, fmt[1], fmt[2], fmt[3], blockAlign, dataBytes);
    }

    private static byte[] payload(InputStream in, String name, Header h) throws IOException {
        byte[] data = in.readNBytes((int) h.dataBytes);
        if (data.length != h.dataBytes) {
            throw new AudioFormatException(name, "truncated: the 'data' chunk declares " + h.dataBytes
                    + " bytes but the file holds " + data.length);
        }
        return data;
    }

    private static PcmAudio pcm(byte[] d, Header h, String name) {
        int frames = (int) (h.dataBytes / h.blockAlign);
        int bytes = h.bits / 8;
        int[][] out = new int[h.channels][frames];
        int p = 0;
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < h.channels; c++) {
                int v = switch (bytes) {
                    case 1 -> (d[p] & 0xFF) - 128;
                    case 2 -> (short) ((d[p] & 0xFF) | d[p + 1] << 8);
                    case 3 -> (d[p] & 0xFF) | (d[p + 1] & 0xFF) << 8 | d[p + 2] << 16;
                    default -> le32(d, p);
                };
                out[c][f] = v;
                p += bytes;
            }
        }
        return new PcmAudio(out, h.sampleRate, h.bits);
    }

    private static AudioClip floats(byte[] d, Header h, String name) throws AudioFormatException {
        int frames = (int) (h.dataBytes / h.blockAlign);
        float[][] out = new float[h.channels][frames];
        int p = 0;
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < h.channels; c++) {
                if (h.bits == 32) {
                    out[c][f] = Float.intBitsToFloat(le32(d, p));
                    p += 4;
                } else {
                    long bits = (le32(d, p) & 0xFFFFFFFFL) | (long) le32(d, p + 4) << 32;
                    out[c][f] = (float) Double.longBitsToDouble(bits);
                    p += 8;
                }
            }
        }
        for (int c = 0; c < h.channels; c++) {
            for (int f = 0; f < frames; f++) {
                if (!Float.isFinite(out[c][f])) {
                    throw new AudioFormatException(name, "float sample " + out[c][f] + " at frame " + f + ", channel " + c
                            + " is not finite");
                }
            }
        }
        return new AudioClip(out, h.sampleRate, h.bits);
    }

    private static byte[] readExactly(InputStream in, int n, String name, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new AudioFormatException(name, "truncated " + what + ": expected " + n + " bytes, found " + b.length);
        }
        return b;
    }

    private static byte[] readOptional(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        return b.length == n ? b : null;
    }

    private static void skip(InputStream in, long n, String name, String chunkId) throws IOException {
        long left = n;
        byte[] sink = new byte[8192];
        while (left > 0) {
            int r = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (r < 0) {
                throw new AudioFormatException(name, "truncated: chunk '" + printable(chunkId) + "' declares " + n
                        + " bytes but the file ends " + left + " bytes short");
            }
            left -= r;
        }
    }

    static int le16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    static int le32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    private static String ascii(byte[] b, int p) {
        return new String(b, p, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char ch : s.toCharArray()) {
            out.append(ch >= 32 && ch < 127 ? ch : '?');
        }
        return out.toString();
    }
}
