package io.artifex.data.protein;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PDB files as molecular dynamics programs write them. The fixtures are written by hand from the
 * writers' formats: OpenMM's {@code PDBFile.writeFile} ({@code REMARK 1 CREATED WITH OPENMM},
 * {@code CRYST1}, {@code "%s%5s %-4s %3s %s%4s%1s   %s%s%s  1.00  0.00          %2s%2s"} records,
 * {@code HETATM} waters and ions, a {@code TER} after every chain, {@code CONECT} for bonds of
 * non-standard residue names such as {@code HIE}, {@code END}) and GROMACS {@code trjconv}/
 * {@code editconf} ({@code TITLE}, {@code REMARK}, {@code CRYST1}, {@code MODEL %8d},
 * {@code "%-6s%5d %-4.4s%c%4.4s%c%4d%c   %8.3f%8.3f%8.3f%6.2f%6.2f          %2s"} records with
 * four-letter residue names, a blank chain, waters and ions as {@code ATOM}, {@code OC1}/{@code OC2},
 * {@code TER}, {@code ENDMDL}, one block per frame). The backbone coordinates are an ideal
 * alpha helix (phi -57, psi -47) placed with this library's {@link BackboneBuilder}, shifted by
 * (10, 12, 8); side-chain and hydrogen positions are only plausible. Java text blocks drop the
 * trailing blanks of OpenMM's element/charge columns, which the reader does not use.
 */
class MolecularDynamicsPdbTest {

    /** The N, CA, C, O positions written for the four residues (the O of the last is OC1 in the GROMACS file). */
    private static final double[][][] BACKBONE = {
        {{10.000, 12.000, 8.000}, {11.458, 12.000, 8.000}, {12.009, 13.422, 8.000}, {12.910, 13.743, 8.776}},
        {{11.463, 14.263, 7.128}, {11.899, 15.650, 7.026}, {11.768, 16.370, 8.364}, {12.693, 17.057, 8.797}},
        {{10.618, 16.205, 9.008}, {10.364, 16.838, 10.297}, {11.421, 16.443, 11.323}, {11.958, 17.298, 12.027}},
        {{11.711, 15.149, 11.398}, {12.704, 14.639, 12.337}, {14.057, 15.309, 12.126}, {14.696, 15.743, 13.085}},
    };

    static final String OPENMM = """
            REMARK   1 CREATED WITH OPENMM 8.1.1, 2024-05-14
            CRYST1   31.000   31.000   31.000  90.00  90.00  90.00 P 1           1 
            ATOM      1  N   ALA A   1      10.000  12.000   8.000  1.00  0.00           N  
            ATOM      2  CA  ALA A   1      11.458  12.000   8.000  1.00  0.00           C  
            ATOM      3  C   ALA A   1      12.009  13.422   8.000  1.00  0.00           C  
            ATOM      4  O   ALA A   1      12.910  13.743   8.776  1.00  0.00           O  
            ATOM      5  CB  ALA A   1      10.958  12.900   6.900  1.00  0.00           C  
            ATOM      6  HA  ALA A   1      12.058  12.200   7.100  1.00  0.00           H  
            ATOM      7  N   HIE A   2      11.463  14.263   7.128  1.00  0.00           N  
            ATOM      8  CA  HIE A   2      11.899  15.650   7.026  1.00  0.00           C  
            ATOM      9  C   HIE A   2      11.768  16.370   8.364  1.00  0.00           C  
            ATOM     10  O   HIE A   2      12.693  17.057   8.797  1.00  0.00           O  
            ATOM     11  CB  HIE A   2      11.399  16.550   5.926  1.00  0.00           C  
            ATOM     12  HA  HIE A   2      12.499  15.850   6.126  1.00  0.00           H  
            ATOM     13  N   HID A   3      10.618  16.205   9.008  1.00  0.00           N  
            ATOM     14  CA  HID A   3      10.364  16.838  10.297  1.00  0.00           C  
            ATOM     15  C   HID A   3      11.421  16.443  11.323  1.00  0.00           C  
            ATOM     16  O   HID A   3      11.958  17.298  12.027  1.00  0.00           O  
            ATOM     17  CB  HID A   3       9.864  17.738   9.197  1.00  0.00           C  
            ATOM     18  HA  HID A   3      10.964  17.038   9.397  1.00  0.00           H  
            ATOM     19  N   LYS A   4      11.711  15.149  11.398  1.00  0.00           N  
            ATOM     20  CA  LYS A   4      12.704  14.639  12.337  1.00  0.00           C  
            ATOM     21  C   LYS A   4      14.057  15.309  12.126  1.00  0.00           C  
            ATOM     22  O   LYS A   4      14.696  15.743  13.085  1.00  0.00           O  
            ATOM     23  CB  LYS A   4      12.204  15.539  11.237  1.00  0.00           C  
            ATOM     24  HA  LYS A   4      13.304  14.839  11.437  1.00  0.00           H  
            ATOM     25  OXT LYS A   4      14.420  15.330  10.950  1.00  0.00           O  
            TER      26      LYS A   4
            HETATM   27  O   HOH B   1       5.000  25.000  20.000  1.00  0.00           O  
            HETATM   28  H1  HOH B   1       5.960  25.000  20.000  1.00  0.00           H  
            HETATM   29  H2  HOH B   1       4.760  25.930  20.000  1.00  0.00           H  
            HETATM   30  O   HOH B   2       8.000  25.000  20.000  1.00  0.00           O  
            HETATM   31  H1  HOH B   2       8.960  25.000  20.000  1.00  0.00           H  
            HETATM   32  H2  HOH B   2       7.760  25.930  20.000  1.00  0.00           H  
            TER      33      HOH B   2
            HETATM   34 NA    NA C   1       2.500   2.500  27.000  1.00  0.00          Na  
            TER      35       NA C   1
            CONECT    7    8
            CONECT    8    7    9   11   12
            CONECT    9    8   10
            END
            """;

