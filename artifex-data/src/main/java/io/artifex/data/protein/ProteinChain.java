package io.artifex.data.protein;

import java.util.Arrays;

/**
 * One protein chain's backbone: for each of its {@code L} residues the coordinates of N, CA, C
 * and O ({@code L x 4 x 3}, ångström unless scaled), which of those atoms were present (the atom
 * mask; CA always is), the residue type ({@link ResidueTypes}) and the PDB residue number and
 * insertion code. Immutable; the transforming methods return new chains.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public final class ProteinChain {

    private final String name;
    private final String chainId;
    private final double[] coords;
    private final boolean[] atomMask;
    private final int[] types;
    private final int[] residueNumbers;
    private final char[] insertionCodes;

    /**
     * Wraps arrays (copied) of {@code L * 12} coordinates, {@code L * 4} atom flags, and
     * {@code L} types, residue numbers and insertion codes ({@code ' '} for none).
     */
    public ProteinChain(String name, String chainId, double[] coords, boolean[] atomMask, int[] types,
                        int[] residueNumbers, char[] insertionCodes) {
        if (name == null || chainId == null || coords == null || atomMask == null || types == null
                || residueNumbers == null || insertionCodes == null) {
            throw new IllegalArgumentException("protein chain: no argument may be null");
        }
        int l = types.length;
        if (l == 0) {
            throw new IllegalArgumentException("protein chain " + name + " has no residues");
        }
        if (coords.length != l * 12 || atomMask.length != l * 4 || residueNumbers.length != l
                || insertionCodes.length != l) {
            throw new IllegalArgumentException("protein chain " + name + ": array lengths " + coords.length + ", "
                    + atomMask.length + ", " + residueNumbers.length + ", " + insertionCodes.length
                    + " do not match " + l + " residues (expected " + l * 12 + ", " + l * 4 + ", " + l + ", " + l + ")");
        }
        for (int t : types) {
            if (t < 0 || t > ResidueTypes.UNKNOWN) {
                throw new IllegalArgumentException("protein chain " + name + ": residue type " + t + " out of range");
            }
        }
        this.name = name;
        this.chainId = chainId;
        this.coords = coords.clone();
        this.atomMask = atomMask.clone();
        this.types = types.clone();
        this.residueNumbers = residueNumbers.clone();
        this.insertionCodes = insertionCodes.clone();
    }

    /** Where the chain came from, e.g. {@code 1abc.pdb:A}. */
    public String name() {
        return name;
    }

    /** The PDB chain identifier (may be blank). */
    public String chainId() {
        return chainId;
    }

    /** The number of residues. */
    public int length() {
        return types.length;
    }

    /** Coordinate {@code k} (0 = x, 1 = y, 2 = z) of {@code atom} of residue {@code i}. */
    public double coordinate(int i, Backbone atom, int k) {
        return coords[(i * 4 + atom.ordinal()) * 3 + k];
    }

    /** The position of {@code atom} of residue {@code i} as {x, y, z}. */
    public double[] position(int i, Backbone atom) {
        int o = (i * 4 + atom.ordinal()) * 3;
        return new double[] {coords[o], coords[o + 1], coords[o + 2]};
    }

    /** Whether {@code atom} of residue {@code i} was present in the file. */
    public boolean hasAtom(int i, Backbone atom) {
        return atomMask[i * 4 + atom.ordinal()];
    }

    /** A copy of all coordinates, {@code L x 4 x 3} row-major (missing atoms are 0). */
    public double[] coordinates() {
        return coords.clone();
    }

    /** A copy of the atom mask, {@code L x 4} row-major. */
    public boolean[] atomMask() {
        return atomMask.clone();
    }

    /** The residue type indices. */
    public int[] residueTypes() {
        return types.clone();
    }

    /** The one-letter sequence ({@code X} for unknown residues). */
    public String sequence() {
        StringBuilder sb = new StringBuilder(types.length);
        for (int t : types) {
            sb.append(ResidueTypes.oneLetter(t));
        }
        return sb.toString();
    }

    /** The PDB residue numbers (resSeq). */
    public int[] residueNumbers() {
        return residueNumbers.clone();
    }

    /** The PDB insertion codes ({@code ' '} for none). */
    public char[] insertionCodes() {
        return insertionCodes.clone();
    }

    /** Residues {@code [start, start + length)} as a new chain. */
    public ProteinChain crop(int start, int length) {
        if (start < 0 || length <= 0 || start + length > length()) {
            throw new IllegalArgumentException("crop [" + start + ", " + (start + length) + ") is outside chain "
                    + name + " of length " + length());
        }
        int end = start + length;
        return new ProteinChain(name, chainId, Arrays.copyOfRange(coords, start * 12, end * 12),
                Arrays.copyOfRange(atomMask, start * 4, end * 4), Arrays.copyOfRange(types, start, end),
                Arrays.copyOfRange(residueNumbers, start, end), Arrays.copyOfRange(insertionCodes, start, end));
    }

    /** The centroid of the CA atoms. */
    public double[] caCentroid() {
        double[] c = new double[3];
        for (int i = 0; i < length(); i++) {
            for (int k = 0; k < 3; k++) {
                c[k] += coordinate(i, Backbone.CA, k) / length();
            }
        }
        return c;
    }

    /**
     * The chain translated so that its CA centroid is the origin, then multiplied by
     * {@code scale} (1 keeps ångström; 0.1 gives nanometres). Missing atoms stay at 0.
     */
    public ProteinChain centred(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("coordinate scale must be positive and finite, got " + scale);
        }
        double[] c = caCentroid();
        double[] out = new double[coords.length];
        for (int a = 0; a < atomMask.length; a++) {
            if (atomMask[a]) {
                for (int k = 0; k < 3; k++) {
                    out[a * 3 + k] = (coords[a * 3 + k] - c[k]) * scale;
                }
            }
        }
        return new ProteinChain(name, chainId, out, atomMask, types, residueNumbers, insertionCodes);
    }

    @Override
    public String toString() {
        return "ProteinChain[" + name + ", " + length() + " residues]";
    }
}
