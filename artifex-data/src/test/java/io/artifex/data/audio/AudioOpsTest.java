package io.artifex.data.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Mixdown, normalisation and seeded crops on small arrays with known answers. */
class AudioOpsTest {

    // planted bug caught: mixdown summing instead of averaging
    @Test
    void mixdownAveragesTheChannels() {
        AudioClip stereo = new AudioClip(new float[][] {{1f, -0.5f}, {0f, 0.5f}}, 8000, 16);
        assertThat(stereo.toMono().channel(0)).containsExactly(0.5f, 0f);
        assertThat(stereo.toMono().sampleRate()).isEqualTo(8000);
    }

    // planted bug caught: RMS computed without the square root (scales to the mean square)
    @Test
    void peakAndRmsNormalisation() {
        float[] x = {0.1f, -0.2f, 0.05f, 0f};
        assertThat(AudioOps.normalisePeak(x, 1.0)).containsExactly(0.5f, -1f, 0.25f, 0f);
        float[] rms = AudioOps.normaliseRms(x, 0.1);
        double sum = 0;
        for (float v : rms) {
            sum += v * v;
        }
        assertThat(Math.sqrt(sum / 4)).isCloseTo(0.1, Offset.offset(1e-6));
        assertThat(AudioOps.normaliseRms(new float[] {1f, 0f, 0f, 0f}, 1.0)).containsExactly(1f, 0f, 0f, 0f);
        assertThat(AudioOps.normalise(new float[3], Normalisation.PEAK)).containsExactly(0f, 0f, 0f);
        assertThatThrownBy(() -> AudioOps.normalisePeak(x, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0, 1]");
    }

    // planted bug caught: start drawn from [0, n - length) (the last window never chosen) or crops not contiguous
    @Test
    void cropsAreSeededContiguousWindowsAndShortClipsArePadded() {
        float[] x = new float[10];
        for (int i = 0; i < 10; i++) {
            x[i] = i;
        }
        Set<Float> starts = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            float[] c = AudioOps.randomCrop(x, 4, seed);
            assertThat(c).hasSize(4);
            for (int i = 1; i < 4; i++) {
                assertThat(c[i]).isEqualTo(c[0] + i);
            }
            assertThat(AudioOps.randomCrop(x, 4, seed)).containsExactly(c);
            starts.add(c[0]);
        }
        assertThat(starts).containsExactlyInAnyOrder(0f, 1f, 2f, 3f, 4f, 5f, 6f);
        assertThat(AudioOps.randomCrop(new float[] {1, 2}, 4, 9)).containsExactly(1, 2, 0, 0);
    }
}
