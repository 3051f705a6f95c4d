package io.artifex.data.protein;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The 20 standard amino acids plus "unknown": index {@code 0..19} in the order of
 * {@link #ONE_LETTER} ({@code ARNDCQEGHILKMFPSTWYV}, the order AlphaFold uses) and
 * {@link #UNKNOWN} = 20 ({@code X}) for anything else. Selenomethionine ({@code MSE}) reads as
 * methionine.
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

    private static final Map<String, String> ALIASES = Map.of("MSE", "MET");

    private ResidueTypes() {
    }

    /** The index of a three-letter residue name (case-insensitive); {@link #UNKNOWN} if not standard. */
    public static int index(String threeLetter) {
        if (threeLetter == null) {
            return UNKNOWN;
        }
        String n = threeLetter.trim().toUpperCase(Locale.ROOT);
        int i = THREE_LETTER.indexOf(ALIASES.getOrDefault(n, n));
        return i < 0 ? UNKNOWN : i;
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
