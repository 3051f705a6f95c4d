package io.artifex.data.protein;

import java.util.Locale;

/**
 * Writes backbones as PDB {@code ATOM} records (for saving generated structures and for tests).
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class PdbWriter {

    private PdbWriter() {
    }

    /**
     * PDB text of a chain: one {@code ATOM} line per present atom in the fixed columns, a
     * {@code TER} and, if {@code end}, an {@code END} line. Serial numbers start at {@code firstSerial}.
     */
    public static String write(ProteinChain chain, int firstSerial, boolean end) {
        StringBuilder sb = new StringBuilder();
        int serial = firstSerial;
        String chainId = chain.chainId().isEmpty() ? " " : chain.chainId().substring(0, 1);
        int[] types = chain.residueTypes();
        int[] numbers = chain.residueNumbers();
        char[] codes = chain.insertionCodes();
        for (int i = 0; i < chain.length(); i++) {
            for (Backbone atom : Backbone.values()) {
                if (chain.hasAtom(i, atom)) {
                    sb.append(atomLine(serial++, atom.name(), ' ', ResidueTypes.threeLetter(types[i]), chainId,
                            numbers[i], codes[i], chain.position(i, atom), 1.0, atom.name().substring(0, 1)));
                    sb.append('\n');
                }
            }
        }
        sb.append("TER\n");
        if (end) {
            sb.append("END\n");
        }
        return sb.toString();
    }

    /** One {@code ATOM} record in the wwPDB fixed columns (80 characters). */
    public static String atomLine(int serial, String atomName, char altLoc, String resName, String chainId,
                                  int resSeq, char iCode, double[] xyz, double occupancy, String element) {
        String name = atomName.length() < 4 ? " " + atomName : atomName;
        return String.format(Locale.ROOT, "ATOM  %5d %-4s%c%3s %1s%4d%c   %8.3f%8.3f%8.3f%6.2f%6.2f          %2s  ",
                serial, name, altLoc, resName, chainId, resSeq, iCode, xyz[0], xyz[1], xyz[2], occupancy, 0.0, element);
    }
}
