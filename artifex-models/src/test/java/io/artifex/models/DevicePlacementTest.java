package io.artifex.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.artifex.core.model.Batch;
import io.artifex.core.model.ConditionalModel;
import io.artifex.core.model.ConditionalPreviewSampling;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.ImportanceWeightedLikelihood;
import io.artifex.core.model.LatentEncoder;
import io.artifex.core.model.LatentGenerator;
import io.artifex.core.model.LikelihoodModel;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.PreviewSampling;
import io.artifex.core.model.DecodingOptions;
import io.artifex.core.model.TextGeneration;
import io.artifex.core.model.TokenLikelihood;
import io.artifex.core.model.StepContext;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every array the library makes for a model lives on that model's manager, and so on its device.
 * A CPU-only machine has one device, so two root managers stand for two: the model's own root
 * (made by {@code Models.create} on the chosen device) and any other root, such as one made with
 * {@code NDManager.newBaseManager()}. A result whose manager does not descend from the model's
 * manager (e.g. made on a fresh base manager inside the library, which on a GPU machine is the
 * default device, not the model's) fails the test.
 */
class DevicePlacementTest {

    static Iterable<String> names() {
        return TinyModels.names();
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyResultOfTheModelLivesUnderItsManager(String name) {
        try (GenerativeModel model = Models.create(TinyModels.config(name), 0, Device.cpu());
             NDManager otherDevice = NDManager.newBaseManager()) {
            NDManager home = model.manager();
            assertThat(model.device()).isEqualTo(Device.cpu());
            for (Parameter p : model.network().getParameters().values()) {
                assertThat(p.getArray().getManager()).as("%s parameter %s", name, p.getName()).isSameAs(home);
            }
            // the check itself: an array of the other "device" is not under the model's manager
            assertThat(isUnder(otherDevice.create(1f), home)).isFalse();

            try (NDManager scope = home.newSubManager()) {
                Map<String, NDArray> results = new LinkedHashMap<>();
                Batch batch = TinyModels.batch(model, 2, scope, new Rng(1));
                results.put("generate", batch.x());
                StepContext context = new StepContext(scope, new ParameterStore(scope, false), new Rng(2), false, 0);
                ModelOutputs outputs = model.forward(batch, context);
                outputs.asMap().forEach((k, v) -> results.put("forward " + k, v));
                LossResult loss = model.loss(batch, outputs, context);
                results.put("loss", loss.total());
                loss.terms().forEach((k, v) -> results.put("loss term " + k, v));
                capabilityResults(model, batch, scope, results);
                for (Map.Entry<String, NDArray> r : results.entrySet()) {
                    assertThat(isUnder(r.getValue(), home)).as("%s: %s lives on %s, not under the model's manager",
                            name, r.getKey(), r.getValue().getManager()).isTrue();
                }
            }
        }
    }

    /** Calls every capability the model has and collects what comes back. */
    private static void capabilityResults(GenerativeModel model, Batch batch, NDManager scope,
                                          Map<String, NDArray> results) {
        NDArray x = batch.x();
        if (model instanceof LatentGenerator latent) {
            NDArray z = latent.samplePrior(2, scope, new Rng(3));
            results.put("samplePrior", z);
            results.put("decode", latent.decode(z, scope));
            results.put("interpolateLatents", latent.interpolateLatents(z.get(0), z.get(1), 3, true, scope));
        }
        if (model instanceof LatentEncoder encoder) {
            results.put("encode", encoder.encode(x, scope));
            results.put("reconstruct", encoder.reconstruct(x, scope));
            results.put("interpolate", encoder.interpolate(x.get(0), x.get(1), 3, scope));
        }
        if (model instanceof LikelihoodModel likelihood) {
            results.put("logProb", likelihood.logProb(batch, scope, new Rng(4)));
            results.put("bitsPerDim", likelihood.bitsPerDim(batch, scope, new Rng(4)));
        }
        if (model instanceof ImportanceWeightedLikelihood bounded) {
            results.put("logProb k=3", bounded.logProb(batch, 3, scope, new Rng(5)));
        }
        if (model instanceof ConditionalModel conditional) {
            results.put("generate(labels)", conditional.generate(scope.create(new long[] {1, 0}), scope, new Rng(6)));
        }
        if (model instanceof TextGeneration text) {
            results.put("generate(prompt)", text.generate(new int[] {1, 2}, 2, 3, DecodingOptions.sampling(), scope,
                    new Rng(9)));
        }
        if (model instanceof TokenLikelihood tokens) {
            results.put("scoredTokens", tokens.scoredTokens(batch, scope));
        }
        if (model instanceof PreviewSampling preview) {
            results.put("generatePreview", preview.generatePreview(2, scope, new Rng(7)));
        }
        if (model instanceof ConditionalPreviewSampling preview) {
            results.put("generatePreview(labels)", preview.generatePreview(scope.create(new long[] {1, 0}), scope,
                    new Rng(8)));
        }
    }

    /** Whether {@code array}'s manager is {@code root} or one of its descendants. */
    static boolean isUnder(NDArray array, NDManager root) {
        for (NDManager m = array.getManager(); m != null; m = m.getParentManager()) {
            if (m == root) {
                return true;
            }
        }
        return false;
    }
}
