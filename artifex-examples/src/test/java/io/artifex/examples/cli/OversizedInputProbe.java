package io.artifex.examples.cli;

import io.artifex.data.Mnist;
import io.artifex.data.Split;
import io.artifex.data.audio.AudioFiles;
import io.artifex.data.idx.IdxReader;
import io.artifex.data.text.source.DocumentReader;
import io.artifex.data.text.source.TextFormat;
import io.artifex.data.text.tokenizer.TokenizerJson;
import io.artifex.examples.TinyConfigs;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Makes one oversized input of each class named in issue 20 in a temporary folder and hands it
 * to the CLI ({@code artifex train}, in-process) or to the library reader that takes it, timing
 * each refusal and the heap's peak while it ran. Run in a child JVM by
 * {@link OversizedInputRefusalsTest} (with {@code -Xmx1g}); prints one tab-separated line per case:
 * {@code CASE name millis peakHeapMiB outcome message}, where the outcome is the exception's simple
 * class name ({@code exit-N} for a CLI status, {@code accepted} when nothing was refused).
 */
public final class OversizedInputProbe {

    /** One hostile input: {@link #prepare} makes it (not timed) and returns the timed hand-over. */
    private interface Case {
        /** Writes the input's files and returns what hands them over. */
        Action prepare() throws Exception;
    }

    /** Hands a prepared input over: throws, returns a CLI status and message, or returns "accepted". */
    private interface Action {
        /** The outcome, tab, the message. */
        String run() throws Exception;
    }

    private static final String DDPM = """
            schemaVersion: 2
            name: huge-ddpm
            model:
              type: ddpm
              name: ddpm
              inputShape: [28, 28, 1]
              backbone: {name: backbone, inChannels: 1, outChannels: 1, hiddenDims: [8], channelMult: [1],
                         numResBlocks: 1, attentionResolutions: [], groupNormGroups: 4, timeEmbeddingDim: 16}
              noiseSchedule: {name: schedule, scheduleType: linear, numTimesteps: 2147483647}
            data: { dataset: mnist, preprocessing: scale11 }
            training:
              epochs: 1
              batchSize: 8
              optimizers: { default: { type: adam, learningRate: 0.001 } }
            """;

    private static final String TRANSFORMER = """
            schemaVersion: 2
            name: huge-transformer
            model:
              type: transformer
              name: transformer
              vocabSize: 1048576
              contextLength: 256
              numLayers: 1
              numHeads: 4
              width: 16384
              mlpWidth: 16384
              tiedEmbeddings: false
            data:
              dataset: text
              text:
                maxLength: 257
                tokenizer: {kind: bpe, vocabSize: 4096}
            training:
              epochs: 1
              batchSize: 8
              optimizers: { default: { type: adamw, learningRate: 0.001 } }
            """;

    /** Name prefixes of the cases to run (all when empty). */
    private static final List<String> SELECTED = new ArrayList<>();

    private OversizedInputProbe() {
    }

