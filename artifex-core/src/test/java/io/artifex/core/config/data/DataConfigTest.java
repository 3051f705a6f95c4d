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

    @Test
    void imageSizeChannelsSplitAndCacheRoundTripAndAreChecked() {
        DataConfig folder = DataConfig.builder().dataset("image-folder").directory("/faces").imageSize(40, 48)
                .channels(1).split(SplitConfig.of(0.25, 7)).cacheDirectory("/tmp/c").build();
        assertThat(ConfigIO.fromYaml(ConfigIO.toYaml(folder), DataConfig.class)).isEqualTo(folder);
        assertThat(ConfigIO.fromJson(ConfigIO.toJson(folder), DataConfig.class)).isEqualTo(folder);
        DataConfig read = ConfigIO.fromYaml("schemaVersion: 2\ndataset: image-folder\nsplit: {seed: 3}\n",
                DataConfig.class);
        assertThat(read.split()).isEqualTo(SplitConfig.of(0.1, 3));
        assertThat(read.hasImageSize()).isFalse();
        assertThat(DataConfig.of("mnist", null).split()).isEqualTo(SplitConfig.defaults());

        assertThatThrownBy(() -> ConfigIO.fromYaml("schemaVersion: 2\ndataset: image-folder\nheight: 40\n",
                DataConfig.class)).hasMessageContaining("width: must be set together with height");
        assertThatThrownBy(() -> ConfigIO.fromYaml("schemaVersion: 2\ndataset: image-folder\nchannels: 2\n",
                DataConfig.class)).hasMessageContaining("channels: must be 1 (grey) or 3 (RGB), got 2");
        assertThatThrownBy(() -> ConfigIO.fromYaml("schemaVersion: 2\ndataset: x\nheight: 5000\nwidth: 5\n",
                DataConfig.class)).hasMessageContaining("height: must be less than or equal to 4096");
        assertThatThrownBy(() -> ConfigIO.fromYaml("schemaVersion: 2\ndataset: x\nsplit: {testFraction: 1}\n",
                DataConfig.class)).hasMessageContaining("split.testFraction: must be less than 1");
    }

    /**
     * The text settings round-trip and are checked where they enter. Planted bugs caught: a
     * TokenizerConfig without its cross-field rule (no <|endoftext|> accepted), a builder that drops
     * {@code text} in toBuilder.
     */
    @Test
    void textSettingsRoundTripAndAreChecked() {
        DataConfig text = DataConfig.builder().dataset("text").split(SplitConfig.of(0.05, 2))
                .text(TextConfig.builder().path("/corpus/wiki.xml.bz2").format("wikipedia").maxLength(512)
                        .tokenizer(TokenizerConfig.builder().vocabSize(8000).minFrequency(3).build()).build())
                .build();
        assertThat(ConfigIO.fromYaml(ConfigIO.toYaml(text), DataConfig.class)).isEqualTo(text);
        assertThat(ConfigIO.fromJson(ConfigIO.toJson(text), DataConfig.class)).isEqualTo(text);
        assertThat(text.toBuilder().build()).isEqualTo(text);
        DataConfig defaults = ConfigIO.fromYaml("schemaVersion: 2\ndataset: text\n", DataConfig.class);
        assertThat(defaults.textOrDefaults()).isEqualTo(TextConfig.defaults());
        assertThat(defaults.textOrDefaults().tokenizer().specialTokens()).containsExactly("<|endoftext|>", "<|pad|>");
        assertThat(defaults.textOrDefaults().maxLength()).isEqualTo(256);

        assertThatThrownBy(() -> ConfigIO.fromYaml("schemaVersion: 2\ndataset: text\ntext: {format: html}\n",
                DataConfig.class)).hasMessageContaining("text.format: must be one of auto, file, jsonl, lines, paragraphs, wikipedia");
        assertThatThrownBy(() -> ConfigIO.fromYaml("schemaVersion: 2\ndataset: text\ntext: {maxLength: 1}\n",
                DataConfig.class)).hasMessageContaining("text.maxLength");
        assertThatThrownBy(() -> ConfigIO.fromYaml("schemaVersion: 2\ndataset: text\n"
                + "text: {tokenizer: {specialTokens: ['<s>']}}\n", DataConfig.class))
                .hasMessageContaining("text.tokenizer.specialTokens: must include <|endoftext|>");
        assertThatThrownBy(() -> ConfigIO.fromYaml("schemaVersion: 2\ndataset: text\n"
                + "text: {tokenizer: {vocabSize: 257}}\n", DataConfig.class))
                .hasMessageContaining("text.tokenizer.vocabSize: must be at least 256 byte tokens + 2 special tokens = 258, got 257");
        assertThatThrownBy(() -> ConfigIO.fromYaml("schemaVersion: 2\ndataset: text\n"
                + "text: {tokenizer: {kind: wordpiece}}\n", DataConfig.class))
                .hasMessageContaining("text.tokenizer.kind: must be bpe or char");
    }
}
