package io.artifex.data.protein;

/**
 * Bond lengths, bond angles and torsions of a backbone, measured from coordinates. Angles are
 * in degrees; torsions follow the IUPAC sign convention and lie in (-180, 180].
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class BackboneGeometry {

    private BackboneGeometry() {
    }

    /**
     * The measured geometry of a chain of {@code L} residues. Per-residue arrays have length
     * {@code L}, peptide arrays (residue i to i+1) length {@code L - 1}; a value is NaN where it
     * is undefined: an atom is missing, the chain is broken there (C-N longer than
     * {@link IdealGeometry#MAX_PEPTIDE_BOND}), or at a terminus (phi of the first residue, psi
     * and omega of the last).
     *
     * @param nCa N-CA lengths, per residue
     * @param caC CA-C lengths, per residue
     * @param cN C(i)-N(i+1) lengths, per peptide (measured even across a break)
     * @param angleNCaC N-CA-C angles, per residue
     * @param angleCaCN CA(i)-C(i)-N(i+1) angles, per peptide
     * @param angleCNCa C(i)-N(i+1)-CA(i+1) angles, per peptide
     * @param phi C(i-1)-N-CA-C torsions, per residue
     * @param psi N-CA-C-N(i+1) torsions, per residue
     * @param omega CA(i)-C(i)-N(i+1)-CA(i+1) torsions, per residue (index i: the bond after residue i)
     * @param chainBreaks how many peptide links were missing atoms or too long
     */
    public record Measures(double[] nCa, double[] caC, double[] cN, double[] angleNCaC, double[] angleCaCN,
                           double[] angleCNCa, double[] phi, double[] psi, double[] omega, int chainBreaks) {
    }

    /** Measures a loaded chain; a C-N gap above {@link IdealGeometry#MAX_PEPTIDE_BOND} is a break. */
    public static Measures measure(ProteinChain chain) {
        return measure(chain.coordinates(), chain.atomMask(), chain.length(), true);
    }

    /**
     * Measures {@code L x 4 x 3} coordinates with an {@code L x 4} atom mask (null: all present).
     * With {@code detectBreaks} false, every pair of consecutive residues counts as bonded (use
     * this to score generated backbones, which must be connected).
     */
    public static Measures measure(double[] coords, boolean[] mask, int length, boolean detectBreaks) {
        if (coords == null || coords.length != length * 12) {
            throw new IllegalArgumentException("coordinates must hold " + length + " x 4 x 3 values, got "
                    + (coords == null ? "null" : coords.length));
        }
        if (mask != null && mask.length != length * 4) {
            throw new IllegalArgumentException("atom mask must hold " + length + " x 4 values, got " + mask.length);
        }
        int l = length;
        int p = Math.max(l - 1, 0);
        double[] nCa = nan(l);
        double[] caC = nan(l);
        double[] angle = nan(l);
        double[] cN = nan(p);
        double[] caCN = nan(p);
        double[] cNCa = nan(p);
        double[] phi = nan(l);
        double[] psi = nan(l);
        double[] omega = nan(l);
        boolean[] linked = new boolean[p];
        int breaks = 0;
        for (int i = 0; i < l; i++) {
            boolean n = has(mask, i, Backbone.N);
            boolean ca = has(mask, i, Backbone.CA);
            boolean c = has(mask, i, Backbone.C);
            if (n && ca) {
                nCa[i] = distance(at(coords, i, Backbone.N), at(coords, i, Backbone.CA));
            }
            if (ca && c) {
                caC[i] = distance(at(coords, i, Backbone.CA), at(coords, i, Backbone.C));
            }
            if (n && ca && c) {
                angle[i] = angle(at(coords, i, Backbone.N), at(coords, i, Backbone.CA), at(coords, i, Backbone.C));
            }
            if (i + 1 < l) {
                boolean cNext = c && has(mask, i + 1, Backbone.N);
                if (cNext) {
                    cN[i] = distance(at(coords, i, Backbone.C), at(coords, i + 1, Backbone.N));
                }
                linked[i] = cNext && (!detectBreaks || cN[i] <= IdealGeometry.MAX_PEPTIDE_BOND);
                if (!linked[i]) {
                    breaks++;
                }
            }
        }
        for (int i = 0; i + 1 < l; i++) {
            if (!linked[i]) {
                continue;
            }
            double[] ca0 = at(coords, i, Backbone.CA);
            double[] c0 = at(coords, i, Backbone.C);
            double[] n1 = at(coords, i + 1, Backbone.N);
            double[] ca1 = at(coords, i + 1, Backbone.CA);
            caCN[i] = angle(ca0, c0, n1);
            cNCa[i] = angle(c0, n1, ca1);
            omega[i] = dihedral(ca0, c0, n1, ca1);
            if (has(mask, i, Backbone.N)) {
                psi[i] = dihedral(at(coords, i, Backbone.N), ca0, c0, n1);
            }
            if (has(mask, i + 1, Backbone.C)) {
                phi[i + 1] = dihedral(c0, n1, ca1, at(coords, i + 1, Backbone.C));
            }
        }
        return new Measures(nCa, caC, cN, angle, caCN, cNCa, phi, psi, omega, breaks);
    }

    /** The distance between two points. */
    public static double distance(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** The angle a-b-c at b, in degrees. */
    public static double angle(double[] a, double[] b, double[] c) {
        double[] u = sub(a, b);
        double[] v = sub(c, b);
        return Math.toDegrees(Math.atan2(norm(cross(u, v)), dot(u, v)));
    }

    /** The torsion a-b-c-d in degrees, in (-180, 180]. */
    public static double dihedral(double[] a, double[] b, double[] c, double[] d) {
        double[] b1 = sub(b, a);
        double[] b2 = sub(c, b);
        double[] b3 = sub(d, c);
        double[] n1 = cross(b1, b2);
        double[] n2 = cross(b2, b3);
        double x = dot(n1, n2);
        double y = dot(cross(n1, n2), b2) / norm(b2);
        double deg = Math.toDegrees(Math.atan2(y, x));
        return deg <= -180 ? deg + 360 : deg;
    }

    static double[] at(double[] coords, int i, Backbone atom) {
        int o = (i * 4 + atom.ordinal()) * 3;
        return new double[] {coords[o], coords[o + 1], coords[o + 2]};
    }

    private static boolean has(boolean[] mask, int i, Backbone atom) {
        return mask == null || mask[i * 4 + atom.ordinal()];
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
