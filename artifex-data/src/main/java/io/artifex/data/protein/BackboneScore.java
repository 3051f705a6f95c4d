package io.artifex.data.protein;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * How far a backbone is from ideal geometry ({@link IdealGeometry}): the mean squared
 * deviation of the three bond lengths (N-CA, CA-C, C-N; ångström squared) and of the three bond
 * angles (N-CA-C, CA-C-N, C-N-CA; degrees squared) over every defined term, and the fraction of
 * peptide bonds that are cis ({@code |omega| < 30} degrees). Lower is more physical; an ideal
 * all-trans backbone scores 0, 0, 0.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param bondMsd mean squared bond-length deviation (Å²)
 * @param angleMsd mean squared bond-angle deviation (deg²)
 * @param cisFraction fraction of defined omegas that are cis
 * @param bonds number of bond lengths scored
 * @param angles number of bond angles scored
 * @param peptides number of omegas scored
 * @param chainBreaks peptide links missing or (for loaded chains) too long
 */
public record BackboneScore(double bondMsd, double angleMsd, double cisFraction, int bonds, int angles,
                            int peptides, int chainBreaks) {

    /** The root mean squared bond-length deviation (Å). */
    public double bondRmsd() {
        return Math.sqrt(bondMsd);
    }

    /** The root mean squared bond-angle deviation (degrees). */
    public double angleRmsd() {
        return Math.sqrt(angleMsd);
    }

    /** Scores measured geometry. */
    public static BackboneScore of(BackboneGeometry.Measures m) {
        Acc acc = new Acc();
        acc.add(m);
        return acc.result();
    }

    /** Scores a loaded chain (breaks detected from the C-N distance). */
    public static BackboneScore of(ProteinChain chain) {
        return of(BackboneGeometry.measure(chain));
    }

    /**
     * Scores generated backbones {@code coords} shaped {@code (L, 4, 3)} or {@code (N, L, 4, 3)}
     * (atoms N, CA, C, O), pooling all terms. {@code atomMask} (same leading shape, {@code (..., 4)},
     * non-zero = present) may be null; each chain is scored up to its last residue with a CA, and
     * consecutive residues count as bonded however far apart.
     */
    public static BackboneScore of(NDArray coords, NDArray atomMask) {
        Shape s = coords.getShape();
        if (s.dimension() == 3) {
            s = new Shape(1, s.get(0), s.get(1), s.get(2));
        }
        if (s.dimension() != 4 || s.get(2) != 4 || s.get(3) != 3) {
            throw new IllegalArgumentException("backbone coordinates must be shaped (L, 4, 3) or (N, L, 4, 3), got "
                    + coords.getShape());
        }
        int n = (int) s.get(0);
        int l = (int) s.get(1);
        if (atomMask != null && atomMask.getShape().size() != (long) n * l * 4) {
            throw new IllegalArgumentException("atom mask must be shaped (N, L, 4) = (" + n + ", " + l + ", 4), got "
                    + atomMask.getShape());
        }
        double[] xyz = coords.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] maskValues = atomMask == null ? null : atomMask.toType(DataType.FLOAT64, false).toDoubleArray();
        Acc acc = new Acc();
        for (int b = 0; b < n; b++) {
            boolean[] mask = new boolean[l * 4];
            int len = 0;
            for (int k = 0; k < l * 4; k++) {
                mask[k] = maskValues == null || maskValues[b * l * 4 + k] != 0;
                if (mask[k] && k % 4 == Backbone.CA.ordinal()) {
                    len = k / 4 + 1;
                }
            }
            if (len == 0) {
                continue;
            }
            double[] c = new double[len * 12];
            System.arraycopy(xyz, b * l * 12, c, 0, len * 12);
            boolean[] m = java.util.Arrays.copyOf(mask, len * 4);
            acc.add(BackboneGeometry.measure(c, m, len, false));
        }
        return acc.result();
    }

    private static final class Acc {
        double bondSq;
        double angleSq;
        int bonds;
        int angles;
        int peptides;
        int cis;
        int breaks;

        void add(BackboneGeometry.Measures m) {
            bond(m.nCa(), IdealGeometry.N_CA);
            bond(m.caC(), IdealGeometry.CA_C);
            double[] cN = m.cN().clone();
            for (int i = 0; i < cN.length; i++) {
                if (Double.isNaN(m.omega()[i])) {
                    cN[i] = Double.NaN; // a break: not a bond
                }
            }
            bond(cN, IdealGeometry.C_N);
            angle(m.angleNCaC(), IdealGeometry.ANGLE_N_CA_C);
            angle(m.angleCaCN(), IdealGeometry.ANGLE_CA_C_N);
            angle(m.angleCNCa(), IdealGeometry.ANGLE_C_N_CA);
            for (double w : m.omega()) {
                if (!Double.isNaN(w)) {
                    peptides++;
                    cis += Math.abs(w) < IdealGeometry.CIS_THRESHOLD ? 1 : 0;
                }
            }
            breaks += m.chainBreaks();
        }

        private void bond(double[] values, double ideal) {
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    bondSq += (v - ideal) * (v - ideal);
                    bonds++;
                }
            }
        }

        private void angle(double[] values, double ideal) {
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    angleSq += (v - ideal) * (v - ideal);
                    angles++;
                }
            }
        }

        BackboneScore result() {
            return new BackboneScore(bonds == 0 ? 0 : bondSq / bonds, angles == 0 ? 0 : angleSq / angles,
                    peptides == 0 ? 0 : (double) cis / peptides, bonds, angles, peptides, breaks);
        }
    }
}
