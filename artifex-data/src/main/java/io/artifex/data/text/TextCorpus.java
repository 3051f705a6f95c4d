package io.artifex.data.text;

import io.artifex.data.text.source.DocumentReader;
import io.artifex.data.text.source.TextFormat;
import io.artifex.data.text.source.TextFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a text corpus and how to read them: one file, a directory of files (read in name
 * order, hidden files skipped), or an embedded corpus. {@link #forEachPiece} streams every
 * document of every file, numbered from 0, so a corpus of any size is read with bounded memory.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public final class TextCorpus {

    /** The embedded corpus names. */
    public static final List<String> EMBEDDED = List.of("brown", "tiny-shakespeare");

    /** Receives the pieces of the corpus's documents in order. */
    @FunctionalInterface
    public interface PieceSink {
        /** One piece of document {@code document} (from 0); {@code ends} on its last piece. */
        void accept(long document, String text, boolean ends) throws IOException;
    }

    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }

    private record Input(String name, Opener opener, TextFormat format, String identity) {
    }

    private final String description;
    private final List<Input> inputs;
    private final String field;

    private TextCorpus(String description, List<Input> inputs, String field) {
        this.description = description;
        this.inputs = List.copyOf(inputs);
        this.field = field;
    }

    /**
     * The corpus at {@code path} (a file, or a directory whose regular files are all read) in
     * {@code format} ({@code auto} decides per file by name, see {@link TextFormat#of}), with JSON
     * lines' text in {@code field}.
     */
    public static TextCorpus of(Path path, String format, String field) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("text corpus path must not be null; leave data.text.path unset for the"
                    + " embedded corpus");
        }
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !path.relativize(p).toString().startsWith(".") && !p.getFileName().toString().startsWith("."))
                        .sorted().forEach(files::add);
            }
            if (files.isEmpty()) {
                throw new TextFormatException("text corpus directory " + path + " holds no files");
            }
        } else if (Files.isRegularFile(path)) {
            files.add(path);
        } else {
            throw new TextFormatException("text corpus " + path + " does not exist (expected a file or a directory)");
        }
        List<Input> inputs = new ArrayList<>();
        for (Path f : files) {
            TextFormat fmt = TextFormat.of(format, f);
            String identity = f.toAbsolutePath() + "|" + Files.size(f) + "|" + Files.getLastModifiedTime(f).toMillis()
                    + "|" + fmt;
            inputs.add(new Input(f.toString(), () -> Files.newInputStream(f), fmt, identity));
        }
        return new TextCorpus(path.toString(), inputs, field == null ? "text" : field);
    }

    /**
     * An embedded corpus: {@code brown} (the Brown corpus as JSON lines, one document per text) or
     * {@code tiny-shakespeare} (read as paragraphs: one document per speech). See the resource NOTICE.md.
     */
    public static TextCorpus embedded(String name) {
        String n = name == null ? "brown" : name.trim().toLowerCase(java.util.Locale.ROOT);
        String resource = switch (n) {
            case "brown" -> "brown.jsonl.gz";
            case "tiny-shakespeare" -> "tiny-shakespeare.txt.gz";
            default -> throw new IllegalArgumentException("embedded text corpus '" + name + "' is unknown; valid: " + EMBEDDED);
        };
        TextFormat fmt = n.equals("brown") ? TextFormat.JSONL : TextFormat.PARAGRAPHS;
        Opener opener = () -> {
            InputStream in = TextCorpus.class.getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("embedded corpus resource io/artifex/data/text/" + resource
                        + " is missing from the class path");
            }
            return in;
        };
        return new TextCorpus("embedded:" + n, List.of(new Input("embedded:" + resource, opener, fmt,
                "embedded:" + resource + "|v1|" + fmt)), "text");
    }

    /** What the corpus is, for logs and errors (a path, or {@code embedded:<name>}). */
    public String description() {
        return description;
    }

    /** A string that changes when a file, its size, modification time or format changes (for cache keys). */
    public String identity() {
        StringBuilder sb = new StringBuilder("field=").append(field);
        inputs.forEach(i -> sb.append('\n').append(i.identity()));
        return sb.toString();
    }

    /**
     * Streams every document of every file to {@code sink}; returns the number of documents.
     *
     * @throws TextFormatException when the corpus has no document (naming the files), or a file is
     *                             binary, not UTF-8, malformed or truncated (naming the file and position)
     */
    public long forEachPiece(PieceSink sink) throws IOException {
        long doc = 0;
        for (Input input : inputs) {
            try (DocumentReader reader = DocumentReader.open(input.opener().open(), input.name(), input.format(), field)) {
                DocumentReader.Piece p;
                while ((p = reader.next()) != null) {
                    sink.accept(doc, p.text(), p.endsDocument());
                    if (p.endsDocument()) {
                        doc++;
                    }
                }
            }
        }
        if (doc == 0) {
            throw new TextFormatException("text corpus " + description + " has no documents: "
                    + (inputs.size() == 1 ? "file " + inputs.get(0).name() + " is empty or holds only blank lines"
                    : "its " + inputs.size() + " files are empty or hold only blank lines") + " (or, for a Wikipedia dump,"
                    + " no main-namespace articles)");
        }
        return doc;
    }
}
