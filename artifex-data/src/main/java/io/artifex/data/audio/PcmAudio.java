package io.artifex.data.audio;

import java.util.Arrays;

/**
 * Integer PCM samples exactly as a lossless file stores them, for sample-for-sample
 * comparisons and for {@link #toClip()}. Thread-safety: safe for reading; the arrays are not copied.
 *
 * @param samples {@code samples[channel][frame]}, signed, within {@code bitsPerSample} bits
 * @param sampleRate frames per second
 * @param bitsPerSample the bit depth, 4 to 32
 */
public record PcmAudio(int[][] samples, int sampleRate, int bitsPerSample) {

    /** Checks the channel count, equal channel lengths, rate and depth. */
    public PcmAudio {
        if (samples == null || samples.length == 0) {
            throw new IllegalArgumentException("PCM audio must have at least one channel");
        }
        for (int[] channel : samples) {
            if (channel == null || channel.length != samples[0].length) {
                throw new IllegalArgumentException("PCM audio channels must all have " + samples[0].length + " samples");
            }
        }
        if (sampleRate <= 0 || bitsPerSample < 1 || bitsPerSample > 32) {
            throw new IllegalArgumentException("PCM audio needs a positive sampleRate and 1..32 bits per sample, got "
                    + sampleRate + " Hz, " + bitsPerSample + " bit");
        }
    }

    /** The number of channels. */
    public int channels() {
        return samples.length;
    }

    /** The number of frames. */
    public int frames() {
        return samples[0].length;
    }

    /** The samples as floats {@code v / 2^(bitsPerSample-1)}, in [-1, 1). Exact for up to 24 bits. */
    public AudioClip toClip() {
        double scale = 1.0 / (1L << (bitsPerSample - 1));
        float[][] out = new float[samples.length][];
        for (int c = 0; c < samples.length; c++) {
            int[] in = samples[c];
            float[] f = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                f[i] = (float) (in[i] * scale);
            }
            out[c] = f;
        }
        return new AudioClip(out, sampleRate, bitsPerSample);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PcmAudio other && sampleRate == other.sampleRate && bitsPerSample == other.bitsPerSample
                && Arrays.deepEquals(samples, other.samples);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.deepHashCode(samples) + sampleRate) + bitsPerSample;
    }

    @Override
    public String toString() {
        return "PcmAudio[" + channels() + " channel(s), " + frames() + " frames, " + sampleRate + " Hz, "
                + bitsPerSample + " bit]";
    }
}
