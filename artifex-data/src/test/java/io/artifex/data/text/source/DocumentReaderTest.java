package io.artifex.data.text.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The document formats, and bad files named with their position. */
class DocumentReaderTest {

    @TempDir
    Path dir;

    static List<String> documents(Path file, TextFormat format, String field) throws IOException {
        List<String> docs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        try (DocumentReader r = DocumentReader.open(file, format, field)) {
            DocumentReader.Piece p;
            while ((p = r.next()) != null) {
                current.append(p.text());
                if (p.endsDocument()) {
                    docs.add(current.toString());
                    current.setLength(0);
                }
            }
        }
        return docs;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Planted bug caught: a paragraph reader that splits at every line (three documents instead of two). */
    @Test
    void plainTextFormats() throws IOException {
        Path f = write("a.txt", "\uFEFFFirst line\r\nsecond line\n\n\n  \nNext paragraph\n");
        assertThat(documents(f, TextFormat.PARAGRAPHS, null)).containsExactly("First line\nsecond line", "Next paragraph");
        assertThat(documents(f, TextFormat.LINES, null)).containsExactly("First line", "second line", "Next paragraph");
        assertThat(documents(f, TextFormat.FILE, null)).hasSize(1);
        assertThat(TextFormat.of("auto", Path.of("x.jsonl"))).isEqualTo(TextFormat.JSONL);
        assertThat(TextFormat.of("auto", Path.of("enwiki-pages-articles1.xml.bz2"))).isEqualTo(TextFormat.WIKIPEDIA);
        assertThat(TextFormat.of("auto", Path.of("input.txt"))).isEqualTo(TextFormat.PARAGRAPHS);
    }

    /** A whole-file document longer than a piece comes in pieces that join back to the file. */
    @Test
    void longDocumentsArriveInPieces() throws IOException {
        String line = "x".repeat(1000);
        String text = String.join("\n", java.util.Collections.nCopies(2500, line));
        Path f = write("long.txt", text);
        int pieces = 0;
        try (DocumentReader r = DocumentReader.open(f, TextFormat.FILE, null)) {
            DocumentReader.Piece p;
            StringBuilder all = new StringBuilder();
            while ((p = r.next()) != null) {
                pieces++;
                assertThat(p.text().length()).isLessThanOrEqualTo(DocumentReader.PIECE_CHARS + 1002);
                all.append(p.text());
            }
            assertThat(all.toString()).isEqualTo(text);
        }
        assertThat(pieces).isEqualTo(3);
    }

    @Test
    void jsonLines() throws IOException {
        Path f = write("d.jsonl", "{\"id\": 1, \"body\": \"caf\\u00e9 one\"}\n\n{\"body\": \"two\"}\n");
        assertThat(documents(f, TextFormat.JSONL, "body")).containsExactly("café one", "two");
        assertThatThrownBy(() -> documents(f, TextFormat.JSONL, "text"))
                .hasMessage("file " + f + " line 1 (byte offset 0): field 'text' is missing; set data.text.field to the"
                        + " field holding the text");
        Path bad = write("bad.jsonl", "{\"text\": \"ok\"}\n{\"text\": oops}\n");
        assertThatThrownBy(() -> documents(bad, TextFormat.JSONL, "text")).isInstanceOf(TextFormatException.class)
                .hasMessageStartingWith("file " + bad + " line 2 (byte offset 15) is not valid JSON").hasMessageNotContaining("\n");
    }

    /** Planted bug caught: reporting the offset within the line instead of within the file. */
    @Test
    void binaryAndNonUtf8FilesAreNamedWithTheirOffset() throws IOException {
        Path bin = write("bin.txt", new byte[] {'a', 'b', '\n', 'c', 0, 1, 2});
        assertThatThrownBy(() -> documents(bin, TextFormat.PARAGRAPHS, null))
                .hasMessage("file " + bin + " holds binary data: a NUL byte at byte offset 4 (line 2); text sources"
                        + " read UTF-8 text");
        Path latin1 = write("latin1.txt", "ok\nna\u00EFve".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> documents(latin1, TextFormat.LINES, null))
                .hasMessage("file " + latin1 + " is not UTF-8: invalid byte 0xEF at byte offset 5 (line 2)");
    }

    private static final String DUMP = "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.10/\">\n"
            + "<siteinfo><sitename>Wikipedia</sitename></siteinfo>\n"
            + "<page><title>Alpha</title><ns>0</ns><id>1</id><revision><text xml:space=\"preserve\">"
            + "'''Alpha''' is a [[letter|Greek letter]].&lt;ref&gt;note&lt;/ref&gt;</text></revision></page>\n"
            + "<page><title>Beta</title><ns>0</ns><id>2</id><redirect title=\"Alpha\" /><revision><text>#REDIRECT"
            + " [[Alpha]]</text></revision></page>\n"
            + "<page><title>Wikipedia:About</title><ns>4</ns><id>3</id><revision><text>project page</text>"
            + "</revision></page>\n"
            + "<page><title>Gamma</title><ns>0</ns><id>4</id><revision><text>Gamma {{cite|x}}comes third.</text>"
            + "</revision></page>\n"
            + "</mediawiki>\n";

    /** Redirects and other namespaces are skipped; markup (including escaped refs) is stripped. */
    @Test
    void wikipediaDumpPlainAndBzip2() throws IOException {
        Path xml = write("pages-articles.xml", DUMP);
        assertThat(documents(xml, TextFormat.WIKIPEDIA, null)).containsExactly("Alpha is a Greek letter.", "Gamma comes third.");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new BZip2CompressorOutputStream(bytes)) {
            out.write(DUMP.getBytes(StandardCharsets.UTF_8));
        }
        Path bz2 = write("pages-articles1.xml.bz2", bytes.toByteArray());
        assertThat(documents(bz2, TextFormat.WIKIPEDIA, null)).containsExactly("Alpha is a Greek letter.", "Gamma comes third.");
        Path cut = write("cut.xml.bz2", Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));
        assertThatThrownBy(() -> documents(cut, TextFormat.WIKIPEDIA, null)).isInstanceOf(TextFormatException.class)
                .hasMessageStartingWith("file " + cut + " is truncated or corrupt").hasMessageNotContaining("\n");
    }

    /**
     * A multi-block bzip2 dump cut in the middle reads its first articles, then fails naming the
     * file and how many pages were read. Planted bug caught: treating the early end of the stream
     * as the end of the dump (the articles read so far would pass as the whole corpus).
     */
    @Test
    void bzip2DumpTruncatedMidStream() throws IOException {
        java.util.Random r = new java.util.Random(5);
        StringBuilder dump = new StringBuilder("<mediawiki>\n");
        for (int p = 0; p < 300; p++) {
            dump.append("<page><title>P").append(p).append("</title><ns>0</ns><revision><text>");
            for (int w = 0; w < 150; w++) {
                dump.append((char) ('a' + r.nextInt(26))).append((char) ('a' + r.nextInt(26))).append(r.nextInt(1000))
                        .append(' ');
            }
            dump.append("</text></revision></page>\n");
        }
        dump.append("</mediawiki>\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new BZip2CompressorOutputStream(bytes, 1)) {
            out.write(dump.toString().getBytes(StandardCharsets.UTF_8));
        }
        Path whole = write("whole.xml.bz2", bytes.toByteArray());
        assertThat(documents(whole, TextFormat.WIKIPEDIA, null)).hasSize(300);
        Path cut = write("cut-mid.xml.bz2", Arrays.copyOf(bytes.toByteArray(), bytes.size() * 6 / 10));
        int[] read = {0};
        assertThatThrownBy(() -> {
            try (DocumentReader reader = DocumentReader.open(cut, TextFormat.WIKIPEDIA, null)) {
                while (reader.next() != null) {
                    read[0]++;
                }
            }
        }).isInstanceOf(TextFormatException.class).hasMessageStartingWith("file " + cut + " is ")
                .hasMessageContaining("after " + read[0] + " pages").hasMessageNotContaining("\n");
        assertThat(read[0]).isBetween(50, 299);
    }

    /** A dump cut off mid-page names the line where the XML stops. */
    @Test
    void truncatedDumpNamesTheLine() throws IOException {
        Path xml = write("trunc.xml", DUMP.substring(0, DUMP.indexOf("<page><title>Gamma")) + "<page><title>Gam");
        assertThatThrownBy(() -> documents(xml, TextFormat.WIKIPEDIA, null)).isInstanceOf(TextFormatException.class)
                .hasMessageStartingWith("file " + xml + " is a truncated or malformed XML dump at line 6")
                .hasMessageNotContaining("\n");
        Path html = write("page.xml", "<html><body>hi</body></html>");
        assertThatThrownBy(() -> documents(html, TextFormat.WIKIPEDIA, null))
                .hasMessageContaining("is not a MediaWiki XML dump: the root element is <html>");
    }
}
