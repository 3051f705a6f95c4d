package io.artifex.data.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.artifex.core.config.data.AudioConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.SplitConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.data.DataSources;
import io.artifex.data.Split;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audio data sets end to end: the embedded LibriSpeech-layout clips through
 * {@link DataSources}, split by speaker; crops checked against the decoded files; a labelled
 * folder of WAV files; bad files and rate mismatches refused with the file named.
 */
class AudioDatasetTest {

    private static DataConfig embedded(AudioConfig audio) {
        return DataConfig.builder().dataset("audio").audio(audio).build();
    }

    // planted bug caught: the speaker hold-out inverted for one split (a speaker in both splits, or in neither)
    @Test
    void embeddedClipsAreSplitBySpeakerAndServedAsCrops() {
        AudioConfig audio = AudioConfig.builder().clipLength(4000).build();
        BatchSource train = DataSources.train(embedded(audio), 4, 1);
        BatchSource test = DataSources.test(embedded(audio), 4, 1);
        assertThat(train.size()).isEqualTo(4);
        assertThat(test.size()).isEqualTo(2);
        assertThat(train.exampleShape().getShape()).containsExactly(1, 4000);
        Set<String> trainSpeakers = speakers((AudioBatchSource) train);
        Set<String> testSpeakers = speakers((AudioBatchSource) test);
        assertThat(trainSpeakers).hasSize(2).doesNotContainAnyElementsOf(testSpeakers);
        assertThat(testSpeakers).hasSize(1);
        assertThat(((AudioBatchSource) test).index().items()).allMatch(i -> !i.transcript().isEmpty());
        AudioIndex all = ((AudioBatchSource) train).index();
        assertThat(all.labelNames()).containsExactly("101", "202", "303");
        java.util.Map<String, String> transcripts = new java.util.HashMap<>();
        ((AudioBatchSource) train).index().items().forEach(i -> transcripts.put(i.id(), i.transcript()));
        ((AudioBatchSource) test).index().items().forEach(i -> transcripts.put(i.id(), i.transcript()));
        assertThat(transcripts).containsEntry("101-1-0000", "ONE TWO THREE").containsEntry("303-1-0001", "A THIRD VOICE")
                .hasSize(6);
        try (NDManager m = NDManager.newBaseManager()) {
            Batch b = train.epoch(0).next(m);
            assertThat(b.x().getShape().getShape()).containsExactly(4, 1, 4000);
            assertThat(b.x().getDataType()).isEqualTo(DataType.FLOAT32);
            float[] x = b.x().toFloatArray();
            double max = 0;
            for (float v : x) {
                max = Math.max(max, Math.abs(v));
            }
            assertThat(max).isGreaterThan(0.05).isLessThanOrEqualTo(1.0);
            long[] labels = b.labels().orElseThrow().toLongArray();
            assertThat(labels).hasSize(4);
            Set<Long> testLabels = Arrays.stream(test.epoch(0).next(m).labels().orElseThrow().toLongArray()).boxed()
                    .collect(Collectors.toSet());
            assertThat(Arrays.stream(labels).boxed().collect(Collectors.toSet())).doesNotContainAnyElementsOf(testLabels);
        }
    }

    private static Set<String> speakers(AudioBatchSource source) {
        return source.index().items().stream().map(AudioItem::speaker).collect(Collectors.toSet());
    }

    // planted bugs caught: the crop seed not depending on the epoch (same crops every epoch); a crop that is not a
    // window of the decoded file (e.g. an off-by-one copy)
    @Test
    void cropsAreSeededWindowsOfTheDecodedFile() throws IOException {
        AudioBatchSource source = (AudioBatchSource) DataSources.train(embedded(AudioConfig.builder().clipLength(3000)
                .build()), 2, 5);
        float[] whole = FlacReader.read(source.index().items().get(0).file()).toClip().channel(0);
        float[] epoch0 = source.example(0, 0)[0];
        assertThat(offsetIn(whole, epoch0)).isGreaterThanOrEqualTo(0);
        assertThat(source.example(0, 0)[0]).containsExactly(epoch0);
        Set<Integer> offsets = new HashSet<>();
        for (long epoch = 0; epoch < 6; epoch++) {
            offsets.add(offsetIn(whole, source.example(0, epoch)[0]));
        }
        assertThat(offsets).doesNotContain(-1).hasSizeGreaterThan(1);
    }

