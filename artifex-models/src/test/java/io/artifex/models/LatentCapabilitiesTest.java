package io.artifex.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.artifex.core.model.Batch;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.LatentEncoder;
import io.artifex.core.model.LatentGenerator;
import io.artifex.core.model.LikelihoodModel;
import io.artifex.core.model.ParameterGroup;
import io.artifex.core.model.StepContext;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.models.flow.FlowLayer;
import io.artifex.models.flow.FlowModel;
import io.artifex.models.flow.FlowResult;
import io.artifex.models.flow.FlowSequence;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The latent-space capabilities give the right numbers, family by family: a GAN, a VAE and a flow
 * decode what they generate, flows encode exactly, and interpolation ends at the decoded ends.
 * References are computed here, on the host or layer by layer, not by the method under test.
 */
class LatentCapabilitiesTest {

    @Test
    void generateIsDecodeOfThePriorForEveryLatentGenerator() {
        for (String name : List.of("dcgan", "mlp-gan", "vae", "realnvp", "maf", "glow")) {
            try (GenerativeModel model = Models.create(TinyModels.config(name), 0);
                 NDManager scope = model.manager().newSubManager()) {
                LatentGenerator latent = (LatentGenerator) model;
                NDArray z = latent.samplePrior(3, scope, new Rng(5));
                assertThat(z.getShape()).as(name).isEqualTo(new Shape(3, latent.latentDim()));
                NDArray decoded = latent.decode(z, scope);
                NDArray generated = model.generate(3, scope, new Rng(5));
                assertThat(generated.getShape()).as(name).isEqualTo(new Shape(3).addAll(model.exampleShape()));
                assertThat(decoded.toFloatArray()).as(name).containsExactly(generated.toFloatArray());
                // a different seed gives different samples: the equality above is not vacuous
                assertThat(model.generate(3, scope, new Rng(6)).toFloatArray()).as(name)
                        .isNotEqualTo(generated.toFloatArray());
            }
        }
    }

    @Test
    void latentInterpolationRunsFromTheFirstDecodedEndToTheSecondThroughTheMidpoint() {
        for (String name : List.of("dcgan", "vae", "maf")) {
            try (GenerativeModel model = Models.create(TinyModels.config(name), 0);
                 NDManager scope = model.manager().newSubManager()) {
                LatentGenerator latent = (LatentGenerator) model;
                int d = latent.latentDim();
                float[] a = new Rng(1).normal(scope, new Shape(d)).toFloatArray();
                float[] b = new Rng(2).normal(scope, new Shape(d)).toFloatArray();
                float[] mid = new float[d];
                for (int i = 0; i < d; i++) {
                    mid[i] = (a[i] + b[i]) / 2;
                }
                NDArray path = latent.interpolateLatents(scope.create(a), scope.create(b), 5, false, scope);
                assertThat(path.getShape()).as(name).isEqualTo(new Shape(5).addAll(model.exampleShape()));
                assertClose(name + " start", path.get(0), latent.decode(scope.create(a, new Shape(1, d)), scope).get(0));
                assertClose(name + " middle", path.get(2), latent.decode(scope.create(mid, new Shape(1, d)), scope).get(0));
                assertClose(name + " end", path.get(4), latent.decode(scope.create(b, new Shape(1, d)), scope).get(0));
            }
        }
    }

    @Test
    void theVaeEncodesToThePosteriorMeanAndInterpolatesBetweenReconstructions() {
        try (GenerativeModel model = Models.create(TinyModels.config("vae"), 0);
             NDManager scope = model.manager().newSubManager()) {
            LatentEncoder vae = (LatentEncoder) model;
            NDArray x = new Rng(3).uniform(scope, 0f, 1f, new Shape(2).addAll(model.exampleShape()));
            NDArray mean = model.forward(Batch.of(x), StepContext.inference(scope, new Rng(4))).get("mean");
            NDArray z = vae.encode(x, scope);
            assertClose("encode", z, mean);
            assertClose("reconstruct", vae.reconstruct(x, scope), vae.decode(mean, scope));
            NDArray path = vae.interpolate(x.get(0), x.get(1), 3, scope);
            NDArray ends = vae.decode(mean, scope);
            assertClose("interpolate start", path.get(0), ends.get(0));
            assertClose("interpolate end", path.get(2), ends.get(1));
            float[] m = mean.toFloatArray();
            int d = (int) mean.getShape().get(1);
            float[] mid = new float[d];
            for (int i = 0; i < d; i++) {
                mid[i] = (m[i] + m[d + i]) / 2;
            }
            assertClose("interpolate middle", path.get(1), vae.decode(scope.create(mid, new Shape(1, d)), scope).get(0));
        }
    }

