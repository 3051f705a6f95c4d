package io.artifex.data.audio;

import io.artifex.core.config.data.AudioConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.SplitConfig;
import io.artifex.data.Split;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code audio} data set of a {@link DataConfig}: the files under {@code directory} in the
 * layout {@code audio.layout} names, or, with no directory, the embedded six espeak-ng
 * utterances (three speakers, LibriSpeech layout, 16 kHz; see {@code espeak/README.md} among the
 * resources). Thread-safety: stateless and thread-safe.
 *
 * <pre>{@code
 * DataConfig data = DataConfig.builder().dataset("audio")
 *         .audio(AudioConfig.builder().sampleRate(16000).clipLength(4000).build()).build();
 * BatchSource train = DataSources.train(data, 4, 1);   // x: (4, 1, 4000) floats in [-1, 1]
 * }</pre>
 */
public final class AudioDatasets {

    /** The data set name in configs. */
    public static final String NAME = "audio";

    private static final Logger LOG = LoggerFactory.getLogger(AudioDatasets.class);
    private static final String EMBEDDED = "espeak";

    private AudioDatasets() {
    }

    /**
     * The folder of the embedded clips: a directory when the classes are a folder, or a path in
     * the jar's file system (opened once, kept open) when they are packed.
     */
    public static synchronized Path embeddedRoot() {
        URL url = AudioDatasets.class.getResource(EMBEDDED);
        if (url == null) {
            throw new IllegalStateException("the embedded audio clips (resource io/artifex/data/audio/" + EMBEDDED
                    + ") are missing from the class path; is artifex-data's jar complete?");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Path.of(uri);
            }
            FileSystem fs;
            try {
                fs = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(uri);
            }
            return fs.getPath("/io/artifex/data/audio/" + EMBEDDED);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open the embedded audio clips at " + url + ": " + e.getMessage(), e);
        }
    }

    /** The files of {@code split}: under {@code directory} (null: the embedded clips) in {@code audio.layout()}. */
    public static AudioIndex index(AudioConfig audio, Path directory, Split split, SplitConfig rule) throws IOException {
        AudioConfig a = audio == null ? AudioConfig.defaults() : audio;
        Path root = directory == null ? embeddedRoot() : directory;
        AudioIndex index = "folder".equals(a.layout()) ? AudioIndex.folder(root, split, rule)
                : AudioIndex.librispeech(root, split, rule);
        LOG.debug("audio {} split from {} ({} layout): {} files, {} labels", split, directory == null ? "the embedded clips"
                : directory, a.layout(), index.items().size(), index.labelNames().size());
        return index;
    }

    /**
     * The batch source of {@code split} that {@code config} describes ({@code config.audio()}, or its
     * defaults when null; {@code directory}; {@code split} as the hold-out rule).
     *
     * @throws UncheckedIOException if a folder cannot be listed
     * @throws IllegalArgumentException if the folder does not have the layout's shape
     */
    public static AudioBatchSource source(DataConfig config, Split split, int batchSize, long seed, boolean shuffle) {
        AudioConfig audio = config.audio() == null ? AudioConfig.defaults() : config.audio();
        Path directory = config.directory() == null || config.directory().isBlank() ? null : Path.of(config.directory());
        try {
            AudioIndex index = index(audio, directory, split, config.split());
            if (split == Split.TRAIN) {
                LOG.info("audio data from {} ({} layout): {} training files, {} labels; clips of {} samples at {} Hz{}{}{}",
                        directory == null ? "the embedded espeak-ng clips" : directory, audio.layout(),
                        index.items().size(), index.labelNames().size(), audio.clipLength(), audio.sampleRate(),
                        audio.mono() ? ", mono" : "", audio.muLaw() ? ", mu-law codes" : "",
                        audio.resample() ? ", resampled where needed" : "");
            }
            return AudioBatchSource.builder(index).config(audio).batchSize(batchSize).seed(seed).shuffle(shuffle).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list audio data set " + (directory == null ? "(embedded)" : directory)
                    + ": " + e.getMessage(), e);
        }
    }
}
