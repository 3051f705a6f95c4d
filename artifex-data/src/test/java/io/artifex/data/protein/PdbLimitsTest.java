package io.artifex.data.protein;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile PDB files: refused as a whole or line by line, always with file and line. */
class PdbLimitsTest {

    @TempDir
    Path dir;

    private static final String GOOD_CA =
            "ATOM      2  CA  ALA A   1      11.458  12.000   8.000  1.00  0.00           C";

    @Test
    void aLineLongerThanTheLimitStopsTheFileWithFileAndLineWithoutReadingItAll() throws IOException {
        Path binary = dir.resolve("binary.pdb");
        // a 4 MB "line" (no newline): binary data renamed .pdb; refused after the first 1025 characters
        Files.writeString(binary, GOOD_CA + "\n" + "x".repeat(4 << 20));
        Files.writeString(dir.resolve("ok.pdb"), GOOD_CA + "\n");
        ProteinDataset ds = ProteinDataset.load(dir, false);
        assertThat(ds.chains()).hasSize(1);
        assertThat(ds.report().problems(binary)).singleElement().hasToString(binary
                + ":2: line is longer than 1024 characters: not PDB text; file skipped");

        LoadReport report = new LoadReport();
        assertThatThrownBy(() -> PdbReader.read(binary, 0, report)).isInstanceOf(PdbFormatException.class)
                .hasMessage(binary + ":2: line is longer than 1024 characters: not PDB text; file skipped");
    }

    @Test
    void moreLinesThanTheRecordCeilingAreRefusedNamingTheLine() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add("REMARK  99 filler");
        }
        lines.add(GOOD_CA);
        Path many = Files.write(dir.resolve("many.pdb"), lines);
        assertThatThrownBy(() -> PdbReader.read(many, 0, new LoadReport(), 40)).isInstanceOf(PdbFormatException.class)
                .hasMessage(many + ":41: more than 40 lines before model 0 ended; refused (the record ceiling,"
                        + " maxRecords)");
        assertThat(PdbReader.read(many, 0, new LoadReport(), 51)).hasSize(1);
        ProteinDataset.Builder tight = ProteinDataset.builder(dir).maxRecords(40);
        assertThatThrownBy(tight::load).hasMessageContaining("no chain could be loaded")
                .hasMessageContaining("many.pdb:41: more than 40 lines");
    }

    @Test
    void anUnparsableCoordinateNamesFileLineAndColumns() throws IOException {
        Path bad = Files.write(dir.resolve("bad.pdb"), List.of(GOOD_CA,
                "ATOM      3  C   ALA A   1      12.009  1e999    8.000  1.00  0.00           C"));
        LoadReport report = new LoadReport();
        assertThat(PdbReader.read(bad, 0, report)).hasSize(1);
        assertThat(report.problems().get(0)).hasToString(bad
                + ":2: bad y coordinate '  1e999 ' (columns 39-46); skipped");
        // the residue keeps its CA; N, C and O are reported missing, one line each
        assertThat(report.problems()).hasSize(4);
    }
}
