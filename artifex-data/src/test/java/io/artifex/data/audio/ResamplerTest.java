package io.artifex.data.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The resampler keeps a sine below the new Nyquist frequency (amplitude, frequency and phase,
 * checked sample by sample against the analytic sine at the new rate) and removes one above it.
 */
class ResamplerTest {

    private static float[] sine(double hz, int rate, int n, double amplitude) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    /** Root mean square of {@code x} between {@code from} and {@code x.length - from}. */
    private static double rms(float[] x, int from) {
        double sum = 0;
        for (int i = from; i < x.length - from; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / (x.length - 2 * from));
    }

    // planted bugs caught: the phase fraction added instead of subtracted (output shifted in time), and taps not
    // normalised with a wrong DC gain (amplitude off by more than the tolerance)
    @ParameterizedTest
    @CsvSource({"48000, 16000, 1000", "44100, 16000, 3000", "8000, 16000, 1500", "16000, 22050, 5000", "22050, 16000, 6000"})
    void sineBelowTheNewNyquistKeepsAmplitudeFrequencyAndPhase(int from, int to, double hz) {
        int n = from / 5;
        float[] y = Resampler.of(from, to).apply(sine(hz, from, n, 0.5));
        assertThat(y).hasSize((int) Math.ceil((double) n * to / from));
        float[] expected = sine(hz, to, y.length, 0.5);
        int edge = 120; // the filter's reach at the ends, where the clip is taken as zero outside
        double worst = 0;
        for (int k = edge; k < y.length - edge; k++) {
            worst = Math.max(worst, Math.abs(y[k] - expected[k]));
        }
        assertThat(worst).as("largest error against the analytic sine at %d Hz", to).isLessThan(1e-3);
    }

    // planted bug caught: the cut-off at the input's Nyquist frequency instead of the lower one (no anti-aliasing)
    @ParameterizedTest
    @CsvSource({"48000, 16000, 10000", "48000, 16000, 8500", "44100, 16000, 9000", "44100, 16000, 15000", "22050, 8000, 4500"})
    void sineAboveTheNewNyquistIsAttenuatedByAtLeast40Decibels(int from, int to, double hz) {
        float[] x = sine(hz, from, from / 5, 0.5);
        float[] y = Resampler.of(from, to).apply(x);
        double db = 20 * Math.log10(rms(y, 120) / rms(x, 0));
        assertThat(db).as("level after resampling %.0f Hz from %d to %d Hz", hz, from, to).isLessThan(-40);
    }

    @Test
    void equalRatesCopyAndBadRatesAreRefused() {
        float[] x = {1, 2, 3};
        float[] y = Resampler.of(16000, 16000).apply(x);
        assertThat(y).containsExactly(1, 2, 3).isNotSameAs(x);
        assertThatThrownBy(() -> Resampler.of(0, 16000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample rates must be in 1..1048575 Hz, got 0 -> 16000");
        assertThat(Resampler.besselI0(0)).isEqualTo(1.0);
        assertThat(Resampler.besselI0(1)).isCloseTo(1.2660658777520082, org.assertj.core.data.Offset.offset(1e-14));
    }
}
