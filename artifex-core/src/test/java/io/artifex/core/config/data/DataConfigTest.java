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
        assertThat(new DataConfig("mnist", null, null, null, null)).isEqualTo(DataConfig.of("mnist", null));
        DataConfig aug = new DataConfig("cifar10", "/data", Preprocessing.SCALE11, false, null, List.of("hflip", "crop"));
        assertThat(ConfigIO.fromYaml(ConfigIO.toYaml(aug), DataConfig.class)).isEqualTo(aug);
        assertThat(ConfigIO.fromJson(ConfigIO.toJson(aug), DataConfig.class)).isEqualTo(aug);
    }

    @Test
    void unknownAugmentationIsRejectedWithTheValidNames() {
        assertThatThrownBy(() -> ConfigIO.fromYaml("schemaVersion: 1\ndataset: cifar10\naugment: [hflip, rotate]\n", DataConfig.class))
                .hasMessageContaining("augment[1]: must be one of crop, crop-reflect, hflip");
    }
}