    static final String GROMACS = """
            TITLE     Protein in water t=   0.00000 step= 0
            REMARK    THIS IS A SIMULATION BOX
            CRYST1   31.000   31.000   31.000  90.00  90.00  90.00 P 1           1
            MODEL        1
            ATOM      1  N   NALA    1      10.000  12.000   8.000  1.00  0.00           N
            ATOM      2  H1  NALA    1       9.100  12.300   8.100  1.00  0.00           H
            ATOM      3  CA  NALA    1      11.458  12.000   8.000  1.00  0.00           C
            ATOM      4  CB  NALA    1      10.958  12.900   6.900  1.00  0.00           C
            ATOM      5  C   NALA    1      12.009  13.422   8.000  1.00  0.00           C
            ATOM      6  O   NALA    1      12.910  13.743   8.776  1.00  0.00           O
            ATOM      7  N   HIP     2      11.463  14.263   7.128  1.00  0.00           N
            ATOM      8  H   HIP     2      10.563  14.563   7.228  1.00  0.00           H
            ATOM      9  CA  HIP     2      11.899  15.650   7.026  1.00  0.00           C
            ATOM     10  CB  HIP     2      11.399  16.550   5.926  1.00  0.00           C
            ATOM     11  C   HIP     2      11.768  16.370   8.364  1.00  0.00           C
            ATOM     12  O   HIP     2      12.693  17.057   8.797  1.00  0.00           O
            ATOM     13  N   ASH     3      10.618  16.205   9.008  1.00  0.00           N
            ATOM     14  H   ASH     3       9.718  16.505   9.108  1.00  0.00           H
            ATOM     15  CA  ASH     3      10.364  16.838  10.297  1.00  0.00           C
            ATOM     16  CB  ASH     3       9.864  17.738   9.197  1.00  0.00           C
            ATOM     17  C   ASH     3      11.421  16.443  11.323  1.00  0.00           C
            ATOM     18  O   ASH     3      11.958  17.298  12.027  1.00  0.00           O
            ATOM     19  N   CLYS    4      11.711  15.149  11.398  1.00  0.00           N
            ATOM     20  H   CLYS    4      10.811  15.449  11.498  1.00  0.00           H
            ATOM     21  CA  CLYS    4      12.704  14.639  12.337  1.00  0.00           C
            ATOM     22  CB  CLYS    4      12.204  15.539  11.237  1.00  0.00           C
            ATOM     23  C   CLYS    4      14.057  15.309  12.126  1.00  0.00           C
            ATOM     24  OC1 CLYS    4      14.696  15.743  13.085  1.00  0.00           O
            ATOM     25  OC2 CLYS    4      14.420  15.330  10.950  1.00  0.00           O
            TER
            ATOM     26  OW  SOL     5       5.000  25.000  20.000  1.00  0.00           O
            ATOM     27  HW1 SOL     5       5.960  25.000  20.000  1.00  0.00           H
            ATOM     28  HW2 SOL     5       4.760  25.930  20.000  1.00  0.00           H
            ATOM     29  OW  SOL     6       8.000  25.000  20.000  1.00  0.00           O
            ATOM     30  HW1 SOL     6       8.960  25.000  20.000  1.00  0.00           H
            ATOM     31  HW2 SOL     6       7.760  25.930  20.000  1.00  0.00           H
            ATOM     32  OW  SOL     7      11.000  25.000  20.000  1.00  0.00           O
            ATOM     33  HW1 SOL     7      11.960  25.000  20.000  1.00  0.00           H
            ATOM     34  HW2 SOL     7      10.760  25.930  20.000  1.00  0.00           H
            ATOM     35 NA    NA     8       2.500   2.500  27.000  1.00  0.00          Na
            ATOM     36 CL    CL     9      28.500   2.500   3.000  1.00  0.00          Cl
            TER
            ENDMDL
            TITLE     Protein in water t=  10.00000 step= 5000
            REMARK    THIS IS A SIMULATION BOX
            CRYST1   31.000   31.000   31.000  90.00  90.00  90.00 P 1           1
            MODEL        2
            ATOM      1  N   NALA    1      10.500  12.500   8.500  1.00  0.00           N
            ATOM      2  H1  NALA    1       9.600  12.800   8.600  1.00  0.00           H
            ATOM      3  CA  NALA    1      11.958  12.500   8.500  1.00  0.00           C
            ATOM      4  CB  NALA    1      11.458  13.400   7.400  1.00  0.00           C
            ATOM      5  C   NALA    1      12.509  13.922   8.500  1.00  0.00           C
            ATOM      6  O   NALA    1      13.410  14.243   9.276  1.00  0.00           O
            ATOM      7  N   HIP     2      11.963  14.763   7.628  1.00  0.00           N
            ATOM      8  H   HIP     2      11.063  15.063   7.728  1.00  0.00           H
            ATOM      9  CA  HIP     2      12.399  16.150   7.526  1.00  0.00           C
            ATOM     10  CB  HIP     2      11.899  17.050   6.426  1.00  0.00           C
            ATOM     11  C   HIP     2      12.268  16.870   8.864  1.00  0.00           C
            ATOM     12  O   HIP     2      13.193  17.557   9.297  1.00  0.00           O
            ATOM     13  N   ASH     3      11.118  16.705   9.508  1.00  0.00           N
            ATOM     14  H   ASH     3      10.218  17.005   9.608  1.00  0.00           H
            ATOM     15  CA  ASH     3      10.864  17.338  10.797  1.00  0.00           C
            ATOM     16  CB  ASH     3      10.364  18.238   9.697  1.00  0.00           C
            ATOM     17  C   ASH     3      11.921  16.943  11.823  1.00  0.00           C
            ATOM     18  O   ASH     3      12.458  17.798  12.527  1.00  0.00           O
            ATOM     19  N   CLYS    4      12.211  15.649  11.898  1.00  0.00           N
            ATOM     20  H   CLYS    4      11.311  15.949  11.998  1.00  0.00           H
            ATOM     21  CA  CLYS    4      13.204  15.139  12.837  1.00  0.00           C
            ATOM     22  CB  CLYS    4      12.704  16.039  11.737  1.00  0.00           C
            ATOM     23  C   CLYS    4      14.557  15.809  12.626  1.00  0.00           C
            ATOM     24  OC1 CLYS    4      15.196  16.243  13.585  1.00  0.00           O
            ATOM     25  OC2 CLYS    4      14.920  15.830  11.450  1.00  0.00           O
            TER
            ATOM     26  OW  SOL     5       5.500  25.000  20.000  1.00  0.00           O
            ATOM     27  HW1 SOL     5       6.460  25.000  20.000  1.00  0.00           H
            ATOM     28  HW2 SOL     5       5.260  25.930  20.000  1.00  0.00           H
            ATOM     29  OW  SOL     6       8.500  25.000  20.000  1.00  0.00           O
            ATOM     30  HW1 SOL     6       9.460  25.000  20.000  1.00  0.00           H
            ATOM     31  HW2 SOL     6       8.260  25.930  20.000  1.00  0.00           H
            ATOM     32  OW  SOL     7      11.500  25.000  20.000  1.00  0.00           O
            ATOM     33  HW1 SOL     7      12.460  25.000  20.000  1.00  0.00           H
            ATOM     34  HW2 SOL     7      11.260  25.930  20.000  1.00  0.00           H
            ATOM     35 NA    NA     8       3.000   2.500  27.000  1.00  0.00          Na
            ATOM     36 CL    CL     9      29.000   2.500   3.000  1.00  0.00          Cl
            TER
            ENDMDL
            """;

