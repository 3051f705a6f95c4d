package io.artifex.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import org.junit.jupiter.api.Test;

class DataSourcesTest {

    @Test
    void embeddedMnistWithDynamicBinarisationServesBinaryFlatBatches() {
        DataConfig config = DataConfig.builder().dataset("mnist").preprocessing(Preprocessing.BINARIZE).flatten(true)
                .build();
        BatchSource train = DataSources.train(config, 64, 1);
        BatchSource test = DataSources.test(config, 500, 1);
        assertThat(train.size()).isEqualTo(8000);
        assertThat(test.size()).isEqualTo(2000);
        assertThat(test.batchesPerEpoch()).isEqualTo(4);
        try (NDManager manager = NDManager.newBaseManager()) {
            EpochIterator epoch = train.epoch(0);
            Batch batch = epoch.next(manager);
            assertThat(batch.x().getShape()).isEqualTo(new Shape(64, 784));
            NDArray x = batch.x();
            assertThat(x.eq(0f).logicalOr(x.eq(1f)).all().getBoolean()).isTrue();
            assertThat(batch.labels()).isPresent();
        }
    }

    @Test
    void symmetricScalingAndToyDataFollowTheConfig() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch images = DataSources.test(DataConfig.of("mnist", Preprocessing.SCALE11), 10, 0).epoch(0).next(manager);
            assertThat(images.x().getShape()).isEqualTo(new Shape(10, 1, 28, 28));
            assertThat(images.x().min().getFloat()).isEqualTo(-1f);
            assertThat(images.x().max().getFloat()).isEqualTo(1f);
            DataConfig eightGaussians = DataConfig.builder().dataset("eight-gaussians").toySize(256).build();
            BatchSource toy = DataSources.train(eightGaussians, 32, 0);
            assertThat(toy.size()).isEqualTo(256);
            assertThat(toy.epoch(0).next(manager).x().getShape()).isEqualTo(new Shape(32, 2));
        }
    }

    @Test
    void unknownDatasetNamesTheValidOnes() {
        assertThatThrownBy(() -> DataSources.train(DataConfig.of("cifar-11", Preprocessing.SCALE01), 8, 0))
                .hasMessageContaining("unknown dataset 'cifar-11'").hasMessageContaining("mnist");
    }

    @Test
    void aDatasetProviderOnTheClassPathIsUsedByName() {
        DataConfig config = DataConfig.of("my-moons", Preprocessing.SCALE01);
        assertThat(DataSources.providedNames()).contains("my-moons");
        assertThat(DataSources.train(config, 25, 0).size()).isEqualTo(100);
        assertThat(DataSources.test(config, 10, 0).size()).isEqualTo(40);
        assertThatThrownBy(() -> DataSources.train(DataConfig.of("their-moons", Preprocessing.SCALE01), 8, 0))
                .hasMessageContaining("from DatasetProviders, [my-moons]");
    }
}
