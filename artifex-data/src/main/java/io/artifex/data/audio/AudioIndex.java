package io.artifex.data.audio;

import io.artifex.core.config.data.SplitConfig;
import io.artifex.data.EpochOrder;
import io.artifex.data.Split;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one split of an audio data set, found by walking its folders; nothing is
 * decoded here (a {@link AudioBatchSource} decodes each file when a batch needs it). Two layouts:
 *
 * <ul>
 *   <li><b>LibriSpeech</b>: {@code root/speaker/chapter/*.flac} (or {@code .wav}) with
 *       {@code speaker-chapter.trans.txt} transcripts ({@code UTTERANCE-ID TEXT} per line). The label
 *       of a file is its speaker's index among the sorted speakers. The test split holds out a seeded
 *       random {@code round(speakers * testFraction)} speakers (at least one, leaving one), so no
 *       speaker is in both splits.</li>
 *   <li><b>Folder</b>: {@code root/label/...} WAV or FLAC files, the label being the index of the
 *       sorted subfolder names; or files directly in {@code root}, unlabelled. The test split holds
 *       out a seeded random {@code round(files * testFraction)} files.</li>
 * </ul>
 *
 * A root with {@code train/} and {@code test/} subfolders is read as two ready-made splits.
 * Files, folders and speakers are taken in sorted order, so the same tree and rule always give
 * the same split. Thread-safety: immutable and thread-safe.
 *
 * @param items the files of the split, in sorted order
 * @param labelNames the names of the labels (speakers or subfolders), index = label; empty when unlabelled
 */
public record AudioIndex(List<AudioItem> items, List<String> labelNames) {

    private static final Logger LOG = LoggerFactory.getLogger(AudioIndex.class);

    /** Copies the lists. */
    public AudioIndex {
        items = List.copyOf(items);
        labelNames = List.copyOf(labelNames);
    }

    /** Whether the files carry labels. */
    public boolean labelled() {
        return !labelNames.isEmpty();
    }

    /** The {@code split} of a LibriSpeech-layout tree at {@code root}, speakers held out by {@code rule}. */
    public static AudioIndex librispeech(Path root, Split split, SplitConfig rule) throws IOException {
        checkFolder(root);
        if (hasSplitFolders(root)) {
            AudioIndex train = scanLibriSpeech(root.resolve("train"), List.of());
            return split == Split.TRAIN ? train : scanLibriSpeech(root.resolve("test"), train.labelNames);
        }
        AudioIndex all = scanLibriSpeech(root, List.of());
        int n = all.labelNames.size();
        if (n < 2) {
            throw new IllegalArgumentException("LibriSpeech folder " + root + " has " + n + " speaker(s) and no train/ and"
                    + " test/ subfolders: holding out test speakers (data.split) needs at least 2");
        }
        Set<Integer> test = heldOut(n, rule);
        List<AudioItem> chosen = all.items.stream().filter(i -> test.contains(i.label()) == (split == Split.TEST)).toList();
        LOG.debug("LibriSpeech folder {}: {} of {} speakers held out for testing (testFraction {}, seed {}); {} {} files",
                root, test.size(), n, rule.testFraction(), rule.seed(), chosen.size(), split);
        return new AudioIndex(chosen, all.labelNames);
    }

    /** The {@code split} of a folder of clips at {@code root}, files held out by {@code rule}. */
    public static AudioIndex folder(Path root, Split split, SplitConfig rule) throws IOException {
        checkFolder(root);
        if (hasSplitFolders(root)) {
            AudioIndex train = scanFolder(root.resolve("train"), null);
            return split == Split.TRAIN ? train : scanFolder(root.resolve("test"), train.labelNames);
        }
        AudioIndex all = scanFolder(root, null);
        int n = all.items.size();
        if (n < 2) {
            throw new IllegalArgumentException("audio folder " + root + " has " + n + " file(s) and no train/ and test/"
                    + " subfolders: holding out a test split (data.split) needs at least 2");
        }
        Set<Integer> test = heldOut(n, rule);
        List<AudioItem> chosen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (test.contains(i) == (split == Split.TEST)) {
                chosen.add(all.items.get(i));
            }
        }
        return new AudioIndex(chosen, all.labelNames);
    }

    /** A seeded random {@code round(n * testFraction)} of {@code 0..n-1}, at least 1, leaving at least 1. */
    private static Set<Integer> heldOut(int n, SplitConfig rule) {
        SplitConfig r = rule == null ? SplitConfig.defaults() : rule;
        int count = (int) Math.min(n - 1, Math.max(1, Math.round(n * r.testFraction())));
        int[] order = EpochOrder.permutation(n, r.seed(), 0);
        Set<Integer> chosen = new HashSet<>();
        for (int k = 0; k < count; k++) {
            chosen.add(order[k]);
        }
        return chosen;
    }

    private static AudioIndex scanLibriSpeech(Path root, List<String> knownSpeakers) throws IOException {
        checkFolder(root);
        List<String> speakers = new ArrayList<>(knownSpeakers);
        List<AudioItem> items = new ArrayList<>();
        for (Path speakerDir : subfolders(root)) {
            String speaker = speakerDir.getFileName().toString();
            if (!speakers.contains(speaker)) {
                speakers.add(speaker);
            }
            int label = speakers.indexOf(speaker);
            for (Path chapterDir : subfolders(speakerDir)) {
                String chapter = chapterDir.getFileName().toString();
                Map<String, String> transcripts = transcripts(chapterDir.resolve(speaker + "-" + chapter + ".trans.txt"));
                for (Path file : audioFiles(chapterDir)) {
                    String id = stripExtension(file.getFileName().toString());
                    items.add(new AudioItem(file, id, label, speaker, transcripts.getOrDefault(id, "")));
                }
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("LibriSpeech folder " + root + " holds no .flac or .wav files in"
                    + " speaker/chapter/ subfolders");
        }
        return new AudioIndex(items, speakers);
    }

    private static AudioIndex scanFolder(Path root, List<String> knownLabels) throws IOException {
        checkFolder(root);
        List<Path> loose = audioFiles(root);
        List<Path> labelDirs = subfolders(root);
        if (labelDirs.isEmpty()) {
            if (loose.isEmpty()) {
                throw new IllegalArgumentException("audio folder " + root + " holds no .wav or .flac files");
            }
            if (knownLabels != null && !knownLabels.isEmpty()) {
                throw new IllegalArgumentException("audio folder " + root + " has no label subfolders, but the training"
                        + " split has labels " + knownLabels);
            }
            return new AudioIndex(loose.stream().map(f -> item(f, -1)).toList(), List.of());
        }
        if (!loose.isEmpty()) {
            throw new IllegalArgumentException("audio folder " + root + " has audio files both directly in it (e.g. "
                    + loose.get(0).getFileName() + ") and in label subfolders; put every file in a label subfolder");
        }
        List<String> labels = knownLabels == null ? labelDirs.stream().map(d -> d.getFileName().toString()).toList()
                : knownLabels;
        List<AudioItem> items = new ArrayList<>();
        for (Path dir : labelDirs) {
            String name = dir.getFileName().toString();
            int label = labels.indexOf(name);
            if (label < 0) {
                throw new IllegalArgumentException("audio folder " + root + ": label subfolder '" + name
                        + "' is not among the training labels " + labels);
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(p -> Files.isRegularFile(p) && AudioFiles.isAudioName(p) && !hidden(p)).sorted().toList();
            }
            files.forEach(f -> items.add(item(f, label)));
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("audio folder " + root + " holds no .wav or .flac files in its label"
                    + " subfolders " + labels);
        }
        return new AudioIndex(items, labels);
    }

    private static AudioItem item(Path file, int label) {
        return new AudioItem(file, stripExtension(file.getFileName().toString()), label, "", "");
    }

    /** The transcripts of a {@code .trans.txt} file by utterance id; empty if there is no such file. */
    private static Map<String, String> transcripts(Path file) throws IOException {
        Map<String, String> out = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                String t = line.strip();
                if (t.isEmpty()) {
                    continue;
                }
                int space = t.indexOf(' ');
                if (space <= 0) {
                    throw new IllegalArgumentException(file + ":" + number + ": expected 'UTTERANCE-ID TEXT', got '"
                            + (t.length() > 60 ? t.substring(0, 60) + "..." : t) + "'");
                }
                out.put(t.substring(0, space), t.substring(space + 1).strip());
            }
        }
        return out;
    }

    private static List<Path> subfolders(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> Files.isDirectory(p) && !hidden(p)).sorted().toList();
        }
    }

    private static List<Path> audioFiles(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> Files.isRegularFile(p) && AudioFiles.isAudioName(p) && !hidden(p)).sorted().toList();
        }
    }

    private static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }

    private static boolean hasSplitFolders(Path root) {
        return Files.isDirectory(root.resolve("train")) && Files.isDirectory(root.resolve("test"));
    }

    private static void checkFolder(Path root) {
        if (root == null || !Files.isDirectory(root)) {
            throw new IllegalArgumentException("audio data directory " + root + " does not exist or is not a folder");
        }
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The distinct labels of {@code items} that occur, sorted; for logging and tests. */
    static Set<Integer> labelsOf(List<AudioItem> items) {
        Set<Integer> out = new TreeSet<>();
        items.forEach(i -> out.add(i.label()));
        return out;
    }
}
