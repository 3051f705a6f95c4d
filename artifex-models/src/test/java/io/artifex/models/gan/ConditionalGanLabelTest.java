package io.artifex.models.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.artifex.core.config.ActivationType;
import io.artifex.core.random.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A conditional GAN's label reaches its output. For the MLP generator the output is checked
 * against a plain-Java forward pass of {@code [z, onehot(label)]} through the network's own
 * weights (catches a label that is dropped, shifted to the wrong class, or appended in the
 * wrong place); for the DCGAN, one latent repeated under three labels gives three different
 * images, under one label three identical ones, and a seeded draw is repeatable.
 */
class ConditionalGanLabelTest {

    private static float[] values(Parameter p) {
        return p.getArray().toFloatArray();
    }

    /** y = W x + b with W (out x in) stored row-major, then ReLU unless last. */
    private static double[] dense(float[] w, float[] b, double[] x, boolean relu) {
        double[] out = new double[b.length];
        for (int o = 0; o < b.length; o++) {
            double s = b[o];
            for (int i = 0; i < x.length; i++) {
                s += w[o * x.length + i] * x[i];
            }
            out[o] = relu ? Math.max(0, s) : s;
        }
        return out;
    }

    @Test
    void theMlpGeneratorMapsTheLatentAndTheOneHotLabelAsAPlainForwardPassDoes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ConditionalGan gan = (ConditionalGan) GanFixtures.create(
                    GanFixtures.mlp(GanLoss.NON_SATURATING, ActivationType.RELU, 1, 3, false), manager, 4);
            List<float[]> params = new ArrayList<>();
            for (Pair<String, Parameter> p : gan.generator().getParameters()) {
                params.add(values(p.getValue()));
            }
            assertThat(params).hasSize(6); // three linear layers: weight, bias each
            float[] zs = new Rng(11).normal(manager, new Shape(4, 4)).toFloatArray();
            long[] labels = {0, 1, 2, 1};
            float[] out = gan.decode(manager.create(zs, new Shape(4, 4)), manager.create(labels), manager)
                    .toFloatArray();
            for (int row = 0; row < 4; row++) {
                double[] x = new double[4 + 3];
                for (int i = 0; i < 4; i++) {
                    x[i] = zs[4 * row + i];
                }
                x[4 + (int) labels[row]] = 1;
                double[] h = dense(params.get(0), params.get(1), x, true);
                h = dense(params.get(2), params.get(3), h, true);
                double[] y = dense(params.get(4), params.get(5), h, false);
                for (int j = 0; j < 2; j++) {
                    assertThat((double) out[2 * row + j]).as("row %d, output %d", row, j).isCloseTo(y[j], within(1e-5));
                }
            }
        }
    }

    @Test
    void oneLatentUnderDifferentLabelsGivesDifferentImagesAndUnderOneLabelTheSameImage() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ConditionalGan gan = (ConditionalGan) GanFixtures.create(
                    GanFixtures.tinyDcgan(GanLoss.NON_SATURATING, true, false, 3, 0), manager, 2);
            NDArray one = new Rng(3).normal(manager, new Shape(1, 8));
            NDArray z = one.repeat(0, 3);
            float[] byLabel = gan.decode(z, manager.create(new long[] {0, 1, 2}), manager).toFloatArray();
            float[] sameLabel = gan.decode(z, manager.create(new long[] {1, 1, 1}), manager).toFloatArray();
            int size = 12 * 12;
            for (int a = 0; a < 3; a++) {
                for (int b = a + 1; b < 3; b++) {
                    double difference = 0;
                    double same = 0;
                    for (int i = 0; i < size; i++) {
                        difference = Math.max(difference, Math.abs(byLabel[a * size + i] - byLabel[b * size + i]));
                        same = Math.max(same, Math.abs(sameLabel[a * size + i] - sameLabel[b * size + i]));
                    }
                    assertThat(difference).as("labels %d and %d", a, b).isGreaterThan(1e-3);
                    assertThat(same).isLessThan(1e-5); // the same input row: equal up to float rounding
                }
            }
            // label 1 in the mixed batch is the image of label 1 alone
            for (int i = 0; i < size; i++) {
                assertThat(byLabel[size + i]).isCloseTo(sameLabel[i], within(1e-5f));
            }
            // a seeded labelled draw is repeatable, and other labels with the same seed change it
            NDArray labels = manager.create(new long[] {0, 2});
            float[] first = gan.generate(labels, manager, new Rng(9)).toFloatArray();
            assertThat(gan.generate(labels, manager, new Rng(9)).toFloatArray()).containsExactly(first);
            assertThat(gan.generate(manager.create(new long[] {1, 0}), manager, new Rng(9)).toFloatArray())
                    .isNotEqualTo(first);
        }
    }
}
