package io.artifex.eval.metrics;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Functions of symmetric positive semi-definite matrices through EJML's symmetric
 * eigendecomposition. Eigenvalues below zero (rounding in a PSD matrix, typically of order
 * {@code 1e-12} times the largest) are clamped to zero before taking square roots; a clearly
 * negative one (below {@code -1e-6} times the largest magnitude) means the input is not PSD and
 * is rejected.
 */
final class SymmetricMatrices {

    private static final double NEGATIVE_TOLERANCE = 1e-6;

    private SymmetricMatrices() {
    }

    /** The eigenvalues of a symmetric matrix (symmetrised first), clamped at zero. */
    static double[] psdEigenvalues(DMatrixRMaj symmetric, String what) {
        return decompose(symmetric, false, what).values;
    }

    /** The PSD square root {@code V diag(sqrt(max(l, 0))) V^T} of a symmetric PSD matrix. */
    static DMatrixRMaj sqrt(DMatrixRMaj symmetric, String what) {
        Eigen eig = decompose(symmetric, true, what);
        int n = symmetric.numRows;
        DMatrixRMaj scaled = new DMatrixRMaj(n, n);
        for (int j = 0; j < n; j++) {
            double s = Math.sqrt(eig.values[j]);
            for (int i = 0; i < n; i++) {
                scaled.unsafe_set(i, j, eig.vectors.unsafe_get(i, j) * s);
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(scaled, eig.vectors, out);
        return symmetrised(out);
    }

    /** {@code (m + m^T) / 2}, as a new matrix. */
    static DMatrixRMaj symmetrised(DMatrixRMaj m) {
        DMatrixRMaj t = new DMatrixRMaj(m.numCols, m.numRows);
        CommonOps_DDRM.transpose(m, t);
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, m.numCols);
        CommonOps_DDRM.add(0.5, m, 0.5, t, out);
        return out;
    }

    /** Copies a square {@code double[][]} into an EJML matrix. */
    static DMatrixRMaj of(double[][] a) {
        return new DMatrixRMaj(a);
    }

    private record Eigen(double[] values, DMatrixRMaj vectors) {
    }

    private static Eigen decompose(DMatrixRMaj symmetric, boolean vectors, String what) {
        int n = symmetric.numRows;
        DMatrixRMaj input = symmetrised(symmetric);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, vectors, true);
        if (!eig.decompose(input)) {
            throw new IllegalArgumentException(what + ": symmetric eigendecomposition did not converge");
        }
        double[] values = new double[n];
        double largest = 0;
        for (int i = 0; i < n; i++) {
            values[i] = eig.getEigenvalue(i).real;
            largest = Math.max(largest, Math.abs(values[i]));
        }
        DMatrixRMaj v = vectors ? new DMatrixRMaj(n, n) : null;
        for (int i = 0; i < n; i++) {
            if (values[i] < -NEGATIVE_TOLERANCE * Math.max(largest, Double.MIN_NORMAL)) {
                throw new IllegalArgumentException(what + " is not positive semi-definite: eigenvalue " + values[i]
                        + " (largest magnitude " + largest + ")");
            }
            values[i] = Math.max(0, values[i]);
            if (vectors) {
                DMatrixRMaj column = eig.getEigenVector(i);
                for (int r = 0; r < n; r++) {
                    v.unsafe_set(r, i, column.get(r, 0));
                }
            }
        }
        return new Eigen(values, v);
    }
}