    @TempDir
    Path dir;

    private static void assertBackbone(ProteinChain chain, double shift) {
        for (int r = 0; r < 4; r++) {
            for (Backbone atom : Backbone.values()) {
                assertThat(chain.hasAtom(r, atom)).as("residue %d atom %s", r, atom).isTrue();
                for (int k = 0; k < 3; k++) {
                    assertThat(chain.coordinate(r, atom, k)).as("residue %d atom %s axis %d", r, atom, k)
                            .isCloseTo(BACKBONE[r][atom.ordinal()][k] + shift, within(1e-9));
                }
            }
        }
    }

    @Test
    void openMmFileLoadsItsHistidineVariantsKeepsOAboveOxtAndSkipsWaterAndIonsSilently() throws IOException {
        Files.writeString(dir.resolve("system.pdb"), OPENMM);
        ProteinDataset ds = ProteinDataset.load(dir, true);

        assertThat(ds.chains()).hasSize(1);
        ProteinChain chain = ds.chains().get(0);
        assertThat(chain.sequence()).isEqualTo("AHHK"); // ALA HIE HID LYS
        assertThat(chain.residueNumbers()).containsExactly(1, 2, 3, 4);
        assertBackbone(chain, 0); // the last O is O, not the OXT written after it
        assertThat(ds.report().problems()).isEmpty();
        assertThat(ds.report().ignoredAtoms()).containsExactly(Map.entry("HOH", 6L), Map.entry("NA", 1L));
        assertThat(ds.report().ignoredSummary())
                .isEqualTo("ignored 7 water, ion and cap atom records in 1 file(s): HOH 6, NA 1");
        // an ideal helix: bond lengths at their ideal values, trans peptides
        assertThat(Math.abs(ds.constraints(0).omega()[0])).isCloseTo(180.0, within(0.1));
    }

