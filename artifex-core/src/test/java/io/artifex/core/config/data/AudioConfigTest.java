package io.artifex.core.config.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.artifex.core.config.ConfigIO;
import org.junit.jupiter.api.Test;

/** The {@code audio} block of a data config: defaults, round trip and its rules with field paths. */
class AudioConfigTest {

    @Test
    void defaultsAndRoundTrip() {
        DataConfig read = ConfigIO.fromYaml("schemaVersion: 2\ndataset: audio\naudio: {clipLength: 4000}\n",
                DataConfig.class);
        assertThat(read.audio()).isEqualTo(AudioConfig.builder().clipLength(4000).build());
        assertThat(read.audio().sampleRate()).isEqualTo(16_000);
        assertThat(read.audio().layout()).isEqualTo("librispeech");
        assertThat(read.audio().mono()).isTrue();
        assertThat(read.audio().muLaw()).isFalse();
        assertThat(read.audio().resample()).isFalse();
        assertThat(read.audio().normalise()).isEqualTo("none");
        DataConfig full = DataConfig.builder().dataset("audio").directory("/speech").audio(AudioConfig.builder()
                .layout("folder").sampleRate(8000).clipLength(1024).mono(false).normalise("RMS").muLaw(true)
                .resample(true).build()).build();
        assertThat(full.audio().normalise()).isEqualTo("rms");
        assertThat(ConfigIO.fromYaml(ConfigIO.toYaml(full), DataConfig.class)).isEqualTo(full);
        assertThat(ConfigIO.fromJson(ConfigIO.toJson(full), DataConfig.class)).isEqualTo(full);
        assertThat(full.toBuilder().build()).isEqualTo(full);
        assertThat(DataConfig.of("mnist", null).audio()).isNull();
    }

    // planted bug caught: the audio-only rule comparing the raw dataset name (so 'Audio' would be refused)
    @Test
    void badValuesAreRefusedWithTheFieldPath() {
        assertThat(ConfigIO.fromYaml("schemaVersion: 2\ndataset: Audio\naudio: {}\n", DataConfig.class).audio())
                .isEqualTo(AudioConfig.defaults());
        assertThatThrownBy(() -> ConfigIO.fromYaml("schemaVersion: 2\ndataset: audio\naudio: {layout: tape}\n",
                DataConfig.class)).hasMessageContaining("audio.layout: must be one of folder, librispeech");
        assertThatThrownBy(() -> ConfigIO.fromYaml("schemaVersion: 2\ndataset: audio\naudio: {normalise: loud}\n",
                DataConfig.class)).hasMessageContaining("audio.normalise: must be one of none, peak, rms");
        assertThatThrownBy(() -> ConfigIO.fromYaml("schemaVersion: 2\ndataset: audio\naudio: {sampleRate: 0}\n",
                DataConfig.class)).hasMessageContaining("audio.sampleRate: must be greater than 0");
        assertThatThrownBy(() -> ConfigIO.fromYaml("schemaVersion: 2\ndataset: audio\naudio: {clipLength: 5000000}\n",
                DataConfig.class)).hasMessageContaining("audio.clipLength: must be less than or equal to 4194304");
        assertThatThrownBy(() -> ConfigIO.fromYaml("schemaVersion: 2\ndataset: mnist\naudio: {clipLength: 100}\n",
                DataConfig.class)).hasMessageContaining("audio: is set but dataset is 'mnist'");
    }
}
