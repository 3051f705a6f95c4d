package io.artifex.data.protein;

/**
 * Builds backbone coordinates from internal coordinates by NeRF placement (natural extension
 * reference frame, Parsons et al. 2005): each atom is placed from the three before it with a
 * bond length, a bond angle and a torsion. Bond lengths and angles are the ideal ones of
 * {@link IdealGeometry}; the carbonyl O lies in the peptide plane (torsion N(i+1)-CA-C-O =
 * psi + 180). Useful for reference structures and for models that generate torsions.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class BackboneBuilder {

    private BackboneBuilder() {
    }

    /**
     * {@code L x 4 x 3} coordinates (N, CA, C, O) of a chain with the given torsions in degrees;
     * {@code phi[0]} is unused, {@code psi[i]} and {@code omega[i]} place residue {@code i + 1}
     * (the last residue's psi still orients its O). The first N is at the origin, the first CA
     * on +x, the first C in the xy-plane.
     */
    public static double[] build(double[] phi, double[] psi, double[] omega) {
        int l = phi.length;
        if (l == 0 || psi.length != l || omega.length != l) {
            throw new IllegalArgumentException("phi, psi and omega must have the same positive length, got "
                    + phi.length + ", " + psi.length + ", " + omega.length);
        }
        double[][] atoms = new double[l * 4][];
        double a = Math.toRadians(IdealGeometry.ANGLE_N_CA_C);
        atoms[0] = new double[] {0, 0, 0};
        atoms[1] = new double[] {IdealGeometry.N_CA, 0, 0};
        atoms[2] = new double[] {IdealGeometry.N_CA - IdealGeometry.CA_C * Math.cos(a), IdealGeometry.CA_C * Math.sin(a), 0};
        for (int i = 0; i < l; i++) {
            double[] n = atoms[i * 4];
            double[] ca = atoms[i * 4 + 1];
            double[] c = atoms[i * 4 + 2];
            if (i + 1 < l) {
                double[] n1 = place(n, ca, c, IdealGeometry.C_N, IdealGeometry.ANGLE_CA_C_N, psi[i]);
                double[] ca1 = place(ca, c, n1, IdealGeometry.N_CA, IdealGeometry.ANGLE_C_N_CA, omega[i]);
                double[] c1 = place(c, n1, ca1, IdealGeometry.CA_C, IdealGeometry.ANGLE_N_CA_C, phi[i + 1]);
                atoms[(i + 1) * 4] = n1;
                atoms[(i + 1) * 4 + 1] = ca1;
                atoms[(i + 1) * 4 + 2] = c1;
            }
            atoms[i * 4 + 3] = place(n, ca, c, IdealGeometry.C_O, IdealGeometry.ANGLE_CA_C_O, psi[i] + 180.0);
        }
        double[] out = new double[l * 12];
        for (int k = 0; k < l * 4; k++) {
            System.arraycopy(atoms[k], 0, out, k * 3, 3);
        }
        return out;
    }

    /**
     * The point d with |cd| = {@code bond}, angle b-c-d = {@code angleDeg} and torsion
     * a-b-c-d = {@code torsionDeg}.
     */
    public static double[] place(double[] a, double[] b, double[] c, double bond, double angleDeg, double torsionDeg) {
        double theta = Math.toRadians(angleDeg);
        double tau = Math.toRadians(torsionDeg);
        double[] bc = BackboneGeometry.sub(c, b);
        double[] bcUnit = scale(bc, 1 / BackboneGeometry.norm(bc));
        double[] nrm = BackboneGeometry.cross(BackboneGeometry.sub(b, a), bcUnit);
        nrm = scale(nrm, 1 / BackboneGeometry.norm(nrm));
        double[] m = BackboneGeometry.cross(nrm, bcUnit);
        double d2x = -bond * Math.cos(theta);
        double d2y = bond * Math.sin(theta) * Math.cos(tau);
        double d2z = bond * Math.sin(theta) * Math.sin(tau);
        double[] d = new double[3];
        for (int k = 0; k < 3; k++) {
            d[k] = c[k] + d2x * bcUnit[k] + d2y * m[k] + d2z * nrm[k];
        }
        return d;
    }

    private static double[] scale(double[] v, double s) {
        return new double[] {v[0] * s, v[1] * s, v[2] * s};
    }
}
