package io.artifex.data.protein;

import java.util.Arrays;

/** An ideal alpha-helix built from internal coordinates, as a chain and as PDB text. */
final class HelixFixture {

    private HelixFixture() {
    }

    static double[] constant(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /** An ideal helix of {@code n} alanines (phi -57, psi -47, omega 180), residues numbered from {@code first}. */
    static ProteinChain helix(String chainId, int n, int first) {
        double[] coords = BackboneBuilder.build(constant(n, IdealGeometry.HELIX_PHI),
                constant(n, IdealGeometry.HELIX_PSI), constant(n, IdealGeometry.OMEGA));
        boolean[] mask = new boolean[n * 4];
        Arrays.fill(mask, true);
        int[] numbers = new int[n];
        Arrays.setAll(numbers, i -> first + i);
        char[] codes = new char[n];
        Arrays.fill(codes, ' ');
        return new ProteinChain("helix:" + chainId, chainId, coords, mask, new int[n], numbers, codes);
    }
}
