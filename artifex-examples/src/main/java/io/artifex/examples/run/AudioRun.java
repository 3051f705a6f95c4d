package io.artifex.examples.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.config.data.AudioConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.model.ConditionalModel;
import io.artifex.core.random.Rng;
import io.artifex.data.audio.AudioClip;
import io.artifex.data.audio.AudioDatasets;
import io.artifex.data.audio.MuLaw;
import io.artifex.data.audio.WavWriter;
import io.artifex.eval.audio.LogMelSpectrogram;
import io.artifex.eval.audio.SpectrogramImage;
import io.artifex.models.autoregressive.wavenet.WaveNet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the command line does around an audio model: the sample rate of a run's data, and clips of
 * mu-law codes drawn from a {@link WaveNet} decoded ({@link MuLaw#MU_255}) into 16-bit WAV files
 * ({@link WavWriter}).
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class AudioRun {

    /** Pixels per frame and per mel band of the spectrogram pictures written beside sampled clips. */
    private static final int SPECTROGRAM_SCALE = 3;

    private AudioRun() {
    }

    /** Whether {@code data} is {@code dataset: audio}. */
    public static boolean isAudio(DataConfig data) {
        return data != null && AudioDatasets.NAME.equals(data.dataset().trim().toLowerCase(Locale.ROOT));
    }

    /** The sample rate of an audio run's data ({@code data.audio.sampleRate}), when {@code experiment} is one. */
    public static Optional<Integer> sampleRate(Optional<ExperimentConfig> experiment) {
        return experiment.map(ExperimentConfig::data).filter(AudioRun::isAudio).map(AudioRun::sampleRate);
    }

    /** {@code data.audio.sampleRate} (its default when {@code data.audio} is unset). */
    public static int sampleRate(DataConfig data) {
        return (data.audio() == null ? AudioConfig.defaults() : data.audio()).sampleRate();
    }

    /**
     * Draws {@code n} clips of {@code length} samples from {@code model} and writes them as 16-bit
     * WAV files at {@code sampleRate} Hz: {@code out} itself for one clip, otherwise
     * {@code <stem>-0.wav}, {@code <stem>-1.wav}, ... next to it, each with the picture of its
     * log-mel spectrogram beside it ({@link #spectrogramOf}). A class-conditional model draws clip
     * {@code j} for class {@code j mod numClasses}.
     *
     * @return the WAV files written
     */
    public static List<Path> writeSamples(WaveNet model, int n, int length, double temperature, boolean useCache,
                                          int sampleRate, Path out, Rng rng) {
        if (model.numLevels() != MuLaw.MU_255.codes()) {
            throw new IllegalArgumentException("WaveNet '" + model.config().name() + "' has " + model.numLevels()
                    + " levels; its codes are written as audio through 8-bit mu-law, which has "
                    + MuLaw.MU_255.codes() + " (set model.numLevels: 256)");
        }
        List<int[]> clips = draw(model, n, length, temperature, useCache, rng);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path file = n == 1 ? out : numbered(out, i);
            write(file, MuLaw.MU_255.decode(clips.get(i)), sampleRate);
            files.add(file);
        }
        return files;
    }

    /**
     * Draws {@code n} clips of {@code length} codes from {@code model}, one array per clip; a
     * class-conditional model draws clip {@code j} for class {@code j mod numClasses}.
     */
    public static List<int[]> draw(WaveNet model, int n, int length, double temperature, boolean useCache, Rng rng) {
        int[] codes;
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray drawn = model instanceof ConditionalModel conditional
                    ? model.generate(scope.create(classesInTurn(n, conditional.numClasses())), length, temperature,
                            useCache, scope, rng)
                    : model.generate(n, length, temperature, useCache, scope, rng);
            codes = drawn.toIntArray();
        }
        List<int[]> clips = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            clips.add(Arrays.copyOfRange(codes, i * length, (i + 1) * length));
        }
        return clips;
    }

    /** The labels {@code 0, 1, ..., k - 1, 0, 1, ...} of {@code n} clips. */
    public static long[] classesInTurn(int n, int k) {
        long[] labels = new long[n];
        for (int j = 0; j < n; j++) {
            labels[j] = j % k;
        }
        return labels;
    }

    private static Path numbered(Path out, int i) {
        String name = out.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".wav") ? name.substring(0, name.length() - 4) : name;
        return out.resolveSibling(stem + "-" + i + ".wav");
    }

    /**
     * Where the spectrogram picture of the WAV file {@code wav} goes: {@code <stem>.png} next to it
     * ({@link #writeSamples} writes one for every clip).
     */
    public static Path spectrogramOf(Path wav) {
        String name = wav.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".wav") ? name.substring(0, name.length() - 4) : name;
        return wav.resolveSibling(stem + ".png");
    }

    private static void write(Path file, float[] samples, int sampleRate) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            WavWriter.write(file, AudioClip.mono(samples, sampleRate), WavWriter.Encoding.PCM16);
            // the clip's log-mel spectrogram (speech settings), 3 pixels per frame and band
            SpectrogramImage.writePng(LogMelSpectrogram.forSpeech(sampleRate).logMel(samples), SPECTROGRAM_SCALE,
                    spectrogramOf(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
