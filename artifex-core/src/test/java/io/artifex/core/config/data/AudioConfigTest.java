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
    // planted bugs caught: toBuilder dropping level or gainDb; the level-with-none rule missing; gainDb unbounded
    @Test
    void levelsAreSettableFromYamlAndChecked() {
        DataConfig read = ConfigIO.fromYaml("schemaVersion: 2\ndataset: audio\n"
                + "audio: {normalise: rms, level: 0.05, gainDb: -6}\n", DataConfig.class);
        assertThat(read.audio().level()).isEqualTo(0.05);
        assertThat(read.audio().levelOrDefault()).isEqualTo(0.05);
        assertThat(read.audio().gainDb()).isEqualTo(-6.0);
        assertThat(read.audio().gainFactor()).isCloseTo(0.501187, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(read.audio().toBuilder().build()).isEqualTo(read.audio());
        assertThat(ConfigIO.fromYaml(ConfigIO.toYaml(read), DataConfig.class)).isEqualTo(read);
        AudioConfig defaults = AudioConfig.defaults();
        assertThat(defaults.level()).isNull();
        assertThat(defaults.gainDb()).isEqualTo(0.0);
        assertThat(defaults.gainFactor()).isEqualTo(1.0);
        assertThat(defaults.toBuilder().normalise("peak").build().levelOrDefault()).isEqualTo(1.0);
        assertThat(defaults.toBuilder().normalise("rms").build().levelOrDefault()).isEqualTo(0.1);

        String head = "schemaVersion: 2\ndataset: audio\naudio: ";
        assertThatThrownBy(() -> ConfigIO.fromYaml(head + "{level: 0.5}\n", DataConfig.class))
                .hasMessageContaining("audio.level: is set but normalise is none");
        assertThatThrownBy(() -> ConfigIO.fromYaml(head + "{normalise: peak, level: 0}\n", DataConfig.class))
                .hasMessageContaining("audio.level: must be greater than 0");
        assertThatThrownBy(() -> ConfigIO.fromYaml(head + "{normalise: peak, level: 1.5}\n", DataConfig.class))
                .hasMessageContaining("audio.level: must be less than or equal to 1");
        assertThatThrownBy(() -> ConfigIO.fromYaml(head + "{gainDb: 75}\n", DataConfig.class))
                .hasMessageContaining("audio.gainDb: must be less than or equal to 60");
        assertThatThrownBy(() -> ConfigIO.fromYaml(head + "{gainDb: .nan}\n", DataConfig.class))
                .hasMessageContaining("audio.gainDb: must be a finite number");
    }

    // planted bug caught: the NON_NULL inclusion left off audio or text (the YAML then says 'audio: null')
    @Test
    void absentAudioAndTextSectionsAreNotWritten() {
        String yaml = ConfigIO.toYaml(DataConfig.builder().dataset("mnist").build());
        assertThat(yaml).doesNotContain("audio").doesNotContain("text").contains("dataset: mnist");
        String json = ConfigIO.toJson(DataConfig.builder().dataset("mnist").build());
        assertThat(json).doesNotContain("\"audio\"").doesNotContain("\"text\"");
        String withAudio = ConfigIO.toYaml(DataConfig.builder().dataset("audio").audio(AudioConfig.defaults()).build());
        assertThat(withAudio).contains("audio:").contains("sampleRate: 16000").doesNotContain("text")
                .doesNotContain("level");
    }
}