    /** Runs every case (or those whose names start with one of {@code args}) in a fresh temporary folder and prints the lines. */
    public static void main(String[] args) throws Exception {
        SELECTED.addAll(List.of(args));
        Path dir = Files.createTempDirectory("oversized");
        List<String[]> cases = new ArrayList<>();
        try {
            run("warm-up: unknown config field (class loading, validator start)",
                    () -> cli(dir, TinyConfigs.TINY_VAE.replace("epochs: 1", "epochs: 1\n  epoks: 2")));
            run("config: numTimesteps 2^31-1 (diffusion)", () -> cli(dir, DDPM));
            run("config: hiddenDims [2000000000] (VAE)",
                    () -> cli(dir, TinyConfigs.TINY_VAE.replace("hiddenDims: [16] }\n  decoder", "hiddenDims: [2000000000] }\n  decoder")));
            run("config: image shape [4096, 4096, 1024] (VAE encoder and decoder)",
                    () -> cli(dir, TinyConfigs.TINY_VAE.replace("[28, 28, 1]", "[4096, 4096, 1024]")));
            run("config: dense VAE, [1024, 1024, 1] images x hiddenDims [16384] (34 G parameters)",
                    () -> cli(dir, TinyConfigs.TINY_VAE.replace("[28, 28, 1]", "[1024, 1024, 1]")
                            .replace("hiddenDims: [16]", "hiddenDims: [16384]")));
            run("config: transformer, vocabSize 2^20 x width 16384, untied (36 G parameters)", () -> cli(dir, TRANSFORMER));
            run("config: batchSize 2^30", () -> cli(dir, TinyConfigs.TINY_VAE.replace("batchSize: 32", "batchSize: 1073741824")));
            run("config: name of 500 characters", () -> cli(dir, TinyConfigs.TINY_VAE.replace("name: tiny-vae", "name: " + "n".repeat(500))));
            run("config: one string of 1,000,000 characters",
                    () -> cli(dir, TinyConfigs.TINY_VAE.replace("name: tiny-vae", "name: \"" + "n".repeat(1_000_000) + "\"")));
            run("config: file of 64 MiB", () -> {
                StringBuilder big = new StringBuilder(TinyConfigs.TINY_VAE);
                String comment = "# " + "x".repeat(1000) + "\n";
                while (big.length() < 64 << 20) {
                    big.append(comment);
                }
                return cli(dir, big.toString());
            });
            run("IDX: gzip bomb, header claims 2,000,000 x 32 x 32 (2 GB)", () -> {
                Path f = gzipIdx(dir.resolve("bomb-2g-images-idx3-ubyte.gz"), new int[] {2_000_000, 32, 32}, 64 << 20);
                return () -> accepted(IdxReader.readImages(f));
            });
            run("IDX: gzip bomb, 1,000,000 x 28 x 28 images against 10 labels (Mnist.load)", () -> {
                Path mnist = Files.createDirectories(dir.resolve("mnist"));
                gzipIdx(mnist.resolve("train-images-idx3-ubyte.gz"), new int[] {1_000_000, 28, 28}, 64 << 20);
                writeIdx(mnist.resolve("train-labels-idx1-ubyte"), new int[] {10}, new byte[10]);
                return () -> accepted(Mnist.load(mnist, Split.TRAIN));
            });
            run("IDX: header claims 784 MB, gzip holds 64 MiB (truncated)", () -> {
                Path f = gzipIdx(dir.resolve("short-images-idx3-ubyte.gz"), new int[] {1_000_000, 28, 28}, 64 << 20);
                return () -> accepted(IdxReader.readImages(f));
            });
            run("WAV: data chunk claims 4 GB", () -> {
                Path f = wav(dir.resolve("huge.wav"), 0xFFFF_FFF0L);
                return () -> accepted(AudioFiles.read(f));
            });
            run("FLAC: STREAMINFO claims 2^36-1 samples", () -> {
                Path f = flac(dir.resolve("huge.flac"), (1L << 36) - 1);
                return () -> accepted(AudioFiles.read(f));
            });
            run("tokenizer.json: file of 300 MB (sparse)", () -> {
                Path f = dir.resolve("sparse-tokenizer.json");
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.SPARSE)) {
                    ch.write(ByteBuffer.wrap("{".getBytes(StandardCharsets.UTF_8)));
                    ch.write(ByteBuffer.wrap(" ".getBytes(StandardCharsets.UTF_8)), 300L << 20);
                }
                return () -> accepted(TokenizerJson.read(f));
            });
            run("tokenizer.json: vocab of 1,100,000 tokens (20 MB)", () -> {
                Path f = hugeVocab(dir.resolve("vocab-tokenizer.json"), 1_100_000);
                return () -> accepted(TokenizerJson.read(f));
            });
            run("text: one line of 100 MiB (gzip, lines format)", () -> {
                Path f = dir.resolve("line.txt.gz");
                try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(f)), 1 << 16)) {
                    byte[] a = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < 100; i++) {
                        out.write(a);
                    }
                }
                return () -> {
                    try (DocumentReader reader = DocumentReader.open(f, TextFormat.LINES, null)) {
                        while (reader.next() != null) {
                            // reading is the test
                        }
                    }
                    return "accepted";
                };
            });
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(String name, Case c) throws Exception {
        if (!SELECTED.isEmpty() && SELECTED.stream().noneMatch(name::startsWith)) {
            return;
        }
        Action action = c.prepare();
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        String outcome;
        String message;
        try {
            String r = action.run();
            int tab = r.indexOf('\t');
            outcome = tab < 0 ? r : r.substring(0, tab);
            message = tab < 0 ? "" : r.substring(tab + 1);
        } catch (Throwable t) {
            outcome = t.getClass().getSimpleName();
            message = String.valueOf(t.getMessage());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("CASE\t" + name + "\t" + millis + "\t" + (peak >> 20) + "\t" + outcome + "\t"
                + message.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"));
        System.out.flush();
    }

    /** Writes {@code yaml} to a config file; the action runs {@code artifex train} on it (status and error text). */
    private static Action cli(Path dir, String yaml) throws IOException {
        Path config = Files.createTempFile(dir, "config", ".yaml");
        Files.writeString(config, yaml);
        return () -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = ArtifexCli.run(new String[] {"train", "--config", config.toString(), "--runs",
                    dir.resolve("runs").toString(), "--quiet"}, new PrintWriter(out, true), new PrintWriter(err, true));
            String text = err.toString().strip();
            return (status == 0 ? "accepted" : "exit-" + status) + "\t" + text;
        };
    }

    private static String accepted(Object result) {
        return "accepted\t" + result.getClass().getSimpleName();
    }

    private static byte[] idxHeader(int[] dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    /** An IDX ubyte file, gzip-compressed, whose header says {@code dims} and which holds {@code zeros} payload bytes. */
    private static Path gzipIdx(Path file, int[] dims, int zeros) throws IOException {
        try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), 1 << 16)) {
            out.write(idxHeader(dims));
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < zeros >> 20; i++) {
                out.write(block);
            }
        }
        return file;
    }

    private static void writeIdx(Path file, int[] dims, byte[] payload) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(idxHeader(dims));
            out.write(payload);
        }
    }

    /** A 16-bit stereo PCM WAV whose data chunk declares {@code dataBytes} and holds 4. */
    private static Path wav(Path file, long dataBytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) Math.min(0xFFFF_FFFFL, dataBytes + 36));
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1).putShort((short) 2).putInt(44_100).putInt(44_100 * 4).putShort((short) 4).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes).putInt(0);
        Files.write(file, b.array());
        return file;
    }

    /** A FLAC stream of only a STREAMINFO block (16-bit mono, 44.1 kHz) declaring {@code samples}. */
    private static Path flac(Path file, long samples) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 34).order(ByteOrder.BIG_ENDIAN);
        b.put("fLaC".getBytes(StandardCharsets.US_ASCII));
        b.put((byte) 0x80).put((byte) 0).put((byte) 0).put((byte) 34); // last block, STREAMINFO, 34 bytes
        b.putShort((short) 4096).putShort((short) 4096); // block sizes
        b.put(new byte[6]); // frame sizes unknown
        // 20 bits rate, 3 bits channels-1, 5 bits depth-1, 36 bits total samples
        long packed = ((long) 44_100 << 44) | (0L << 41) | (15L << 36) | (samples & ((1L << 36) - 1));
        b.putLong(packed);
        b.put(new byte[16]); // MD5 unknown
        Files.write(file, b.array());
        return file;
    }

    /** A byte-level BPE tokenizer.json whose vocab has {@code tokens} entries and no merges. */
    private static Path hugeVocab(Path file, int tokens) throws IOException {
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            raw.write(("{\"version\": \"1.0\", \"added_tokens\": [], \"normalizer\": null, \"pre_tokenizer\":"
                    + " {\"type\": \"ByteLevel\", \"add_prefix_space\": false}, \"decoder\": {\"type\": \"ByteLevel\"},"
                    + " \"model\": {\"type\": \"BPE\", \"merges\": [], \"vocab\": {").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < tokens; i++) {
                raw.write(((i == 0 ? "" : ", ") + "\"t" + i + "\": " + i).getBytes(StandardCharsets.US_ASCII));
            }
            raw.write("}}}".getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }
}
