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

class PdbReaderTest {

    @TempDir
    Path dir;

    private static final String[] BACKBONE = {"N", "CA", "C", "O"};

    /** The four backbone lines of one residue, atom a at (x0 + a, y, z). */
    private static List<String> residue(String res, String chain, int num, char iCode, double x0, double y, double z,
                                        char alt, double occ) {
        List<String> lines = new ArrayList<>();
        for (int a = 0; a < 4; a++) {
            lines.add(PdbWriter.atomLine(1, BACKBONE[a], alt, res, chain, num, iCode, new double[] {x0 + a, y, z}, occ,
                    BACKBONE[a].substring(0, 1)));
        }
        return lines;
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void altLocsKeepTheHighestOccupancyAndInsertionCodesMakeSeparateResidues() throws IOException {
        List<String> lines = new ArrayList<>(residue("GLY", "A", 52, ' ', 0, 0, 0, ' ', 1.0));
        lines.addAll(residue("SER", "A", 52, 'A', 10, 0, 0, 'A', 0.4));
        lines.addAll(residue("SER", "A", 52, 'A', 20, 0, 0, 'B', 0.6));
        lines.addAll(residue("TRP", "A", 53, ' ', 30, 0, 0, 'A', 0.5));
        lines.addAll(residue("TRP", "A", 53, ' ', 40, 0, 0, 'B', 0.5));
        lines.add("HETATM 2000  O   HOH A 301      10.000  10.000  10.000  1.00  0.00           O");
        ProteinChain c = PdbReader.read(write("alt.pdb", lines), 0, new LoadReport()).get(0);
        assertThat(c.length()).isEqualTo(3);
        assertThat(c.sequence()).isEqualTo("GSW");
        assertThat(c.residueNumbers()).containsExactly(52, 52, 53);
        assertThat(c.insertionCodes()).containsExactly(' ', 'A', ' ');
        assertThat(c.coordinate(1, Backbone.CA, 0)).isEqualTo(21.0); // B (0.6) beats A (0.4)
        assertThat(c.coordinate(2, Backbone.CA, 0)).isEqualTo(31.0); // tie: the first location
    }

    @Test
    void firstModelByDefaultOthersOnRequestAndEveryChainSeparately() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("MODEL        1");
        lines.addAll(residue("ALA", "A", 1, ' ', 0, 0, 0, ' ', 1));
        lines.addAll(residue("CYS", "B", 1, ' ', 0, 5, 0, ' ', 1));
        lines.addAll(residue("ASP", "B", 2, ' ', 0, 6, 0, ' ', 1));
        lines.add("ENDMDL");
        lines.add("MODEL        2");
        lines.addAll(residue("ALA", "A", 1, ' ', 0, 0, 7, ' ', 1));
        lines.addAll(residue("CYS", "B", 1, ' ', 0, 5, 7, ' ', 1));
        lines.add("ENDMDL");
        Path file = write("nmr.pdb", lines);
        LoadReport report = new LoadReport();
        List<ProteinChain> first = PdbReader.read(file, 0, report);
        assertThat(first).extracting(ProteinChain::chainId).containsExactly("A", "B");
        assertThat(first.get(1).sequence()).isEqualTo("CD");
        assertThat(first.get(0).coordinate(0, Backbone.N, 2)).isZero();
        List<ProteinChain> second = PdbReader.read(file, 1, report);
        assertThat(second.get(1).length()).isEqualTo(1);
        assertThat(second.get(0).coordinate(0, Backbone.N, 2)).isEqualTo(7.0);
        assertThat(report.problems()).isEmpty();
        assertThat(PdbReader.read(file, 5, report)).isEmpty();
        assertThat(report.problems().get(0).message()).contains("has 2 model(s)");
    }

    @Test
    void malformedRecordsAreReportedWithFileAndLineAndTheRestLoads() throws IOException {
        List<String> lines = new ArrayList<>(residue("ALA", "A", 1, ' ', 0, 0, 0, ' ', 1));
        lines.add("ATOM      5  N   GLY A   2      1.000   2.000");                                 // line 5: short
        lines.add(PdbWriter.atomLine(6, "N", ' ', "GLY", "A", 2, ' ', new double[] {1, 2, 3}, 1, "N")
                .replace("   2.000", "   2.0x0"));                                                   // line 6: bad y
        lines.add(PdbWriter.atomLine(7, "CA", ' ', "GLY", "A", 2, ' ', new double[] {1, 2, 3}, 1, "C")); // no N, C, O
        lines.add(PdbWriter.atomLine(8, "N", ' ', "LEU", "A", 3, ' ', new double[] {1, 2, 3}, 1, "N"));  // no CA
        lines.add(PdbWriter.atomLine(9, "CA", ' ', "MSE", "A", 4, ' ', new double[] {5, 2, 3}, 1, "C")
                .replaceFirst("^ATOM  ", "HETATM"));
        lines.add(PdbWriter.atomLine(10, "N", ' ', "XYZ", "A", 5, ' ', new double[] {5, 2, 3}, 1, "N")
                .replace("   5 ", "  5x "));                                                           // line 10: bad resSeq
        Path good = write("a.pdb", lines);
        Path other = write("b.pdb", residue("VAL", "C", 1, ' ', 0, 0, 0, ' ', 1));
        write("c.ent", List.of("garbage"));
        ProteinDataset ds = ProteinDataset.load(dir, false);
        assertThat(ds.chains()).extracting(ProteinChain::sequence).containsExactly("AGM", "V");
        assertThat(ds.report().filesRead()).isEqualTo(2);
        List<String> problems = ds.report().problems(good).stream().map(Object::toString).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(good + ":5: ").contains("needs at least 54"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(good + ":6: ").contains("bad y coordinate"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(good + ":7: ").contains("GLY 2")
                .contains("missing backbone atom N"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(good + ":8: ").contains("LEU 3")
                .contains("no CA atom; dropped"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(good + ":10: ").contains("bad residue number"));
        assertThat(ds.report().problems(other)).isEmpty();
        assertThat(ds.report().problems(dir.resolve("c.ent"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("no protein chain"));
        ProteinChain gly = ds.chains().get(0);
        assertThat(gly.hasAtom(1, Backbone.CA)).isTrue();
        assertThat(gly.hasAtom(1, Backbone.N)).isFalse();
        assertThatThrownBy(() -> ds.constraints(0)).hasMessageContaining("withConstraints(true)");
    }

    @Test
    void emptyOrUselessDirectoriesFailClearly() throws IOException {
        assertThatThrownBy(() -> ProteinDataset.load(dir, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no PDB files");
        write("x.pdb", List.of("HEADER nothing here"));
        assertThatThrownBy(() -> ProteinDataset.load(dir, true)).hasMessageContaining("no chain could be loaded")
                .hasMessageContaining("x.pdb");
        assertThatThrownBy(() -> ProteinDataset.load(dir.resolve("missing"), true)).hasMessageContaining("does not exist");
    }
}