    @Test
    void aFlowEncodesByItsForwardTransformAndDecodesExactly() {
        for (String name : List.of("realnvp", "maf")) {
            try (GenerativeModel model = Models.create(TinyModels.config(name), 0);
                 NDManager scope = model.manager().newSubManager()) {
                randomize(model, new Rng(11));
                FlowModel flow = (FlowModel) model;
                NDArray x = new Rng(12).normal(scope, new Shape(4).addAll(model.exampleShape()));
                // reference: the layers applied one after another, and the density by change of variables
                ParameterStore store = new ParameterStore(scope, false);
                NDArray y = x;
                double[] logDet = new double[4];
                for (FlowLayer layer : ((FlowSequence) flow.flow()).layers()) {
                    FlowResult r = layer.transform(store, y, false);
                    y = r.y();
                    float[] ld = r.logDet().toFloatArray();
                    for (int i = 0; i < 4; i++) {
                        logDet[i] += ld[i];
                    }
                }
                NDArray z = flow.encode(x, scope);
                assertClose(name + " encode", z, y);
                assertThat(maxAbsDiff(z, x)).as(name + ": the randomised flow is not the identity").isGreaterThan(0.01);
                assertThat(maxAbsDiff(flow.decode(z, scope), x)).as(name + " decode(encode(x))").isLessThan(1e-4);
                float[] zs = z.toFloatArray();
                float[] logProb = ((LikelihoodModel) model).logProb(Batch.of(x), scope, new Rng(0)).toFloatArray();
                int dim = flow.latentDim();
                for (int i = 0; i < 4; i++) {
                    double normal = -0.5 * dim * Math.log(2 * Math.PI);
                    for (int j = 0; j < dim; j++) {
                        normal -= 0.5 * zs[i * dim + j] * zs[i * dim + j];
                    }
                    assertThat((double) logProb[i]).as(name + " logProb " + i).isCloseTo(normal + logDet[i], within(1e-4));
                }
            }
        }
    }

    @Test
    void glowDecodesItsEncodingBackToTheImage() {
        try (GenerativeModel model = Models.create(TinyModels.config("glow"), 0);
             NDManager scope = model.manager().newSubManager()) {
            randomize(model, new Rng(13));
            LatentEncoder glow = (LatentEncoder) model;
            NDArray x = new Rng(14).uniform(scope, 0.05f, 0.95f, new Shape(2).addAll(model.exampleShape()));
            NDArray z = glow.encode(x, scope);
            assertThat(z.getShape()).isEqualTo(new Shape(2, model.exampleShape().size()));
            assertThat(maxAbsDiff(glow.reconstruct(x, scope), x)).isLessThan(1e-4);
            NDArray path = glow.interpolate(x.get(0), x.get(1), 4, scope);
            assertThat(maxAbsDiff(path.get(0), x.get(0))).isLessThan(1e-4);
            assertThat(maxAbsDiff(path.get(3), x.get(1))).isLessThan(1e-4);
        }
    }

    /** Overwrites every learned parameter with N(0, 0.1^2) draws, so that no layer is the identity. */
    private static void randomize(GenerativeModel model, Rng rng) {
        for (Parameter p : model.network().getParameters().values()) {
            if (ParameterGroup.isLearned(p)) {
                NDArray array = p.getArray();
                try (NDManager scope = array.getManager().newSubManager()) {
                    array.set(new NDIndex("..."), rng.normal(scope, array.getShape()).mul(0.1f));
                }
            }
        }
    }

    private static void assertClose(String what, NDArray actual, NDArray expected) {
        assertThat(actual.getShape()).as(what + " shape").isEqualTo(expected.getShape());
        assertThat(maxAbsDiff(actual, expected)).as(what).isLessThan(1e-5);
    }

    private static double maxAbsDiff(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }
}
