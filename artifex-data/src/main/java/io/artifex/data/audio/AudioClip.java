package io.artifex.data.audio;

import java.util.Arrays;

/**
 * Decoded audio: one float array per channel, samples in [-1, 1] for integer sources (a
 * {@code b}-bit PCM value {@code v} becomes {@code v / 2^(b-1)}; 8-bit unsigned WAV is first
 * centred on 0), and as stored for float sources. Immutable in spirit: the arrays are not copied,
 * callers must not change them. Thread-safety: safe for reading.
 *
 * @param samples {@code samples[channel][frame]}; every channel has the same length
 * @param sampleRate frames per second, positive
 * @param bitsPerSample the bit depth of the source (for float sources 32 or 64)
 */
public record AudioClip(float[][] samples, int sampleRate, int bitsPerSample) {

    /** Checks that there is at least one channel, all of one length, and a positive rate. */
    public AudioClip {
        if (samples == null || samples.length == 0) {
            throw new IllegalArgumentException("audio clip must have at least one channel");
        }
        for (float[] channel : samples) {
            if (channel == null || channel.length != samples[0].length) {
                throw new IllegalArgumentException("audio clip channels must all have " + samples[0].length + " samples");
            }
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("audio clip sampleRate must be positive, got " + sampleRate);
        }
    }

    /** A mono clip. */
    public static AudioClip mono(float[] samples, int sampleRate) {
        return new AudioClip(new float[][] {samples}, sampleRate, 32);
    }

    /** The number of channels. */
    public int channels() {
        return samples.length;
    }

    /** The number of frames (samples per channel). */
    public int frames() {
        return samples[0].length;
    }

    /** The duration in seconds. */
    public double seconds() {
        return frames() / (double) sampleRate;
    }

    /** Channel {@code c}'s samples (not copied). */
    public float[] channel(int c) {
        return samples[c];
    }

    /** The clip mixed down to one channel (the mean of the channels); this clip if it is mono. */
    public AudioClip toMono() {
        return channels() == 1 ? this : new AudioClip(new float[][] {AudioOps.mixdown(samples)}, sampleRate, bitsPerSample);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioClip other && sampleRate == other.sampleRate && bitsPerSample == other.bitsPerSample
                && Arrays.deepEquals(samples, other.samples);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.deepHashCode(samples) + sampleRate) + bitsPerSample;
    }

    @Override
    public String toString() {
        return "AudioClip[" + channels() + " channel(s), " + frames() + " frames, " + sampleRate + " Hz, "
                + bitsPerSample + " bit]";
    }
}
