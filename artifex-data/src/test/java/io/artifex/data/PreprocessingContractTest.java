package io.artifex.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.image.ValueRange;
import io.artifex.core.model.DataContract;
import io.artifex.core.random.Rng;
import io.artifex.data.transform.ImageTransform;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/**
 * The transform a data contract's message names for each preprocessing is the one the data
 * module applies for it, and {@code preprocessing: auto} becomes the model's own.
 */
class PreprocessingContractTest {

    @Test
    void eachPreprocessingNamesTheTransformsMethodThatDataSourcesApplies() throws Exception {
        Class<?> transforms = Class.forName(Preprocessing.TRANSFORMS_CLASS);
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] pixels = {0f, 1f, 17f, 128f, 200f, 254f, 255f, 77f};
            for (Preprocessing p : Preprocessing.values()) {
                if (p == Preprocessing.AUTO) {
                    continue;
                }
                String name = p.transformMethod().orElseThrow();
                assertThat(name).endsWith("()");
                Method method = transforms.getMethod(name.substring(0, name.length() - 2));
                assertThat(Modifier.isStatic(method.getModifiers())).as(name).isTrue();
                ImageTransform named = (ImageTransform) method.invoke(null);
                ImageTransform applied = DataSources.transformOf(DataConfig.of("mnist", p));
                NDArray x = manager.create(pixels, new Shape(2, 4));
                assertThat(named.apply(x, new Rng(5)).toFloatArray()).as(p.id())
                        .containsExactly(applied.apply(x, new Rng(5)).toFloatArray());
            }
        }
    }

    @Test
    void autoMustBeResolvedAndResolvesToTheContractsPreprocessing() {
        DataConfig auto = DataConfig.of("mnist", Preprocessing.AUTO);
        assertThatThrownBy(() -> DataSources.transformOf(auto))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'auto'").hasMessageContaining("dataContract().resolve");
        DataContract symmetric = DataContract.of(ValueRange.MINUS_ONE_ONE, new Shape(1, 28, 28));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray train = DataSources.train(auto, symmetric, 32, 1).epoch(0).next(manager).x();
            NDArray test = DataSources.test(auto, symmetric, 32, 1).epoch(0).next(manager).x();
            for (NDArray x : new NDArray[] {train, test}) {
                // MNIST digits have black (0) and white (255) pixels: scale11 gives exactly -1 and 1
                assertThat(x.min().getFloat()).isEqualTo(-1f);
                assertThat(x.max().getFloat()).isEqualTo(1f);
                assertThat(symmetric.mismatch(x)).isEmpty();
            }
        }
    }
}
