package io.artifex.core.config.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.artifex.core.config.ConfigIO;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataConfigTest {

    @Test
    void augmentDefaultsToNoneAndRoundTripsThroughYamlAndJson() {
        DataConfig old = ConfigIO.fromYaml("schemaVersion: 1\ndataset: cifar10\n", DataConfig.class);
        assertThat(old.augment()).isEmpty();
        assertThat(DataConfig.builder().dataset("mnist").build()).isEqualTo(DataConfig.of("mnist", null));
        DataConfig aug = DataConfig.builder().dataset("cifar10").directory("/data")
                .preprocessing(Preprocessing.SCALE11).flatten(false).augment(List.of("hflip", "crop")).build();
        assertThat(ConfigIO.fromYaml(ConfigIO.toYaml(aug), DataConfig.class)).isEqualTo(aug);
        assertThat(ConfigIO.fromJson(ConfigIO.toJson(aug), DataConfig.class)).isEqualTo(aug);
    }

    @Test
    void theFiveFieldFormTakesDefaultsForItsNullsLikeTheBuilder() {
        DataConfig noFlatten = new DataConfig("mnist", "/data", Preprocessing.SCALE11, null, 500);
        DataConfig noToySize = new DataConfig("moons", "/toy", Preprocessing.SCALE01, true, null);

        assertThat(noFlatten).isEqualTo(DataConfig.builder().dataset("mnist").directory("/data")
                .preprocessing(Preprocessing.SCALE11).toySize(500).build());
        assertThat(noFlatten.flatten()).isFalse();
        assertThat(noToySize.toySize()).isEqualTo(10_000);
        assertThat(noToySize.flatten()).isTrue();
    }

    @Test
    void unknownAugmentationIsRejectedWithTheValidNames() {
        assertThatThrownBy(() -> ConfigIO.fromYaml("schemaVersion: 1\ndataset: cifar10\naugment: [hflip, rotate]\n", DataConfig.class))
                .hasMessageContaining("augment[1]: must be one of crop, crop-reflect, hflip");
    }
}
