package io.artifex.data.audio;

import io.artifex.data.DataLimits;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads an audio file whatever its format, told apart by its first bytes ({@code RIFF}: WAV,
 * {@code fLaC} or an ID3 tag: FLAC), and says which file names the data set readers take.
 * Thread-safety: stateless and thread-safe.
 */
public final class AudioFiles {

    private AudioFiles() {
    }

    /** Whether {@code file}'s name ends in {@code .wav} or {@code .flac} (any case). */
    public static boolean isAudioName(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".wav") || n.endsWith(".flac");
    }

    /** Reads a WAV or FLAC file with the default sample ceiling. */
    public static AudioClip read(Path file) throws IOException {
        return read(file, DataLimits.DEFAULT_MAX_AUDIO_SAMPLES);
    }

    /**
     * Reads a WAV or FLAC file holding at most {@code maxSamples} samples (frames times channels).
     *
     * @throws AudioFormatException naming the file if it is neither format, or not readable as its format
     */
    public static AudioClip read(Path file, long maxSamples) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString(), maxSamples);
        }
    }

    /** Reads a WAV or FLAC stream; {@code name} is used in errors. */
    public static AudioClip read(InputStream stream, String name, long maxSamples) throws IOException {
        InputStream in = stream.markSupported() ? stream : new BufferedInputStream(stream);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        String m = new String(magic, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (m.equals("RIFF") || m.equals("RF64")) {
            return WavReader.read(in, name, maxSamples);
        }
        if (m.equals("fLaC") || m.startsWith("ID3")) {
            return FlacReader.read(in, name, maxSamples).toClip();
        }
        if (magic.length == 0) {
            throw new AudioFormatException(name, "zero-length file");
        }
        throw new AudioFormatException(name, "unsupported audio file: neither WAV (starts with 'RIFF') nor FLAC"
                + " (starts with 'fLaC')");
    }
}
