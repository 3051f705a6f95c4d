package io.artifex.models.autoregressive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.artifex.core.model.Batch;
import io.artifex.core.model.ConditionalModel;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.LikelihoodModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelArchive;
import io.artifex.core.registry.Models;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SingleThreadedEngine.class)
class PixelCnnArchitectureTest {

    static PixelCnnConfig seedConfig() {
        return new PixelCnnConfig("pixelcnn", List.of(28, 28, 1), 64, 8);
    }

    @Test
    void seedConfigBuildsReferenceNetworkSix() {
        try (NDManager manager = NDManager.newBaseManager();
             GenerativeModel model = Models.create(seedConfig(), 0L)) {
            assertThat(model).isInstanceOf(PixelCnn.class).isInstanceOf(LikelihoodModel.class)
                    .isNotInstanceOf(ConditionalModel.class);
            assertThat(model.parameterCount()).isEqualTo(118_080L);
            List<Shape> weights = new ArrayList<>();
            for (Parameter p : model.network().getParameters().values()) {
                if (p.getType() == Parameter.Type.WEIGHT) {
                    weights.add(p.getArray().getShape());
                }
            }
            // mask-A 7x7, then 7 x [1x1 64->32, mask-B 3x3 32->32, 1x1 32->64], then 1x1 64->64, 1x1 64->256
            List<Shape> expected = new ArrayList<>();
            expected.add(new Shape(64, 1, 7, 7));
            for (int b = 0; b < 7; b++) {
                expected.add(new Shape(32, 64, 1, 1));
                expected.add(new Shape(32, 32, 3, 3));
                expected.add(new Shape(64, 32, 1, 1));
            }
            expected.add(new Shape(64, 64, 1, 1));
            expected.add(new Shape(256, 64, 1, 1));
            assertThat(weights).containsExactlyInAnyOrderElementsOf(expected).hasSize(24);
            BasePixelCnn pixelCnn = (BasePixelCnn) model;
            NDArray x = PixelCnnFixtures.randomImages(manager, 2, 1, 28, 28, 256, 1);
            assertThat(pixelCnn.logits(Batch.of(x), manager).getShape()).isEqualTo(new Shape(2, 1, 256, 28, 28));
            // the seed example's last step: 784 sequential pixel draws
            NDArray samples = model.generate(2, manager, new Rng(1));
            assertThat(samples.getShape()).isEqualTo(new Shape(2, 1, 28, 28));
            float[] v = samples.toFloatArray();
            for (float value : v) {
                assertThat(value).isEqualTo(Math.round(value * 255) / 255f);
            }
        }
    }

    @Test
    void gatedParameterCountFollowsTheLayerFormula() {
        int c = 2;
        int p = 8;
        int levels = 16;
        int layers = 3;
        int classes = 5;
        PixelCnnConfig config = PixelCnnFixtures.config(PixelCnnVariant.GATED, 6, 6, c, p, layers, classes, levels);
        try (NDManager manager = NDManager.newBaseManager();
             BasePixelCnn model = PixelCnnFixtures.create(config, manager, 0)) {
            assertThat(model).isInstanceOf(ConditionalPixelCnn.class);
            long first = (2L * p * c * 3 * 7 + 2 * p) + (2L * p * c * 3 + 2 * p);
            long later = (2L * p * p * 2 * 3 + 2 * p) + (2L * p * p * 2 + 2 * p);
            long perLayer = (2L * p * 2 * p + 2 * p) + ((long) p * p + p) + 2L * classes * 2 * p;
            long head = ((long) p * p + p) + ((long) p * c * levels + (long) c * levels);
            assertThat(model.parameterCount()).isEqualTo(first + (layers - 1) * later + layers * perLayer + head);
        }
    }

