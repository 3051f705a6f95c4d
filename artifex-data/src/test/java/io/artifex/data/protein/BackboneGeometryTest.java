package io.artifex.data.protein;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackboneGeometryTest {

    @TempDir
    Path dir;

    @Test
    void dihedralSignFollowsIupacOnAHandCheckedCase() {
        double[] a = {1, 0, 0};
        double[] b = {0, 0, 0};
        double[] c = {0, 0, 1};
        assertThat(BackboneGeometry.dihedral(a, b, c, new double[] {0, 1, 1})).isCloseTo(90, within(1e-9));
        assertThat(BackboneGeometry.dihedral(a, b, c, new double[] {0, -1, 1})).isCloseTo(-90, within(1e-9));
        assertThat(BackboneGeometry.dihedral(a, b, c, new double[] {-1, 0, 1})).isCloseTo(180, within(1e-9));
        assertThat(BackboneGeometry.angle(a, b, c)).isCloseTo(90, within(1e-9));
        assertThat(BackboneGeometry.distance(a, new double[] {4, 4, 0})).isCloseTo(5, within(1e-12));
    }

    @Test
    void idealHelixWrittenAsPdbReadsBackWithEveryBondAngleAndTorsionAsBuilt() throws IOException {
        int n = 14;
        Files.writeString(dir.resolve("helix.pdb"), PdbWriter.write(HelixFixture.helix("A", n, 1), 1, true));
        ProteinDataset ds = ProteinDataset.load(dir, true);
        assertThat(ds.report().problems()).isEmpty();
        ProteinChain chain = ds.chains().get(0);
        assertThat(chain.length()).isEqualTo(n);
        assertThat(chain.sequence()).isEqualTo("A".repeat(n));
        BackboneGeometry.Measures m = ds.constraints(0);
        double bond = 1e-2;
        double deg = 0.5;
        for (int i = 0; i < n; i++) {
            assertThat(m.nCa()[i]).isCloseTo(1.458, within(bond));
            assertThat(m.caC()[i]).isCloseTo(1.525, within(bond));
            assertThat(m.angleNCaC()[i]).isCloseTo(111.2, within(deg));
            if (i > 0) {
                assertThat(m.phi()[i]).as("phi %d", i).isCloseTo(-57, within(deg));
            } else {
                assertThat(m.phi()[0]).isNaN();
            }
            if (i + 1 < n) {
                assertThat(m.cN()[i]).isCloseTo(1.329, within(bond));
                assertThat(m.angleCaCN()[i]).isCloseTo(116.2, within(deg));
                assertThat(m.angleCNCa()[i]).isCloseTo(121.7, within(deg));
                assertThat(m.psi()[i]).as("psi %d", i).isCloseTo(-47, within(deg));
                assertThat(Math.abs(m.omega()[i])).as("omega %d", i).isCloseTo(180, within(deg));
                // consecutive CAs of a trans peptide are 3.80 A apart
                assertThat(BackboneGeometry.distance(chain.position(i, Backbone.CA), chain.position(i + 1, Backbone.CA)))
                        .isCloseTo(3.80, within(0.02));
            } else {
                assertThat(m.psi()[i]).isNaN();
            }
            assertThat(BackboneGeometry.distance(chain.position(i, Backbone.C), chain.position(i, Backbone.O)))
                    .isCloseTo(1.231, within(bond));
        }
        // right-handed: the CA(i..i+3) virtual torsion of an alpha helix is about +50 degrees,
        // and the rise per residue about 1.5 A (i to i+4 about 6 A along the axis, 6.2 A apart)
        double virtual = BackboneGeometry.dihedral(chain.position(2, Backbone.CA), chain.position(3, Backbone.CA),
                chain.position(4, Backbone.CA), chain.position(5, Backbone.CA));
        assertThat(virtual).isBetween(45.0, 55.0);
        assertThat(BackboneGeometry.distance(chain.position(2, Backbone.CA), chain.position(6, Backbone.CA)))
                .isBetween(5.8, 6.6);
        BackboneScore score = ds.score(0);
        assertThat(score.bondRmsd()).isLessThan(2e-3);
        assertThat(score.angleRmsd()).isLessThan(0.1);
        assertThat(score.cisFraction()).isZero();
        assertThat(score.bonds()).isEqualTo(3 * n - 1);
        assertThat(score.angles()).isEqualTo(3 * n - 2);
        assertThat(score.chainBreaks()).isZero();
    }

    @Test
    void scoreSeesStretchedBondsWrongAnglesAndCisPeptides() {
        int n = 6;
        double[] omega = HelixFixture.constant(n, 180);
        omega[2] = 0; // one cis peptide of the five
        double[] coords = BackboneBuilder.build(HelixFixture.constant(n, -60), HelixFixture.constant(n, 140), omega);
        BackboneScore cis = BackboneScore.of(BackboneGeometry.measure(coords, null, n, false));
        assertThat(cis.cisFraction()).isCloseTo(0.2, within(1e-12));
        assertThat(cis.bondMsd()).isCloseTo(0, within(1e-12));
        // move residue 3's CA by 0.1 A along its N-CA bond: N-CA becomes 1.558, CA-C and the angles change too
        double[] n3 = BackboneGeometry.at(coords, 3, Backbone.N);
        double[] ca3 = BackboneGeometry.at(coords, 3, Backbone.CA);
        double[] shifted = coords.clone();
        for (int k = 0; k < 3; k++) {
            shifted[(3 * 4 + 1) * 3 + k] += 0.1 * (ca3[k] - n3[k]) / IdealGeometry.N_CA;
        }
        BackboneGeometry.Measures m = BackboneGeometry.measure(shifted, null, n, false);
        assertThat(m.nCa()[3]).isCloseTo(1.558, within(1e-9));
        BackboneScore s = BackboneScore.of(m);
        double expected = (0.01 + Math.pow(m.caC()[3] - IdealGeometry.CA_C, 2)) / (3 * n - 1);
        assertThat(s.bondMsd()).isCloseTo(expected, within(1e-12));
        assertThat(s.angleMsd()).isGreaterThan(0.1);
        try (NDManager nd = NDManager.newBaseManager()) {
            float[] f = new float[2 * 8 * 12];
            float[] mask = new float[2 * 8 * 4];
            for (int k = 0; k < n * 12; k++) {
                f[k] = (float) shifted[k];
                f[8 * 12 + k] = (float) shifted[k];
            }
            for (int k = 0; k < n * 4; k++) {
                mask[k] = 1;
                mask[8 * 4 + k] = 1;
            }
            BackboneScore batch = BackboneScore.of(nd.create(f, new Shape(2, 8, 4, 3)), nd.create(mask, new Shape(2, 8, 4)));
            assertThat(batch.bonds()).isEqualTo(2 * (3 * n - 1));
            assertThat(batch.bondMsd()).isCloseTo(expected, within(1e-5));
            assertThat(batch.cisFraction()).isCloseTo(0.2, within(1e-12));
        }
    }
}