    /** Where {@code window} occurs in {@code whole}, or -1. */
    private static int offsetIn(float[] whole, float[] window) {
        for (int s = 0; s + window.length <= whole.length; s++) {
            if (Arrays.equals(whole, s, s + window.length, window, 0, window.length)) {
                return s;
            }
        }
        return -1;
    }

    // planted bug caught: mu-law applied to the crop before normalisation or to other samples than the float batch
    @Test
    void muLawCodesAreTheCodesOfTheFloatBatch() {
        AudioConfig floats = AudioConfig.builder().clipLength(2000).normalise("peak").build();
        AudioConfig codes = floats.toBuilder().muLaw(true).build();
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = DataSources.train(embedded(floats), 3, 9).epoch(2).next(m).x().toFloatArray();
            Batch coded = DataSources.train(embedded(codes), 3, 9).epoch(2).next(m);
            assertThat(coded.x().getDataType()).isEqualTo(DataType.INT32);
            int[] c = coded.x().toIntArray();
            assertThat(c).containsExactly(MuLaw.MU_255.encode(x));
            assertThat(Arrays.stream(c).max().orElseThrow()).isLessThanOrEqualTo(255);
            double peak = 0;
            for (float v : x) {
                peak = Math.max(peak, Math.abs(v));
            }
            assertThat(peak).isLessThanOrEqualTo(1.0).isGreaterThan(0.3);
        }
    }

    @Test
    void aRateMismatchIsRefusedUnlessResamplingIsConfigured() {
        AudioConfig eightK = AudioConfig.builder().sampleRate(8000).clipLength(2000).build();
        try (NDManager m = NDManager.newBaseManager()) {
            EpochIterator it = DataSources.train(embedded(eightK), 2, 1).epoch(0);
            assertThatThrownBy(() -> it.next(m)).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(".flac: sample rate 16000 Hz differs from data.audio.sampleRate 8000 Hz")
                    .hasMessageContaining("data.audio.resample: true").hasMessageNotContaining("\n");
            AudioBatchSource resampled = (AudioBatchSource) DataSources.train(embedded(eightK.toBuilder().resample(true)
                    .clipLength(100_000).build()), 2, 1);
            AudioItem item = resampled.index().items().get(0);
            float[] padded = resampled.example(0, 0)[0];
            int frames = Resampler.of(16000, 8000).outputLength(framesOf(item.file()));
            // the whole file fits: the resampled samples, then zero padding up to the clip length
            assertThat(padded[frames - 100]).isNotZero();
            for (int k = frames; k < padded.length; k++) {
                assertThat(padded[k]).isZero();
            }
        }
    }

    private static int framesOf(Path file) {
        try {
            return FlacReader.read(file).frames();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // planted bug caught: labels taken from the file order instead of the sorted subfolder names
    @Test
    void aFolderOfClipsIsLabelledBySubfolder(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("dog"));
        Files.createDirectories(dir.resolve("cat"));
        for (int i = 0; i < 3; i++) {
            WavWriter.write(dir.resolve("dog/d" + i + ".wav"), AudioClip.mono(constant(0.5f, 800), 16000),
                    WavWriter.Encoding.PCM16);
            WavWriter.write(dir.resolve("cat/c" + i + ".wav"), AudioClip.mono(constant(-0.25f, 900), 16000),
                    WavWriter.Encoding.FLOAT32);
        }
        DataConfig data = DataConfig.builder().dataset("audio").directory(dir.toString()).split(SplitConfig.of(0.5, 3))
                .audio(AudioConfig.builder().layout("folder").clipLength(1000).build()).build();
        AudioBatchSource train = (AudioBatchSource) DataSources.train(data, 8, 0);
        AudioBatchSource test = (AudioBatchSource) DataSources.test(data, 8, 0);
        assertThat(train.index().labelNames()).containsExactly("cat", "dog");
        assertThat(train.size() + test.size()).isEqualTo(6);
        assertThat(test.size()).isEqualTo(3);
        Set<Path> trainFiles = train.index().items().stream().map(AudioItem::file).collect(Collectors.toSet());
        assertThat(test.index().items()).noneMatch(i -> trainFiles.contains(i.file()));
        try (NDManager m = NDManager.newBaseManager()) {
            Batch b = train.epoch(0).next(m);
            float[] x = b.x().toFloatArray();
            long[] labels = b.labels().orElseThrow().toLongArray();
            for (int n = 0; n < labels.length; n++) {
                // cat clips are -0.25 for 900 samples, dog clips 0.5 for 800; both zero-padded to 1000
                assertThat(x[n * 1000]).isEqualTo(labels[n] == 0 ? -0.25f : 0.5f);
                assertThat(x[n * 1000 + 950]).isZero();
            }
        }
    }

    // planted bug caught: the test split's labels numbered by its own subfolders (a test 'dog' labelled 0, as 'cat')
    @Test
    void readyMadeTrainAndTestFoldersKeepTheTrainingLabels(@TempDir Path dir) throws IOException {
        for (String path : new String[] {"train/cat/a.wav", "train/dog/b.wav", "test/dog/c.wav"}) {
            Files.createDirectories(dir.resolve(path).getParent());
            WavWriter.write(dir.resolve(path), AudioClip.mono(constant(0.5f, 10), 8000), WavWriter.Encoding.PCM16);
        }
        AudioIndex test = AudioIndex.folder(dir, Split.TEST, SplitConfig.defaults());
        assertThat(test.labelNames()).containsExactly("cat", "dog");
        assertThat(test.items()).singleElement().satisfies(i -> assertThat(i.label()).isEqualTo(1));
        Files.createDirectories(dir.resolve("test/bird"));
        WavWriter.write(dir.resolve("test/bird/d.wav"), AudioClip.mono(constant(0.5f, 10), 8000), WavWriter.Encoding.PCM16);
        assertThatThrownBy(() -> AudioIndex.folder(dir, Split.TEST, SplitConfig.defaults()))
                .hasMessageContaining("label subfolder 'bird' is not among the training labels [cat, dog]");
        WavWriter.write(dir.resolve("train/loose.wav"), AudioClip.mono(constant(0.5f, 10), 8000), WavWriter.Encoding.PCM16);
        assertThatThrownBy(() -> AudioIndex.folder(dir, Split.TRAIN, SplitConfig.defaults()))
                .hasMessageContaining("has audio files both directly in it (e.g. loose.wav) and in label subfolders");
    }

    // planted bugs caught: each channel normalised by its own peak (the balance lost); rms not scaling to 0.1
    @Test
    void stereoKeepsItsChannelsAndNormalisationScalesThemTogether(@TempDir Path dir) throws IOException {
        float[][] lr = {constant(0.25f, 400), constant(-0.125f, 400)};
        WavWriter.write(dir.resolve("a.wav"), new AudioClip(lr, 16000, 16), WavWriter.Encoding.PCM16);
        WavWriter.write(dir.resolve("b.wav"), AudioClip.mono(constant(0.5f, 400), 16000), WavWriter.Encoding.PCM16);
        AudioIndex both = new AudioIndex(java.util.List.of(item(dir, "a.wav"), item(dir, "b.wav")), java.util.List.of());
        AudioConfig stereoPeak = AudioConfig.builder().mono(false).normalise("peak").clipLength(300).build();
        AudioBatchSource source = AudioBatchSource.builder(both).config(stereoPeak).shuffle(false).batchSize(1).build();
        assertThat(source.exampleShape().getShape()).containsExactly(2, 300);
        try (NDManager m = NDManager.newBaseManager()) {
            EpochIterator it = source.epoch(0);
            float[] x = it.next(m).x().toFloatArray();
            assertThat(x[0]).isEqualTo(1f);
            assertThat(x[300]).isEqualTo(-0.5f);
            assertThatThrownBy(() -> it.next(m)).hasMessageContaining("b.wav: has 1 channel(s), the first file 2;"
                    + " set data.audio.mono: true");
        }
        AudioConfig monoRms = AudioConfig.builder().normalise("rms").clipLength(300).build();
        float[] mono = AudioBatchSource.builder(both).config(monoRms).shuffle(false).build().example(1, 0)[0];
        assertThat(mono[0]).isEqualTo(0.1f);
    }

    // planted bugs caught: data.audio.level ignored (the fixed 1.0/0.1 targets used); gainDb ignored or applied after clipping
    @Test
    void configuredLevelAndGainSetTheLoudness(@TempDir Path dir) throws IOException {
        WavWriter.write(dir.resolve("b.wav"), AudioClip.mono(constant(0.5f, 400), 16000), WavWriter.Encoding.PCM16);
        AudioIndex one = new AudioIndex(java.util.List.of(item(dir, "b.wav")), java.util.List.of());
        AudioConfig base = AudioConfig.builder().clipLength(300).build();
        java.util.function.Function<AudioConfig, Float> first = c ->
                AudioBatchSource.builder(one).config(c).shuffle(false).build().example(0, 0)[0][0];
        assertThat(first.apply(base.toBuilder().normalise("rms").level(0.2).build())).isCloseTo(0.2f, within(1e-6f));
        assertThat(first.apply(base.toBuilder().normalise("peak").level(0.25).gainDb(-20 * Math.log10(2)).build()))
                .isCloseTo(0.125f, within(1e-6f));
        assertThat(first.apply(base.toBuilder().gainDb(20 * Math.log10(1.5)).build())).isCloseTo(0.75f, within(1e-6f));
        assertThat(first.apply(base.toBuilder().normalise("peak").gainDb(6).build())).isEqualTo(1f);
    }

    private static float[] constant(float v, int n) {
        float[] x = new float[n];
        Arrays.fill(x, v);
        return x;
    }

    @Test
    void badFilesStopTheEpochWithTheFileNamed(@TempDir Path dir) throws IOException {
        WavWriter.write(dir.resolve("a.wav"), AudioClip.mono(constant(0.1f, 100), 16000), WavWriter.Encoding.PCM16);
        byte[] whole = Files.readAllBytes(dir.resolve("a.wav"));
        Files.write(dir.resolve("b.wav"), Arrays.copyOf(whole, whole.length - 20));
        Files.write(dir.resolve("c.wav"), WavBytes.wav(1, 1, 16000, 16, new byte[0], false));
        Files.write(dir.resolve("d.flac"), "not audio".getBytes());
        AudioIndex all = AudioIndex.folder(dir, Split.TRAIN, SplitConfig.of(0.25, 0));
        AudioIndex every = new AudioIndex(java.util.List.of(item(dir, "a.wav"), item(dir, "b.wav"), item(dir, "c.wav"),
                item(dir, "d.flac")), java.util.List.of());
        assertThat(all.items()).hasSize(3);
        AudioBatchSource source = AudioBatchSource.builder(every).config(AudioConfig.builder().clipLength(50).build())
                .shuffle(false).batchSize(1).build();
        try (NDManager m = NDManager.newBaseManager()) {
            EpochIterator it = source.epoch(0);
            assertThat(it.next(m).x().getShape().getShape()).containsExactly(1, 1, 50);
            assertThatThrownBy(() -> it.next(m)).hasMessageContaining("b.wav: truncated");
            assertThatThrownBy(() -> it.next(m)).hasMessageContaining("c.wav: zero-length clip");
            assertThatThrownBy(() -> it.next(m)).hasMessageContaining("d.flac: unsupported audio file");
        }
        assertThatThrownBy(() -> AudioIndex.librispeech(dir.resolve("missing"), Split.TRAIN, SplitConfig.defaults()))
                .hasMessageContaining("missing does not exist or is not a folder");
        assertThatThrownBy(() -> AudioIndex.librispeech(dir, Split.TRAIN, SplitConfig.defaults()))
                .hasMessageContaining("holds no .flac or .wav files in speaker/chapter/ subfolders");
    }

    private static AudioItem item(Path dir, String name) {
        return new AudioItem(dir.resolve(name), name, -1, "", "");
    }
}
