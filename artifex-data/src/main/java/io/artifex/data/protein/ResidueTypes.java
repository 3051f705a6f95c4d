package io.artifex.data.protein;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The 20 standard amino acids plus "unknown": index {@code 0..19} in the order of
 * {@link #ONE_LETTER} ({@code ARNDCQEGHILKMFPSTWYV}, the order AlphaFold uses) and
 * {@link #UNKNOWN} = 20 ({@code X}) for anything else. Selenomethionine ({@code MSE}) reads as
 * methionine, and the names molecular dynamics force fields give protonation and bonding states
 * read as their standard residue (see {@link #ALIASES}); Amber's four-letter terminal names
 * ({@code NALA}, {@code CLYS}, ...) read as the residue after the {@code N}/{@code C}.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class ResidueTypes {

    /** One-letter codes of the standard residues, by index. */
    public static final String ONE_LETTER = "ARNDCQEGHILKMFPSTWYV";

    /** Three-letter codes of the standard residues, by index. */
    public static final List<String> THREE_LETTER = List.of("ALA", "ARG", "ASN", "ASP", "CYS", "GLN", "GLU",
            "GLY", "HIS", "ILE", "LEU", "LYS", "MET", "PHE", "PRO", "SER", "THR", "TRP", "TYR", "VAL");

    /** The index of an unknown or non-standard residue. */
    public static final int UNKNOWN = 20;

    /** The number of types including unknown. */
    public static final int COUNT = 21;

    /**
     * Non-standard names read as a standard residue: {@code MSE} (selenomethionine); histidine
     * states {@code HID HIE HIP HIS1 HISA HISB HISD HISE HISH} (Amber, GROMOS, OPLS) and
     * {@code HSD HSE HSP} (CHARMM); {@code CYX CYM CYS2} (disulfide-bonded, deprotonated cysteine);
     * {@code ASH ASPH} (neutral aspartate); {@code GLH GLUH} (neutral glutamate); {@code LYN LSN
     * LYP LYSH} (lysine states); {@code ARN} (neutral arginine); {@code TYM} (tyrosinate).
     */
    public static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("MSE", "MET"),
            Map.entry("HID", "HIS"), Map.entry("HIE", "HIS"), Map.entry("HIP", "HIS"), Map.entry("HIS1", "HIS"),
            Map.entry("HISA", "HIS"), Map.entry("HISB", "HIS"), Map.entry("HISD", "HIS"), Map.entry("HISE", "HIS"),
            Map.entry("HISH", "HIS"), Map.entry("HSD", "HIS"), Map.entry("HSE", "HIS"), Map.entry("HSP", "HIS"),
            Map.entry("CYX", "CYS"), Map.entry("CYM", "CYS"), Map.entry("CYS2", "CYS"),
            Map.entry("ASH", "ASP"), Map.entry("ASPH", "ASP"), Map.entry("GLH", "GLU"), Map.entry("GLUH", "GLU"),
            Map.entry("LYN", "LYS"), Map.entry("LSN", "LYS"), Map.entry("LYP", "LYS"), Map.entry("LYSH", "LYS"),
            Map.entry("ARN", "ARG"), Map.entry("TYM", "TYR"));

    /** Residue names of water models: {@code HOH WAT SOL H2O DOD TIP TIP3 TIP4 TIP5 TP3 TP4 T3P T4P SPC SPCE OPC}. */
    public static final Set<String> WATERS = Set.of("HOH", "WAT", "SOL", "H2O", "DOD", "TIP", "TIP3", "TIP4", "TIP5",
            "TP3", "TP4", "T3P", "T4P", "SPC", "SPCE", "OPC");

    /**
     * Residue names of monatomic ions: PDB ({@code NA CL K MG CA ZN MN FE CU CO NI CD LI RB CS BR
     * IOD F}), Amber ({@code Na+ Cl- K+ Mg2+ ...}, upper-cased), CHARMM ({@code SOD CLA POT CAL
     * CES LIT RUB ZN2 MG2}) and GROMACS ({@code NA+ CL- K+}).
     */
    public static final Set<String> IONS = Set.of("NA", "CL", "K", "MG", "CA", "ZN", "MN", "FE", "FE2", "CU", "CU1",
            "CO", "NI", "CD", "LI", "RB", "CS", "BR", "IOD", "F", "NA+", "CL-", "K+", "LI+", "RB+", "CS+", "MG2+",
            "CA2+", "ZN2+", "F-", "BR-", "I-", "SOD", "CLA", "POT", "CAL", "CES", "LIT", "RUB", "ZN2", "MG2");

    private ResidueTypes() {
    }

    /** The index of a three-letter residue name (case-insensitive); {@link #UNKNOWN} if not standard. */
    public static int index(String threeLetter) {
        if (threeLetter == null) {
            return UNKNOWN;
        }
        String n = threeLetter.trim().toUpperCase(Locale.ROOT);
        int i = THREE_LETTER.indexOf(ALIASES.getOrDefault(n, n));
        if (i < 0 && n.length() == 4 && (n.charAt(0) == 'N' || n.charAt(0) == 'C')) {
            String inner = n.substring(1);
            i = THREE_LETTER.indexOf(ALIASES.getOrDefault(inner, inner));
        }
        return i < 0 ? UNKNOWN : i;
    }

    /** Terminal capping groups of simulation setups, which have no CA: {@code ACE NME NMA NHE NH2}. */
    public static final Set<String> CAPS = Set.of("ACE", "NME", "NMA", "NHE", "NH2");

    /** Whether a residue name (case-insensitive, trimmed) is a terminal capping group ({@link #CAPS}). */
    public static boolean isCap(String residueName) {
        return residueName != null && CAPS.contains(residueName.trim().toUpperCase(Locale.ROOT));
    }

    /** Whether a residue name (case-insensitive, trimmed) is a water model or a monatomic ion; see {@link #WATERS}, {@link #IONS}. */
    public static boolean isWaterOrIon(String residueName) {
        if (residueName == null) {
            return false;
        }
        String n = residueName.trim().toUpperCase(Locale.ROOT);
        return WATERS.contains(n) || IONS.contains(n);
    }

    /** The one-letter code of a type index ({@code X} for unknown). */
    public static char oneLetter(int index) {
        if (index < 0 || index > UNKNOWN) {
            throw new IllegalArgumentException("residue type index must be in [0, " + UNKNOWN + "], got " + index);
        }
        return index == UNKNOWN ? 'X' : ONE_LETTER.charAt(index);
    }

    /** The three-letter code of a type index ({@code UNK} for unknown). */
    public static String threeLetter(int index) {
        if (index < 0 || index > UNKNOWN) {
            throw new IllegalArgumentException("residue type index must be in [0, " + UNKNOWN + "], got " + index);
        }
        return index == UNKNOWN ? "UNK" : THREE_LETTER.get(index);
    }
}
