package io.artifex.data.audio;

import io.artifex.data.DataLimits;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compact FLAC decoder of our own (no LGPL dependency): STREAMINFO, frames with their
 * header CRC-8 and frame CRC-16 checked, subframes CONSTANT, VERBATIM, FIXED (orders 0-4) and
 * LPC (orders 1-32) with wasted bits, Rice-coded residuals in partitions with 4- and 5-bit
 * parameters and escaped (raw) partitions, and inter-channel decorrelation (left/side,
 * side/right, mid/side); 4 to 32 bits per sample, 1 to 8 channels. The MD5 of the decoded
 * samples is compared with STREAMINFO's at the end (unless the encoder left it zero). A
 * leading ID3v2 tag is skipped; other metadata blocks are skipped.
 *
 * <p>The file's size and STREAMINFO's declared sample count are checked against the ceiling
 * before the samples are allocated. Thread-safety: stateless and thread-safe. Verified sample-for-sample
 * against files encoded by the reference {@code flac} tool (see {@code FlacReaderTest}).
 */
public final class FlacReader {

    /** Extra room, beyond 4 bytes a sample, that a file may hold in metadata (pictures, tags). */
    private static final long METADATA_ALLOWANCE = 16L << 20;

    private static final int[] RATES = {0, 88_200, 176_400, 192_000, 8_000, 16_000, 22_050, 24_000, 32_000, 44_100,
        48_000, 96_000};
    private static final int[] DEPTHS = {0, 8, 12, -1, 16, 20, 24, 32};
    private static final int[] CRC8 = new int[256];
    private static final int[] CRC16 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c8 = i;
            int c16 = i << 8;
            for (int b = 0; b < 8; b++) {
                c8 = (c8 & 0x80) != 0 ? (c8 << 1) ^ 0x07 : c8 << 1;
                c16 = (c16 & 0x8000) != 0 ? (c16 << 1) ^ 0x8005 : c16 << 1;
            }
            CRC8[i] = c8 & 0xFF;
            CRC16[i] = c16 & 0xFFFF;
        }
    }

    private FlacReader() {
    }

    /** Decodes a FLAC file with the default ceiling {@link DataLimits#DEFAULT_MAX_AUDIO_SAMPLES}. */
    public static PcmAudio read(Path file) throws IOException {
        long size = Files.size(file);
        long maxBytes = maxFileBytes(DataLimits.DEFAULT_MAX_AUDIO_SAMPLES);
        if (size > maxBytes) {
            throw new AudioFormatException(file.toString(), "file of " + size + " bytes exceeds the limit of "
                    + maxBytes + " bytes for " + DataLimits.DEFAULT_MAX_AUDIO_SAMPLES + " samples");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString(), DataLimits.DEFAULT_MAX_AUDIO_SAMPLES);
        }
    }

    /**
     * Decodes a FLAC stream; {@code name} is used in errors.
     *
     * @param maxSamples the most samples (frames times channels) the stream may hold
     * @throws AudioFormatException if the stream is not valid FLAC, fails a checksum, or is too large
     */
    public static PcmAudio read(InputStream in, String name, long maxSamples) throws IOException {
        return read(in, name, maxSamples, true);
    }

    /**
     * As {@link #read(InputStream, String, long)}; with {@code checksums} false the CRCs and the MD5
     * are not compared, so that a fuzzer's mutations reach the subframe decoding (tests only).
     */
    static PcmAudio read(InputStream in, String name, long maxSamples, boolean checksums) throws IOException {
        long maxBytes = maxFileBytes(maxSamples);
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
        if (data.length > maxBytes) {
            throw new AudioFormatException(name, "file exceeds the limit of " + maxBytes + " bytes for "
                    + maxSamples + " samples");
        }
        return new Decoder(data, name, maxSamples, checksums).decode();
    }

    /** Decodes a FLAC file to floats in [-1, 1) ({@link PcmAudio#toClip()}). */
    public static AudioClip readClip(Path file) throws IOException {
        return read(file).toClip();
    }

    private static long maxFileBytes(long maxSamples) {
        return Math.max(0, maxSamples) * 4 + 8 * 1024 + METADATA_ALLOWANCE;
    }

    /** The decoding state of one stream. */
    private static final class Decoder {
        private final byte[] data;
        private final String name;
        private final long maxSamples;
        private final boolean checksums;
        private final Bits in;
        private int rate;
        private int channels;
        private int depth;
        private long total;
        private int maxBlock;
        private byte[] md5;

        Decoder(byte[] data, String name, long maxSamples, boolean checksums) {
            this.data = data;
            this.name = name;
            this.maxSamples = maxSamples;
            this.checksums = checksums;
            this.in = new Bits(data, name);
        }

        PcmAudio decode() throws IOException {
            metadata();
            int[][] out;
            long done = 0;
            List<int[][]> blocks = total > 0 ? null : new ArrayList<>();
            out = total > 0 ? new int[channels][(int) total] : null;
            long[][] work = new long[channels][Math.max(maxBlock, 16)];
            while (in.bytePos() < data.length) {
                if (total > 0 && done == total) {
                    break; // trailing bytes after the last frame (e.g. an ID3v1 tag) are ignored
                }
                int frameStart = in.bytePos();
                int n = frame(work, frameStart);
                if (total > 0) {
                    if (done + n > total) {
                        throw new AudioFormatException(name, "frame at byte " + frameStart + " goes past the "
                                + total + " samples STREAMINFO declares");
                    }
                    for (int c = 0; c < channels; c++) {
                        copy(work[c], out[c], (int) done, n, frameStart);
                    }
                } else {
                    if ((done + n) * channels > maxSamples) {
                        throw new AudioFormatException(name, "holds more than the limit of " + maxSamples + " samples");
                    }
                    int[][] block = new int[channels][n];
                    for (int c = 0; c < channels; c++) {
                        copy(work[c], block[c], 0, n, frameStart);
                    }
                    blocks.add(block);
                }
                done += n;
            }
            if (total > 0 && done < total) {
                throw new AudioFormatException(name, "truncated: STREAMINFO declares " + total + " samples, the frames hold "
                        + done);
            }
            if (done == 0) {
                throw new AudioFormatException(name, "zero-length clip: the stream holds no samples");
            }
            if (out == null) {
                out = new int[channels][(int) done];
                int p = 0;
                for (int[][] block : blocks) {
                    for (int c = 0; c < channels; c++) {
                        System.arraycopy(block[c], 0, out[c], p, block[c].length);
                    }
                    p += block[0].length;
                }
            }
            checkMd5(out);
            return new PcmAudio(out, rate, depth);
        }

        private void copy(long[] from, int[] to, int at, int n, int frameStart) throws AudioFormatException {
            long lo = -(1L << (depth - 1));
            long hi = (1L << (depth - 1)) - 1;
            for (int i = 0; i < n; i++) {
                long v = from[i];
                if (v < lo || v > hi) {
                    throw new AudioFormatException(name, "frame at byte " + frameStart + " decodes a sample " + v
                            + " outside the " + depth + "-bit range");
                }
                to[at + i] = (int) v;
            }
        }

        private void metadata() throws IOException {
            int p = 0;
            if (data.length >= 10 && data[0] == 'I' && data[1] == 'D' && data[2] == '3') {
                int size = (data[6] & 0x7F) << 21 | (data[7] & 0x7F) << 14 | (data[8] & 0x7F) << 7 | (data[9] & 0x7F);
                p = 10 + size + ((data[5] & 0x10) != 0 ? 10 : 0);
            }
            if (data.length < p + 4 || data[p] != 'f' || data[p + 1] != 'L' || data[p + 2] != 'a' || data[p + 3] != 'C') {
                throw new AudioFormatException(name, "not a FLAC file: no 'fLaC' marker");
            }
            p += 4;
            boolean first = true;
            boolean last = false;
            while (!last) {
                if (p + 4 > data.length) {
                    throw new AudioFormatException(name, "truncated metadata block header at byte " + p);
                }
                last = (data[p] & 0x80) != 0;
                int type = data[p] & 0x7F;
                int length = (data[p + 1] & 0xFF) << 16 | (data[p + 2] & 0xFF) << 8 | (data[p + 3] & 0xFF);
                p += 4;
                if ((long) p + length > data.length) {
                    throw new AudioFormatException(name, "truncated: metadata block of type " + type + " declares "
                            + length + " bytes, " + (data.length - p) + " remain");
                }
                if (first != (type == 0)) {
                    throw new AudioFormatException(name, first ? "first metadata block is type " + type
                            + ", not STREAMINFO (0)" : "has a second STREAMINFO block");
                }
                if (type == 127) {
                    throw new AudioFormatException(name, "metadata block of the invalid type 127");
                }
                if (type == 0) {
                    streamInfo(p, length);
                }
                first = false;
                p += length;
            }
            in.seekByte(p);
        }

        private void streamInfo(int p, int length) throws IOException {
            if (length != 34) {
                throw new AudioFormatException(name, "STREAMINFO of " + length + " bytes (expected 34)");
            }
            Bits b = new Bits(data, name);
            b.seekByte(p);
            int minBlock = (int) b.read(16);
            maxBlock = (int) b.read(16);
            b.read(24);
            b.read(24);
            rate = (int) b.read(20);
            channels = (int) b.read(3) + 1;
            depth = (int) b.read(5) + 1;
            total = b.read(36);
            md5 = Arrays.copyOfRange(data, p + 18, p + 34);
            if (rate == 0) {
                throw new AudioFormatException(name, "STREAMINFO declares sample rate 0");
            }
            if (depth < 4) {
                throw new AudioFormatException(name, "STREAMINFO declares " + depth + " bits per sample (expected 4 to 32)");
            }
            if (minBlock > maxBlock) {
                throw new AudioFormatException(name, "STREAMINFO block sizes: minimum " + minBlock + " exceeds maximum "
                        + maxBlock);
            }
            if (total * channels > maxSamples) {
                throw new AudioFormatException(name, "declares " + total * channels + " samples, more than the limit of "
                        + maxSamples + " (DataLimits.DEFAULT_MAX_AUDIO_SAMPLES unless the caller sets another)");
            }
        }

        /** Decodes one frame into {@code work}; returns its block size. */
        private int frame(long[][] work, int start) throws IOException {
            if (in.read(14) != 0x3FFE) {
                throw new AudioFormatException(name, "lost frame sync at byte " + start + " (corrupt or not FLAC audio)");
            }
            if (in.read(1) != 0) {
                throw new AudioFormatException(name, "frame at byte " + start + " sets a reserved bit");
            }
            in.read(1); // blocking strategy: fixed or variable, the same decoding either way
            int blockCode = (int) in.read(4);
            int rateCode = (int) in.read(4);
            int channelCode = (int) in.read(4);
            int depthCode = (int) in.read(3);
            if (in.read(1) != 0) {
                throw new AudioFormatException(name, "frame at byte " + start + " sets a reserved bit");
            }
            utf8Number(start);
            int blockSize = switch (blockCode) {
                case 0 -> throw new AudioFormatException(name, "frame at byte " + start + " uses the reserved block size code 0");
                case 1 -> 192;
                case 2, 3, 4, 5 -> 576 << (blockCode - 2);
                case 6 -> (int) in.read(8) + 1;
                case 7 -> (int) in.read(16) + 1;
                default -> 256 << (blockCode - 8);
            };
            int frameRate;
            if (rateCode == 0) {
                frameRate = rate;
            } else if (rateCode < 12) {
                frameRate = RATES[rateCode];
            } else if (rateCode == 12) {
                frameRate = (int) in.read(8) * 1000;
            } else if (rateCode == 13) {
                frameRate = (int) in.read(16);
            } else if (rateCode == 14) {
                frameRate = (int) in.read(16) * 10;
            } else {
                throw new AudioFormatException(name, "frame at byte " + start + " uses the invalid sample rate code 15");
            }
            int crc = crc8(start, in.bytePos());
            if (in.read(8) != crc && checksums) {
                throw new AudioFormatException(name, "frame header at byte " + start + " fails its CRC-8 (corrupt file)");
            }
            if (frameRate != rate) {
                throw new AudioFormatException(name, "frame at byte " + start + " has sample rate " + frameRate
                        + " Hz, STREAMINFO " + rate + " Hz");
            }
            int frameDepth = depthCode == 0 ? depth : DEPTHS[depthCode];
            if (frameDepth != depth) {
                throw new AudioFormatException(name, "frame at byte " + start + " has "
                        + (frameDepth < 0 ? "the reserved sample size code 3" : frameDepth + " bits per sample, STREAMINFO "
                        + depth));
            }
            int frameChannels = channelCode < 8 ? channelCode + 1 : channelCode <= 10 ? 2 : -1;
            if (frameChannels < 0) {
                throw new AudioFormatException(name, "frame at byte " + start + " uses the reserved channel assignment "
                        + channelCode);
            }
            if (frameChannels != channels) {
                throw new AudioFormatException(name, "frame at byte " + start + " has " + frameChannels
                        + " channel(s), STREAMINFO " + channels);
            }
            if (blockSize > work[0].length) {
                if (maxBlock != 0 && blockSize > maxBlock) {
                    throw new AudioFormatException(name, "frame at byte " + start + " has block size " + blockSize
                            + ", more than STREAMINFO's maximum " + maxBlock);
                }
                for (int c = 0; c < channels; c++) {
                    work[c] = new long[blockSize];
                }
            }
            for (int c = 0; c < channels; c++) {
                boolean side = channelCode == 8 && c == 1 || channelCode == 9 && c == 0 || channelCode == 10 && c == 1;
                subframe(work[c], blockSize, depth + (side ? 1 : 0), start);
            }
            in.alignToByte();
            int crc16 = crc16(start, in.bytePos());
            if (in.read(16) != crc16 && checksums) {
                throw new AudioFormatException(name, "frame at byte " + start + " fails its CRC-16 (corrupt file)");
            }
            decorrelate(work, blockSize, channelCode);
            return blockSize;
        }

        private void utf8Number(int start) throws IOException {
            int first = (int) in.read(8);
            int extra;
            if ((first & 0x80) == 0) {
                extra = 0;
            } else if ((first & 0xE0) == 0xC0) {
                extra = 1;
            } else if ((first & 0xF0) == 0xE0) {
                extra = 2;
            } else if ((first & 0xF8) == 0xF0) {
                extra = 3;
            } else if ((first & 0xFC) == 0xF8) {
                extra = 4;
            } else if ((first & 0xFE) == 0xFC) {
                extra = 5;
            } else if (first == 0xFE) {
                extra = 6;
            } else {
                throw new AudioFormatException(name, "frame at byte " + start + " has an invalid coded frame number");
            }
            for (int i = 0; i < extra; i++) {
                if ((in.read(8) & 0xC0) != 0x80) {
                    throw new AudioFormatException(name, "frame at byte " + start + " has an invalid coded frame number");
                }
            }
        }

        private void subframe(long[] out, int n, int bits, int start) throws IOException {
            if (in.read(1) != 0) {
                throw new AudioFormatException(name, "subframe in frame at byte " + start + " lacks its zero padding bit");
            }
            int type = (int) in.read(6);
            int wasted = 0;
            if (in.read(1) == 1) {
                wasted = (int) Math.min(in.unary() + 1, 64);
            }
            int b = bits - wasted;
            if (b <= 0) {
                throw new AudioFormatException(name, "subframe in frame at byte " + start + " declares " + wasted
                        + " wasted bits of " + bits);
            }
            if (type == 0) {
                Arrays.fill(out, 0, n, in.signed(b));
            } else if (type == 1) {
                for (int i = 0; i < n; i++) {
                    out[i] = in.signed(b);
                }
            } else if (type >= 8 && type <= 12) {
                int order = type - 8;
                warmUp(out, n, order, b, start);
                residual(out, n, order, start);
                fixed(out, n, order);
            } else if (type >= 32) {
                int order = type - 31;
                warmUp(out, n, order, b, start);
                int precision = (int) in.read(4) + 1;
                if (precision == 16) {
                    throw new AudioFormatException(name, "LPC subframe in frame at byte " + start
                            + " uses the invalid coefficient precision code 15");
                }
                int shift = (int) in.signed(5);
                if (shift < 0) {
                    throw new AudioFormatException(name, "LPC subframe in frame at byte " + start + " has a negative shift "
                            + shift);
                }
                long[] coefs = new long[order];
                for (int j = 0; j < order; j++) {
                    coefs[j] = in.signed(precision);
                }
                residual(out, n, order, start);
                for (int i = order; i < n; i++) {
                    long sum = 0;
                    for (int j = 0; j < order; j++) {
                        sum += coefs[j] * out[i - 1 - j];
                    }
                    out[i] += sum >> shift;
                }
            } else {
                throw new AudioFormatException(name, "subframe in frame at byte " + start + " uses the reserved type " + type);
            }
            if (wasted > 0) {
                for (int i = 0; i < n; i++) {
                    out[i] <<= wasted;
                }
            }
        }

        private void warmUp(long[] out, int n, int order, int bits, int start) throws IOException {
            if (order > n) {
                throw new AudioFormatException(name, "subframe in frame at byte " + start + " has predictor order " + order
                        + " above its block size " + n);
            }
            for (int i = 0; i < order; i++) {
                out[i] = in.signed(bits);
            }
        }

        private void residual(long[] out, int n, int order, int start) throws IOException {
            int method = (int) in.read(2);
            if (method > 1) {
                throw new AudioFormatException(name, "frame at byte " + start + " uses the reserved residual coding method "
                        + method);
            }
            int paramBits = method == 0 ? 4 : 5;
            int escape = method == 0 ? 15 : 31;
            int partitionOrder = (int) in.read(4);
            int partitions = 1 << partitionOrder;
            int perPartition = n >> partitionOrder;
            if (perPartition << partitionOrder != n || perPartition < order) {
                throw new AudioFormatException(name, "frame at byte " + start + " has residual partition order "
                        + partitionOrder + ", which does not fit block size " + n + " and predictor order " + order);
            }
            int i = order;
            for (int p = 0; p < partitions; p++) {
                int count = perPartition - (p == 0 ? order : 0);
                int k = (int) in.read(paramBits);
                if (k == escape) {
                    int raw = (int) in.read(5);
                    for (int j = 0; j < count; j++) {
                        out[i++] = raw == 0 ? 0 : in.signed(raw);
                    }
                } else {
                    for (int j = 0; j < count; j++) {
                        long u = in.unary() << k | in.read(k);
                        out[i++] = (u >>> 1) ^ -(u & 1);
                    }
                }
            }
        }

        private static void fixed(long[] x, int n, int order) {
            for (int i = order; i < n; i++) {
                switch (order) {
                    case 1 -> x[i] += x[i - 1];
                    case 2 -> x[i] += 2 * x[i - 1] - x[i - 2];
                    case 3 -> x[i] += 3 * x[i - 1] - 3 * x[i - 2] + x[i - 3];
                    case 4 -> x[i] += 4 * x[i - 1] - 6 * x[i - 2] + 4 * x[i - 3] - x[i - 4];
                    default -> {
                        return;
                    }
                }
            }
        }

        private static void decorrelate(long[][] w, int n, int code) {
            switch (code) {
                case 8 -> { // left, side: right = left - side
                    for (int i = 0; i < n; i++) {
                        w[1][i] = w[0][i] - w[1][i];
                    }
                }
                case 9 -> { // side, right: left = side + right
                    for (int i = 0; i < n; i++) {
                        w[0][i] += w[1][i];
                    }
                }
                case 10 -> { // mid, side
                    for (int i = 0; i < n; i++) {
                        long side = w[1][i];
                        long mid = w[0][i] << 1 | (side & 1);
                        w[0][i] = (mid + side) >> 1;
                        w[1][i] = (mid - side) >> 1;
                    }
                }
                default -> {
                    // independent channels
                }
            }
        }

        private int crc8(int from, int to) {
            int crc = 0;
            for (int i = from; i < to; i++) {
                crc = CRC8[(crc ^ data[i]) & 0xFF];
            }
            return crc;
        }

        private int crc16(int from, int to) {
            int crc = 0;
            for (int i = from; i < to; i++) {
                crc = ((crc << 8) ^ CRC16[((crc >>> 8) ^ data[i]) & 0xFF]) & 0xFFFF;
            }
            return crc;
        }

        private void checkMd5(int[][] samples) throws AudioFormatException {
            if (!checksums) {
                return;
            }
            boolean unset = true;
            for (byte b : md5) {
                unset &= b == 0;
            }
            if (unset) {
                return;
            }
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JVM offers no MD5 digest, which every Java platform must", e);
            }
            int bytes = (depth + 7) / 8;
            int frames = samples[0].length;
            byte[] buf = new byte[Math.min(frames, 4096) * channels * bytes];
            int p = 0;
            for (int f = 0; f < frames; f++) {
                for (int c = 0; c < channels; c++) {
                    int v = samples[c][f];
                    for (int k = 0; k < bytes; k++) {
                        buf[p++] = (byte) (v >> (8 * k));
                    }
                }
                if (p == buf.length) {
                    digest.update(buf, 0, p);
                    p = 0;
                }
            }
            digest.update(buf, 0, p);
            if (!Arrays.equals(digest.digest(), md5)) {
                throw new AudioFormatException(name, "decoded samples do not match the MD5 in STREAMINFO (corrupt file)");
            }
        }
    }

    /**
     * A big-endian bit reader over a byte array that reports running off the end as truncation.
     * Up to 64 bits wait in a cache, refilled a byte at a time.
     */
    private static final class Bits {
        private final byte[] data;
        private final String name;
        /** Bits consumed from the start of {@code data}. */
        private long pos;
        /** The next byte to load into the cache. */
        private int next;
        private long cache;
        /** Valid bits at the low end of {@code cache}. */
        private int cached;

        Bits(byte[] data, String name) {
            this.data = data;
            this.name = name;
        }

        int bytePos() {
            return (int) (pos >>> 3);
        }

        void seekByte(int p) {
            pos = (long) p << 3;
            next = p;
            cache = 0;
            cached = 0;
        }

        void alignToByte() throws AudioFormatException {
            int r = (int) (pos & 7);
            if (r != 0) {
                read(8 - r);
            }
        }

        private void refill() {
            while (cached <= 56 && next < data.length) {
                cache = cache << 8 | (data[next++] & 0xFF);
                cached += 8;
            }
        }

        /** The next {@code n} bits (0 to 36) as an unsigned value. */
        long read(int n) throws AudioFormatException {
            if (n == 0) {
                return 0;
            }
            if (cached < n) {
                refill();
                if (cached < n) {
                    throw truncated();
                }
            }
            cached -= n;
            pos += n;
            return cache >>> cached & ((1L << n) - 1);
        }

        /** The next {@code n} bits (1 to 33) as a two's complement value. */
        long signed(int n) throws AudioFormatException {
            long v = read(n);
            return v << (64 - n) >> (64 - n);
        }

        /** The number of 0 bits before the next 1 bit, which is consumed. */
        long unary() throws AudioFormatException {
            long count = 0;
            while (true) {
                if (cached == 0) {
                    refill();
                    if (cached == 0) {
                        throw truncated();
                    }
                }
                long window = cached == 64 ? cache : cache & ((1L << cached) - 1);
                if (window == 0) {
                    count += cached;
                    pos += cached;
                    cached = 0;
                } else {
                    int zeros = Long.numberOfLeadingZeros(window) - (64 - cached);
                    cached -= zeros + 1;
                    pos += zeros + 1;
                    return count + zeros;
                }
            }
        }

        private AudioFormatException truncated() {
            return new AudioFormatException(name, "truncated: the stream ends inside a frame at byte " + data.length);
        }
    }
}
