package io.artifex.examples.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.data.audio.AudioClip;
import io.artifex.data.audio.WavReader;
import io.artifex.models.autoregressive.wavenet.WaveNet;
import io.artifex.models.autoregressive.wavenet.WaveNetConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WAV clips from a class-conditional WaveNet (what a training run on labelled audio writes at its
 * end): one file per clip, clip j for class j mod numClasses. Planted once: writeSamples calling the
 * class-less generate -> a conditional run failed at its end with "give one label per clip".
 */
class AudioRunTest {

    @Test
    void aConditionalWaveNetWritesOneClipPerClassInTurn(@TempDir Path dir) throws Exception {
        WaveNetConfig config = WaveNetConfig.builder().name("tiny").residualChannels(4).dilationChannels(4)
                .skipChannels(8).numLayers(2).dilationCycle(2).numClasses(2).build();
        try (WaveNet model = (WaveNet) Models.create(config, 0)) {
            List<Path> files = AudioRun.writeSamples(model, 3, 25, 1.0, true, 8000, dir.resolve("s.wav"), new Rng(0));
            assertThat(files).containsExactly(dir.resolve("s-0.wav"), dir.resolve("s-1.wav"), dir.resolve("s-2.wav"));
            AudioClip clip = WavReader.read(files.get(2));
            assertThat(clip.frames()).isEqualTo(25);
            assertThat(clip.sampleRate()).isEqualTo(8000);
        }
        assertThat(AudioRun.classesInTurn(5, 2)).containsExactly(0, 1, 0, 1, 0);
        WaveNetConfig sixteen = WaveNetConfig.builder().name("levels").residualChannels(2).dilationChannels(2)
                .skipChannels(2).numLayers(1).dilationCycle(1).numLevels(16).build();
        try (WaveNet model = (WaveNet) Models.create(sixteen, 0)) {
            assertThatThrownBy(() -> AudioRun.writeSamples(model, 1, 5, 1.0, true, 8000, dir.resolve("x.wav"),
                    new Rng(0))).hasMessageContaining("set model.numLevels: 256");
        }
    }
}
