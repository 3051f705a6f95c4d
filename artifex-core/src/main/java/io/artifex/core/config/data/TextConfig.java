package io.artifex.core.config.data;

import io.artifex.core.config.ConfigLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The text data source of {@code dataset: text}: where the corpus is, how its documents are read,
 * the window length and the tokenizer. Documents are divided into training and test documents by
 * {@link DataConfig#split()} (a seeded share of whole documents), then packed into windows of
 * {@code maxLength} token ids with an end-of-text id after each document.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 *
 * @param path a file or a directory of files with the corpus; null (the default) for the embedded
 *             corpus named by {@code corpus}
 * @param corpus the embedded corpus used when {@code path} is null: {@code brown} (the Brown
 *               corpus, 500 documents of edited American English) or {@code tiny-shakespeare};
 *               default {@code brown}
 * @param format how documents are read: {@code auto} (by file name: {@code .jsonl}/{@code .json}
 *               JSON lines, {@code .xml}/{@code .bz2} a Wikipedia dump, else {@code paragraphs}),
 *               {@code paragraphs} (blank-line separated), {@code lines} (one per line),
 *               {@code file} (one per file), {@code jsonl}, {@code wikipedia}; default {@code auto}
 * @param field the JSON field holding the text in {@code jsonl}; default {@code text}
 * @param maxLength tokens per window; default 256
 * @param tokenizer the tokenizer, loaded or trained; default {@link TokenizerConfig#defaults()}
 */
public record TextConfig(
        @Size(max = ConfigLimits.MAX_PATH_LENGTH) String path,
        @NotNull @Pattern(regexp = "brown|tiny-shakespeare", message = "must be brown or tiny-shakespeare") String corpus,
        @NotNull @Pattern(regexp = "auto|paragraphs|lines|file|jsonl|wikipedia",
                message = "must be one of auto, file, jsonl, lines, paragraphs, wikipedia") String format,
        @NotNull @Size(min = 1, max = ConfigLimits.MAX_NAME_LENGTH) String field,
        @NotNull @jakarta.validation.constraints.Min(2) @Max(1_048_576) Integer maxLength,
        @NotNull @Valid TokenizerConfig tokenizer) {

    /** Defaults: the embedded Brown corpus, format by file name, field {@code text}, 256 tokens, a trained BPE. */
    public TextConfig {
        corpus = corpus == null ? "brown" : corpus.trim().toLowerCase(java.util.Locale.ROOT);
        format = format == null ? "auto" : format.trim().toLowerCase(java.util.Locale.ROOT);
        field = field == null ? "text" : field;
        maxLength = maxLength == null ? 256 : maxLength;
        tokenizer = tokenizer == null ? TokenizerConfig.defaults() : tokenizer;
    }

    /** The defaults. */
    public static TextConfig defaults() {
        return builder().build();
    }

    /** A builder with every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TextConfig} one named field at a time; unset fields take the defaults. */
    public static final class Builder {
        private String path;
        private String corpus;
        private String format;
        private String field;
        private Integer maxLength;
        private TokenizerConfig tokenizer;

        private Builder() {
        }

        /** Sets {@code path}: the corpus file or directory; null for the embedded corpus. */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /** Sets {@code corpus}: the embedded corpus, {@code brown} or {@code tiny-shakespeare}. */
        public Builder corpus(String corpus) {
            this.corpus = corpus;
            return this;
        }

        /** Sets {@code format}: how documents are read (see {@link TextConfig}). */
        public Builder format(String format) {
            this.format = format;
            return this;
        }

        /** Sets {@code field}: the JSON field with the text in JSON lines. */
        public Builder field(String field) {
            this.field = field;
            return this;
        }

        /** Sets {@code maxLength}: tokens per window. */
        public Builder maxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        /** Sets {@code tokenizer}: the tokenizer to load or train. */
        public Builder tokenizer(TokenizerConfig tokenizer) {
            this.tokenizer = tokenizer;
            return this;
        }

        /** The config, with defaults for unset fields. */
        public TextConfig build() {
            return new TextConfig(path, corpus, format, field, maxLength, tokenizer);
        }
    }
}
