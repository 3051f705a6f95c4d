package io.artifex.data.text.source;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How the documents of a corpus file are delimited.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum TextFormat {
    /** Paragraphs: documents are separated by one or more blank lines. */
    PARAGRAPHS,
    /** One document per non-blank line. */
    LINES,
    /** The whole file is one document. */
    FILE,
    /** JSON lines: one JSON object per line, the text in a named string field. */
    JSONL,
    /** A MediaWiki XML dump ({@code pages-articles*.xml}, or {@code .xml.bz2}): one document per article. */
    WIKIPEDIA;

    /**
     * The format called {@code name} ({@code auto}, {@code paragraphs}, {@code lines}, {@code file},
     * {@code jsonl}, {@code wikipedia}); {@code auto} decides by {@code file}'s name: {@code .jsonl},
     * {@code .json}, {@code .jsonl.gz} JSON lines, {@code .xml} or {@code .bz2} a Wikipedia dump, else paragraphs.
     */
    public static TextFormat of(String name, Path file) {
        String n = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        if (!n.equals("auto")) {
            for (TextFormat f : values()) {
                if (f.name().toLowerCase(Locale.ROOT).equals(n)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("text format '" + name + "' is unknown; valid: auto, paragraphs, lines,"
                    + " file, jsonl, wikipedia");
        }
        String file0 = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String base = file0.endsWith(".gz") ? file0.substring(0, file0.length() - 3) : file0;
        if (base.endsWith(".jsonl") || base.endsWith(".json") || base.endsWith(".ndjson")) {
            return JSONL;
        }
        if (base.endsWith(".xml") || base.endsWith(".bz2")) {
            return WIKIPEDIA;
        }
        return PARAGRAPHS;
    }
}