    @Test
    void anOWinsOverATerminalOxygenWrittenBeforeIt() throws IOException {
        String oxt = OPENMM.lines().filter(l -> l.contains(" OXT ")).findFirst().orElseThrow();
        String lastO = OPENMM.lines().filter(l -> l.startsWith("ATOM     22")).findFirst().orElseThrow();
        String swapped = OPENMM.replace(oxt + "\n", "").replace(lastO, oxt + "\n" + lastO);
        Files.writeString(dir.resolve("swapped.pdb"), swapped);
        ProteinChain chain = ProteinDataset.load(dir, false).chains().get(0);
        assertBackbone(chain, 0); // residue 4's O is the O line, not the OXT line read first
    }

    @Test
    void gromacsFileLoadsTheFirstFrameWithTerminalOc1AsOAndIgnoresSolventWrittenAsAtom() throws IOException {
        Files.writeString(dir.resolve("traj.pdb"), GROMACS);
        ProteinDataset ds = ProteinDataset.load(dir, false);

        assertThat(ds.chains()).hasSize(1);
        ProteinChain chain = ds.chains().get(0);
        assertThat(chain.sequence()).isEqualTo("AHDK"); // NALA HIP ASH CLYS
        assertBackbone(chain, 0); // frame 1; frame 2 is shifted by 0.5
        assertThat(ds.report().problems()).isEmpty();
        assertThat(ds.report().ignoredAtoms()).containsExactly(Map.entry("CL", 1L), Map.entry("NA", 1L),
                Map.entry("SOL", 9L));

        ProteinChain second = ProteinDataset.builder(dir).model(1).withConstraints(false).load().chains().get(0);
        assertBackbone(second, 0.5);
    }

    @Test
    void chainsThatShareABlankIdentifierStayApartAcrossTer() throws IOException {
        String frame = GROMACS.substring(0, GROMACS.indexOf("ENDMDL"));
        String peptide = frame.substring(frame.indexOf("ATOM      1"), frame.indexOf("TER") + 4);
        // a second copy of the peptide after the first TER, numbered from 1 again as GROMACS numbers a new chain
        Files.writeString(dir.resolve("dimer.pdb"), "MODEL        1\n" + peptide + peptide + "ENDMDL\n");
        ProteinDataset ds = ProteinDataset.load(dir, false);
        assertThat(ds.chains()).extracting(ProteinChain::sequence).containsExactly("AHDK", "AHDK");
        assertThat(ds.chains()).extracting(ProteinChain::name).containsExactly("dimer.pdb:", "dimer.pdb:#2");
        assertThat(ds.report().problems()).isEmpty();
    }

    @Test
    void forceFieldResidueNamesMapToTheirStandardResidues() {
        List<String> names = List.of("HIE", "HID", "HIP", "HSD", "HSE", "HSP", "HISE", "CYX", "CYM", "ASH", "GLH",
                "LYN", "ARN", "TYM", "MSE", "NALA", "CGLY", "NHIE");
        StringBuilder letters = new StringBuilder();
        for (String n : names) {
            letters.append(ResidueTypes.oneLetter(ResidueTypes.index(n)));
        }
        assertThat(letters.toString()).isEqualTo("HHHHHHHCCDEKRYMAGH");
        assertThat(ResidueTypes.index("UNL")).isEqualTo(ResidueTypes.UNKNOWN);
        for (String solvent : List.of("HOH", "WAT", "SOL", "TIP3", "NA", "CL", "K", "MG", "Na+", "Cl-", "SOD", "CLA")) {
            assertThat(ResidueTypes.isWaterOrIon(solvent)).as(solvent).isTrue();
        }
        assertThat(ResidueTypes.isWaterOrIon("ALA")).isFalse();
        assertThat(ResidueTypes.isCap("NME")).isTrue();
    }
}