    @Test
    void conditionalPlainPixelCnnAddsOnlyClassTables() {
        PixelCnnConfig plain = PixelCnnFixtures.config(PixelCnnVariant.PIXELCNN, 5, 5, 1, 8, 3, 0, 4);
        PixelCnnConfig conditional = PixelCnnFixtures.config(PixelCnnVariant.PIXELCNN, 5, 5, 1, 8, 3, 3, 4);
        try (NDManager manager = NDManager.newBaseManager();
             BasePixelCnn a = PixelCnnFixtures.create(plain, manager, 0);
             BasePixelCnn b = PixelCnnFixtures.create(conditional, manager, 0)) {
            // one table (3 x 8) after the input layer, one (3 x 4) per residual block
            assertThat(b.parameterCount() - a.parameterCount()).isEqualTo(3L * 8 + 2L * 3 * 4);
            assertThat(((ConditionalModel) b).numClasses()).isEqualTo(3);
        }
    }

    @Test
    void badInputsAreRejectedWithClearMessages() {
        PixelCnnConfig config = PixelCnnFixtures.config(PixelCnnVariant.PIXELCNN, 4, 4, 1, 8, 2, 0, 256);
        PixelCnnConfig conditional = PixelCnnFixtures.config(PixelCnnVariant.GATED, 4, 4, 1, 8, 2, 2, 256);
        try (NDManager manager = NDManager.newBaseManager();
             BasePixelCnn model = PixelCnnFixtures.create(config, manager, 0);
             BasePixelCnn cond = PixelCnnFixtures.create(conditional, manager, 0)) {
            Rng rng = new Rng(0);
            NDArray raw = manager.create(new float[] {0, 3, 255, 17, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, new Shape(1, 16));
            assertThatThrownBy(() -> model.logProb(Batch.of(raw), manager, rng))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("divide raw intensities by 255");
            NDArray offGrid = manager.full(new Shape(1, 1, 4, 4), 0.5f);
            assertThatThrownBy(() -> model.logProb(Batch.of(offGrid), manager, rng))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("off that grid");
            NDArray wrong = manager.zeros(new Shape(2, 1, 5, 4));
            assertThatThrownBy(() -> model.logProb(Batch.of(wrong), manager, rng))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(N, 1, 4, 4)");
            NDArray ok = manager.zeros(new Shape(2, 16));
            assertThat(model.logProb(Batch.of(ok), manager, rng).getShape()).isEqualTo(new Shape(2));
            assertThatThrownBy(() -> cond.logProb(Batch.of(ok), manager, rng))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs labelled batches");
            assertThatThrownBy(() -> cond.logProb(Batch.of(ok, manager.create(new long[] {0, 2})), manager, rng))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 2 is outside [0, 2)");
            assertThatThrownBy(() -> ((PixelCnn) model).generate(1, 0.0, manager, rng))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature");
            assertThatThrownBy(() -> ((PixelCnn) model).complete(ok, 5, 1.0, manager, rng))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("knownRows must be in [0, 4]");
        }
    }

    @Test
    void archiveRoundTripKeepsTheLikelihood(@TempDir Path dir) {
        PixelCnnConfig config = PixelCnnFixtures.config(PixelCnnVariant.GATED, 5, 5, 1, 8, 2, 0, 8);
        try (NDManager manager = NDManager.newBaseManager();
             GenerativeModel model = Models.create(config, 3L)) {
            NDArray x = PixelCnnFixtures.randomImages(manager, 3, 1, 5, 5, 8, 2);
            float[] expected = ((LikelihoodModel) model).logProb(Batch.of(x), manager, new Rng(0)).toFloatArray();
            ModelArchive.save(model, dir);
            try (GenerativeModel loaded = ModelArchive.load(dir, manager.newSubManager(), 99L)) {
                assertThat(loaded).isInstanceOf(PixelCnn.class);
                assertThat(((LikelihoodModel) loaded).logProb(Batch.of(x), manager, new Rng(0)).toFloatArray())
                        .containsExactly(expected);
            }
        }
    }
}
