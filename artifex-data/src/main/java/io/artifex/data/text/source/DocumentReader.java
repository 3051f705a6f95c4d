package io.artifex.data.text.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Streams the documents of one corpus file as pieces of text: a document longer than
 * {@link #PIECE_CHARS} (a whole-file document, a long paragraph) arrives in several pieces cut at
 * line ends, so no more than about one piece is held at a time. {@code .gz} and {@code .bz2} files
 * are decompressed on the fly (concatenated bzip2 streams included, as in multistream dumps).
 * Errors are {@link TextFormatException}s naming the file and the line or byte offset.
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public abstract class DocumentReader implements Closeable {

    /** The most characters in one piece before a long document is cut (at a line end). */
    public static final int PIECE_CHARS = 1 << 20;

    /** The longest line read, in bytes. */
    public static final int MAX_LINE_BYTES = 64 << 20;

    /** A piece of a document's text; {@code endsDocument} on the document's last piece. */
    public record Piece(String text, boolean endsDocument) {
    }

    /** The file name used in errors. */
    protected final String name;
    private final InputStream in;

    DocumentReader(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    /** The next piece, or null after the last document. */
    public abstract Piece next() throws IOException;

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Opens {@code file} in {@code format}; {@code field} is the JSON field of {@link TextFormat#JSONL}. */
    public static DocumentReader open(Path file, TextFormat format, String field) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new TextFormatException("corpus file " + file + " does not exist or is not a file");
        }
        return open(Files.newInputStream(file), file.toString(), format, field);
    }

    /** Opens the stream {@code raw} named {@code name} (its suffix picks the decompression) in {@code format}. */
    public static DocumentReader open(InputStream raw, String name, TextFormat format, String field) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        String lower = name.toLowerCase(Locale.ROOT);
        try {
            if (lower.endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            } else if (lower.endsWith(".bz2")) {
                in = new BZip2CompressorInputStream(in, true);
            }
        } catch (IOException e) {
            raw.close();
            throw new TextFormatException("file " + name + " is truncated or corrupt (not a valid "
                    + (lower.endsWith(".gz") ? "gzip" : "bzip2") + " stream): " + oneLine(e), e);
        }
        return switch (format) {
            case PARAGRAPHS -> new Lines(in, name, Lines.Mode.PARAGRAPHS, null);
            case LINES -> new Lines(in, name, Lines.Mode.LINES, null);
            case FILE -> new Lines(in, name, Lines.Mode.FILE, null);
            case JSONL -> new Lines(in, name, Lines.Mode.JSONL, field == null ? "text" : field);
            case WIKIPEDIA -> new Wikipedia(in, name);
        };
    }

    static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("[\\r\\n]+", " ");
    }

    /** Line-based formats: paragraphs, lines, whole files and JSON lines. */
    private static final class Lines extends DocumentReader {
        enum Mode { PARAGRAPHS, LINES, FILE, JSONL }

        private static final ObjectMapper JSON = new ObjectMapper();
        private final Utf8Lines lines;
        private final Mode mode;
        private final String field;
        private final StringBuilder pending = new StringBuilder();
        private boolean done;

        Lines(InputStream in, String name, Mode mode, String field) {
            super(in, name);
            this.lines = new Utf8Lines(in, name, MAX_LINE_BYTES);
            this.mode = mode;
            this.field = field;
        }

        private String line() throws IOException {
            try {
                return lines.next();
            } catch (TextFormatException e) {
                throw e;
            } catch (IOException e) {
                throw new TextFormatException("file " + name + " is truncated or corrupt after line " + lines.lineNumber()
                        + " (text byte offset " + lines.lineOffset() + "): " + oneLine(e), e);
            }
        }

        @Override
        public Piece next() throws IOException {
            if (done) {
                return null;
            }
            while (true) {
                String l = line();
                if (l == null) {
                    done = true;
                    if (pending.length() > 0) {
                        String text = pending.toString();
                        pending.setLength(0);
                        return new Piece(text, true);
                    }
                    return null;
                }
                switch (mode) {
                    case LINES -> {
                        if (!l.isBlank()) {
                            return new Piece(l, true);
                        }
                    }
                    case JSONL -> {
                        if (!l.isBlank()) {
                            return new Piece(json(l), true);
                        }
                    }
                    case PARAGRAPHS -> {
                        if (l.isBlank()) {
                            if (pending.length() > 0) {
                                String text = pending.toString();
                                pending.setLength(0);
                                return new Piece(text, true);
                            }
                        } else {
                            Piece cut = append(l);
                            if (cut != null) {
                                return cut;
                            }
                        }
                    }
                    case FILE -> {
                        Piece cut = append(l);
                        if (cut != null) {
                            return cut;
                        }
                    }
                    default -> throw new IllegalStateException("unreachable mode " + mode);
                }
            }
        }

        /** Adds a line to the current document; returns a non-final piece when it grew past PIECE_CHARS. */
        private Piece append(String l) {
            if (pending.length() > 0) {
                pending.append('\n');
            }
            pending.append(l);
            if (pending.length() >= PIECE_CHARS) {
                pending.append('\n');
                String text = pending.toString();
                pending.setLength(0);
                return new Piece(text, false);
            }
            return null;
        }

        private String json(String l) throws TextFormatException {
            JsonNode node;
            try {
                node = JSON.readTree(l);
            } catch (JsonProcessingException e) {
                throw new TextFormatException("file " + name + " line " + lines.lineNumber() + " (byte offset "
                        + lines.lineOffset() + ") is not valid JSON: " + oneLine(e).replaceAll(" at \\[Source.*", ""), e);
            }
            if (node == null || !node.isObject()) {
                throw new TextFormatException("file " + name + " line " + lines.lineNumber() + " (byte offset "
                        + lines.lineOffset() + ") is not a JSON object; JSON lines hold one object per line");
            }
            JsonNode text = node.get(field);
            if (text == null || !text.isTextual()) {
                throw new TextFormatException("file " + name + " line " + lines.lineNumber() + " (byte offset "
                        + lines.lineOffset() + "): field '" + field + "' is " + (text == null ? "missing" : "not a string")
                        + "; set data.text.field to the field holding the text");
            }
            return text.asText();
        }
    }

    /** A MediaWiki XML dump read with StAX: one document per main-namespace, non-redirect page. */
    private static final class Wikipedia extends DocumentReader {
        private final XMLStreamReader xml;
        private boolean rootChecked;
        private long pages;

        Wikipedia(InputStream in, String name) throws TextFormatException {
            super(in, name);
            XMLInputFactory f = XMLInputFactory.newFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            f.setProperty(XMLInputFactory.IS_COALESCING, true);
            try {
                // the JDK parser counts every &lt; / &amp; of the whole document against a 50-million
                // character limit, which a full Wikipedia dump passes; the DTD stays off, so no entity
                // but the five predefined ones can occur
                f.setProperty("jdk.xml.totalEntitySizeLimit", "0");
            } catch (IllegalArgumentException e) {
                // another StAX implementation without that limit
            }
            try {
                xml = f.createXMLStreamReader(in, "UTF-8");
            } catch (XMLStreamException e) {
                throw error(e);
            }
        }

        private TextFormatException error(XMLStreamException e) {
            javax.xml.stream.Location at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
            String message = e.getNestedException() != null ? oneLine((Exception) e.getNestedException()) : oneLine(e);
            message = message.replaceFirst("^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\] Message: ", "");
            return new TextFormatException("file " + name + " is a truncated or malformed XML dump" + where + " (after "
                    + pages + " pages): " + message, e);
        }

        @Override
        public Piece next() throws IOException {
            try {
                String ns = "0";
                boolean redirect = false;
                String text = null;
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        String tag = xml.getLocalName();
                        if (!rootChecked) {
                            rootChecked = true;
                            if (!tag.equals("mediawiki")) {
                                throw new TextFormatException("file " + name + " is not a MediaWiki XML dump: the root"
                                        + " element is <" + tag + ">, expected <mediawiki> (line "
                                        + xml.getLocation().getLineNumber() + ")");
                            }
                        }
                        switch (tag) {
                            case "page" -> {
                                ns = "0";
                                redirect = false;
                                text = null;
                            }
                            case "ns" -> ns = xml.getElementText().trim();
                            case "redirect" -> redirect = true;
                            case "text" -> text = xml.getElementText();
                            default -> {
                            }
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("page")) {
                        pages++;
                        if (ns.equals("0") && !redirect && text != null
                                && !text.regionMatches(true, 0, "#REDIRECT", 0, 9)) {
                            String plain = WikiMarkup.strip(text);
                            if (!plain.isBlank()) {
                                return new Piece(plain, true);
                            }
                        }
                    }
                }
                if (!rootChecked) {
                    throw new TextFormatException("file " + name + " is not a MediaWiki XML dump: it has no elements");
                }
                return null;
            } catch (XMLStreamException e) {
                throw error(e);
            } catch (TextFormatException e) {
                throw e;
            } catch (IOException e) {
                throw new TextFormatException("file " + name + " is truncated or corrupt (compressed data) after "
                        + pages + " pages: " + oneLine(e), e);
            } catch (RuntimeException e) {
                if (e.getCause() instanceof IOException io) {
                    throw new TextFormatException("file " + name + " is truncated or corrupt (compressed data) after "
                            + pages + " pages: " + oneLine(io), io);
                }
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                xml.close();
            } catch (XMLStreamException e) {
                // closing the parser frees no file; the stream is closed below
            }
            super.close();
        }
    }
}
