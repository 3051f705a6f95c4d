package io.artifex.data.protein;

/**
 * The four backbone atoms kept per residue, in storage order.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum Backbone {
    /** Amide nitrogen. */
    N,
    /** Alpha carbon. */
    CA,
    /** Carbonyl carbon. */
    C,
    /** Carbonyl oxygen. */
    O;

    /** Atoms per residue. */
    public static final int ATOMS = 4;

    /** The atom for a PDB atom name (trimmed, e.g. {@code "CA"}), or null if it is not a backbone atom. */
    public static Backbone of(String pdbName) {
        return switch (pdbName.trim()) {
            case "N" -> N;
            case "CA" -> CA;
            case "C" -> C;
            case "O" -> O;
            default -> null;
        };
    }
}
