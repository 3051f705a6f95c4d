package io.artifex.data.protein;

/**
 * Ideal backbone geometry after Engh &amp; Huber (1991, Acta Cryst. A47, 392): bond lengths in
 * ångström, bond angles and the trans peptide torsion in degrees, plus the helix and C=O values
 * used to build test and reference backbones.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class IdealGeometry {

    /** N-CA bond length. */
    public static final double N_CA = 1.458;
    /** CA-C bond length. */
    public static final double CA_C = 1.525;
    /** C-N peptide bond length (residue i to i+1). */
    public static final double C_N = 1.329;
    /** C=O bond length. */
    public static final double C_O = 1.231;
    /** N-CA-C angle. */
    public static final double ANGLE_N_CA_C = 111.2;
    /** CA-C-N angle (across the peptide bond). */
    public static final double ANGLE_CA_C_N = 116.2;
    /** C-N-CA angle (across the peptide bond). */
    public static final double ANGLE_C_N_CA = 121.7;
    /** CA-C=O angle. */
    public static final double ANGLE_CA_C_O = 120.5;
    /** The trans peptide omega torsion. */
    public static final double OMEGA = 180.0;
    /** Right-handed alpha helix phi. */
    public static final double HELIX_PHI = -57.0;
    /** Right-handed alpha helix psi. */
    public static final double HELIX_PSI = -47.0;
    /** A C(i)-N(i+1) distance above this (ångström) is a chain break, not a peptide bond. */
    public static final double MAX_PEPTIDE_BOND = 2.0;
    /** A peptide with |omega| below this (degrees) counts as cis. */
    public static final double CIS_THRESHOLD = 30.0;

    private IdealGeometry() {
    }
}
