package io.artifex.eval.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.artifex.eval.audio.LogMelSpectrogram.MelScale;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log-mel spectrograms against librosa, where a sine lands, the distances, and the picture. */
class LogMelTest {

    private static float[] tones(int n, int sampleRate, double... hzThenAmplitude) {
        float[] x = new float[n];
        for (int t = 0; t < n; t++) {
            double v = 0;
            for (int i = 0; i < hzThenAmplitude.length; i += 2) {
                v += hzThenAmplitude[i + 1] * Math.sin(2 * Math.PI * hzThenAmplitude[i] * t / sampleRate);
            }
            x[t] = (float) v;
        }
        return x;
    }

    // planted bugs caught: a symmetric Hann window (N - 1 in the cosine), reflect instead of zero padding at the
    // ends, the Slaney area normalisation left out, the HTK formula with ln instead of log10
    @Test
    void matchesLibrosa() {
        // librosa 0.11.0: power_to_db(melspectrogram(y=x, sr=8000, n_fft=256, hop_length=64, n_mels=20, htk=...),
        // ref=1.0, amin=1e-10, top_db=None)[band, frame], x the same float32 tones as float64
        float[] x = tones(1000, 8000, 440, 0.5, 1500, 0.25);
        LogMelSpectrogram slaney = LogMelSpectrogram.builder(8000).nFft(256).hop(64).nMels(20).build();
        double[][] s = slaney.logMel(x);
        assertThat(s).hasDimensions(16, 20);
        assertThat(s[0][0]).isCloseTo(-10.131975172334904, within(1e-4));
        assertThat(s[5][7]).isCloseTo(-75.59394686875, within(1e-3));
        assertThat(s[8][3]).isCloseTo(10.721366696594208, within(1e-4));
        assertThat(s[15][12]).isCloseTo(-0.9077902950362643, within(1e-4));
        assertThat(s[15][19]).isCloseTo(-44.5646788968131, within(1e-3));
        double[][] h = LogMelSpectrogram.builder(8000).nFft(256).hop(64).nMels(20).scale(MelScale.HTK).build().logMel(x);
        assertThat(h[0][0]).isCloseTo(-10.489834852294395, within(1e-4));
        assertThat(h[5][7]).isCloseTo(-63.4698726124537, within(1e-3));
        assertThat(h[8][3]).isCloseTo(-33.09605122876411, within(1e-4));
        assertThat(h[15][12]).isCloseTo(-0.19608020058858738, within(1e-4));
        // librosa.mel_frequencies(22, fmin=0, fmax=4000)[[1, 10, 21]]
        double[] edges = slaney.edgesHz();
        assertThat(edges[1]).isCloseTo(111.63098513, within(1e-6));
        assertThat(edges[10]).isCloseTo(1127.43781185, within(1e-6));
        assertThat(edges[21]).isCloseTo(4000, within(1e-9));
    }

    // planted bug caught: FFT bin k mapped to frequency k * sr / (2 nFft), which puts the tone an octave low
    @Test
    void aSinePutsItsEnergyInTheBandOfItsFrequency() {
        LogMelSpectrogram mel = LogMelSpectrogram.forSpeech(8000);
        for (double hz : new double[] {300, 1000, 2500}) {
            double[] profile = LogMelDistance.profile(List.of(tones(4000, 8000, hz, 0.5)), mel, "sine");
            int loudest = 0;
            for (int m = 1; m < profile.length; m++) {
                if (profile[m] > profile[loudest]) {
                    loudest = m;
                }
            }
            double[] edges = mel.edgesHz();
            assertThat(Math.abs(loudest - mel.bandOf(hz))).as("%s Hz", hz).isLessThanOrEqualTo(1);
            assertThat(hz).isBetween(edges[loudest], edges[loudest + 2]);
            assertThat(profile[loudest] - profile[(loudest + 32) % 64]).as("%s Hz", hz).isGreaterThan(40);
        }
    }

    // planted bug caught: the profile distance summing signed differences (librosa's figures then missed)
    @Test
    void distanceOfASetToItselfIsZeroAndGrowsWithAFrequencyShift() {
        LogMelSpectrogram mel = LogMelSpectrogram.forSpeech(8000);
        List<float[]> real = List.of(tones(3000, 8000, 500, 0.3, 1200, 0.1), tones(3000, 8000, 700, 0.3, 1900, 0.1));
        assertThat(LogMelDistance.profileDistance(real, real, mel)).isZero();
        assertThat(LogMelDistance.frameFrechet(real, real, mel)).isCloseTo(0, within(1e-6));
        // librosa 0.11.0 (n_fft=512, hop_length=128, n_mels=64, power_to_db amin 1e-10): the mean absolute
        // difference of the frame-averaged profiles, for the tones moved up by 5, 10 and 20 per cent
        double[] shifts = {1.05, 1.1, 1.2};
        double[] librosa = {7.91523222206451, 11.410738729327182, 15.348101282900982};
        double previous = 0;
        for (int i = 0; i < shifts.length; i++) {
            double shift = shifts[i];
            List<float[]> moved = List.of(tones(3000, 8000, 500 * shift, 0.3, 1200 * shift, 0.1),
                    tones(3000, 8000, 700 * shift, 0.3, 1900 * shift, 0.1));
            double d = LogMelDistance.profileDistance(moved, real, mel);
            assertThat(d).as("shift %s", shift).isCloseTo(librosa[i], within(1e-3)).isGreaterThan(previous + 2);
            previous = d;
        }
        LogMelResult both = AudioEvaluation.logMelDistance(real, List.of(real.get(0)), 8000);
        assertThat(both.profileDistanceDb()).isGreaterThan(0);
        assertThat(both.frameFrechet()).isGreaterThan(0);
        assertThatThrownBy(() -> LogMelDistance.profileDistance(List.of(), real, mel))
                .hasMessageContaining("no generated clips given");
        assertThatThrownBy(() -> LogMelSpectrogram.builder(8000).nFft(500).build())
                .hasMessageContaining("nFft must be a power of two in 2..65536, got 500");
        assertThatThrownBy(() -> LogMelSpectrogram.builder(8000).fMax(5000).build())
                .hasMessageContaining("fMax <= sampleRate / 2 (4000.0 Hz)");
    }

    // planted bug caught: bands drawn top-down (the lowest band in the top row)
    @Test
    void writesAPngOfTheExpectedSizeWithLowBandsAtTheBottom(@TempDir Path dir) throws Exception {
        LogMelSpectrogram mel = LogMelSpectrogram.forSpeech(8000);
        double[][] db = mel.logMel(tones(2560, 8000, 200, 0.5));
        assertThat(db).hasDimensions(21, 64);
        Path file = dir.resolve("out/spectrogram.png");
        SpectrogramImage.writePng(db, 2, file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(42);
        assertThat(image.getHeight()).isEqualTo(128);
        int band = mel.bandOf(200);
        int rowOfBand = (63 - band) * 2;
        int rowOfTop = 0;
        assertThat(brightness(image.getRGB(20, rowOfBand))).isGreaterThan(brightness(image.getRGB(20, rowOfTop)) + 200);
        assertThat(Files.list(file.getParent()).count()).isEqualTo(1);
        assertThatThrownBy(() -> SpectrogramImage.toImage(new double[0][], 1)).hasMessageContaining("no frames");
    }

    private static int brightness(int rgb) {
        return ((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255);
    }
}
