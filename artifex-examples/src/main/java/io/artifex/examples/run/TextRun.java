package io.artifex.examples.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.model.DecodingOptions;
import io.artifex.core.model.TextGeneration;
import io.artifex.core.random.Rng;
import io.artifex.data.text.tokenizer.Tokenizer;
import io.artifex.data.text.tokenizer.TokenizerJson;
import io.artifex.models.autoregressive.transformer.TransformerLm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The text side of a run: the tokenizer travels with the model as {@value #TOKENIZER_FILE} (in the
 * run folder and in the model archive; a checkpoint finds the run folder's), and a language model's
 * samples are continuations of a prompt decoded to text. A prompt starts a new document: the
 * end-of-text id goes before its ids, as it goes before every training document, and is not
 * printed. A continuation longer than the model's sequence slides: once the sequence is full, the
 * next chunk is drawn from its last half sequence of tokens as the prompt (each chunk with one
 * prompt pass and cached steps), as nanoGPT crops its context to the block size.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class TextRun {

    /** The tokenizer's file name in a run folder or model archive (HuggingFace {@code tokenizer.json}). */
    public static final String TOKENIZER_FILE = "tokenizer.json";

    private TextRun() {
    }

    /** Writes {@code tokenizer} as {@value #TOKENIZER_FILE} into {@code dir}. */
    public static void saveTokenizer(Tokenizer tokenizer, Path dir) {
        Path file = dir.resolve(TOKENIZER_FILE);
        try {
            Files.createDirectories(dir);
            tokenizer.save(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tokenizer " + file + ": " + e.getMessage(), e);
        }
    }

    /** The {@value #TOKENIZER_FILE} of the model in {@code dir}: in the folder itself or up to three levels up (the run folder). */
    public static Optional<Path> findTokenizer(Path dir) {
        Path current = dir.toAbsolutePath().normalize();
        for (int level = 0; level < 4 && current != null; level++, current = current.getParent()) {
            Path candidate = current.resolve(TOKENIZER_FILE);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Loads the tokenizer that goes with the model in {@code dir} (never trains one).
     *
     * @throws IllegalArgumentException when there is none, or its vocabulary does not fit the model's
     */
    public static Tokenizer loadTokenizer(Path dir, TextGeneration model) {
        Path file = findTokenizer(dir).orElseThrow(() -> new IllegalArgumentException("no " + TOKENIZER_FILE
                + " found in " + dir + " or the three folders above it; a text run writes one into its run folder"
                + " and model/ (copy it next to the model)"));
        Tokenizer tokenizer;
        try {
            tokenizer = TokenizerJson.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer " + file + ": " + e.getMessage(), e);
        }
        if (tokenizer.vocabSize() > model.vocabularySize()) {
            throw new IllegalArgumentException("tokenizer " + file + " has " + tokenizer.vocabSize()
                    + " ids, more than the model's vocabulary of " + model.vocabularySize());
        }
        return tokenizer;
    }

    /** The ids of a prompt: the end-of-text id, then the prompt's ids (special tokens written in it become their ids). */
    public static int[] promptIds(Tokenizer tokenizer, String prompt) {
        int[] ids = tokenizer.encode(prompt == null ? "" : prompt);
        int[] out = new int[ids.length + 1];
        out[0] = tokenizer.endOfTextId();
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }

    /**
     * {@code n} continuations of {@code prompt}, {@code maxTokens} new tokens each, decoded (the
     * prompt's text included, the leading end-of-text id not); longer than the model's sequence,
     * they slide (see the class description).
     *
     * @throws IllegalArgumentException when the prompt alone fills the model's sequence
     */
    public static List<String> continuations(TextGeneration model, Tokenizer tokenizer, String prompt, int n,
                                             int maxTokens, DecodingOptions options, Rng rng) {
        return continuations(model, tokenizer, prompt, n, maxTokens, rng,
                (ids, count, tokens, scope, r) -> model.generate(ids, count, tokens, options, scope, r));
    }

    /**
     * As {@link #continuations(TextGeneration, Tokenizer, String, int, int, DecodingOptions, Rng)},
     * with the Transformer's key/value cache on or off ({@link TransformerLm#generate(int[], int, int,
     * DecodingOptions, boolean, NDManager, Rng)}).
     */
    public static List<String> continuations(TransformerLm model, Tokenizer tokenizer, String prompt, int n,
                                             int maxTokens, DecodingOptions options, boolean useCache, Rng rng) {
        return continuations(model, tokenizer, prompt, n, maxTokens, rng,
                (ids, count, tokens, scope, r) -> model.generate(ids, count, tokens, options, useCache, scope, r));
    }

    /** One call of a model's generate: {@code count} continuations of {@code ids}, {@code tokens} new tokens each. */
    private interface Draw {
        NDArray draw(int[] ids, int count, int tokens, NDManager scope, Rng rng);
    }

    private static List<String> continuations(TextGeneration model, Tokenizer tokenizer, String prompt, int n,
                                              int maxTokens, Rng rng, Draw draw) {
        int[] ids = promptIds(tokenizer, prompt);
        int max = model.maxSequenceLength();
        List<String> out = new ArrayList<>();
        if (ids.length + maxTokens <= max) {
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray drawn = draw.draw(ids, n, maxTokens, scope, rng);
                int length = (int) drawn.getShape().get(1);
                int[] all = drawn.toIntArray();
                for (int i = 0; i < n; i++) {
                    out.add(tokenizer.decode(Arrays.copyOfRange(all, i * length + 1, (i + 1) * length)));
                }
            }
            return out;
        }
        if (ids.length >= max) {
            throw new IllegalArgumentException("the prompt is " + (ids.length - 1) + " tokens (plus the end-of-text id"
                    + " before it); the model reads at most " + max + " tokens, so shorten the prompt");
        }
        for (int i = 0; i < n; i++) {
            Rng sampleRng = rng.fork("sample-" + i);
            int[] sequence = ids;
            int remaining = maxTokens;
            for (int chunk = 0; remaining > 0; chunk++) {
                int keep = chunk == 0 ? sequence.length : Math.min(sequence.length, Math.max(1, max / 2));
                int[] context = Arrays.copyOfRange(sequence, sequence.length - keep, sequence.length);
                int tokens = Math.min(remaining, max - keep);
                try (NDManager scope = model.manager().newSubManager()) {
                    int[] drawn = draw.draw(context, 1, tokens, scope, sampleRng.fork("chunk-" + chunk)).toIntArray();
                    int[] longer = Arrays.copyOf(sequence, sequence.length + tokens);
                    System.arraycopy(drawn, keep, longer, sequence.length, tokens);
                    sequence = longer;
                }
                remaining -= tokens;
            }
            out.add(tokenizer.decode(Arrays.copyOfRange(sequence, 1, sequence.length)));
        }
        return out;
    }

    /** Writes {@code samples} to {@code file}, each under a {@code --- sample i ---} line. */
    public static void writeSamples(List<String> samples, Path file) {
        try {
            Files.writeString(file, format(samples), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write text samples to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The samples as text, each under a {@code --- sample i ---} line. */
    public static String format(List<String> samples) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < samples.size(); i++) {
            sb.append("--- sample ").append(i).append(" ---").append(System.lineSeparator());
            sb.append(samples.get(i)).append(System.lineSeparator());
        }
        return sb.toString();
    }
}
