package io.artifex.eval.audio;

import java.util.Locale;

/**
 * Log-mel spectrograms computed as librosa computes them by default
 * ({@code librosa.power_to_db(librosa.feature.melspectrogram(y=x, sr=sr, n_fft=n_fft,
 * hop_length=hop, n_mels=n_mels), ref=1.0, amin=1e-10, top_db=None)}, librosa 0.10/0.11):
 *
 * <ol>
 *   <li>the clip is padded with {@code nFft / 2} zeros at both ends (librosa's {@code center=True},
 *       {@code pad_mode="constant"}), giving {@code 1 + length / hop} frames;</li>
 *   <li>each frame of {@code nFft} samples is multiplied by the periodic Hann window
 *       {@code w[n] = 0.5 - 0.5 cos(2 pi n / nFft)} and transformed (radix-2 FFT), giving the power
 *       {@code |X[k]|^2} of bins {@code k = 0..nFft/2};</li>
 *   <li>the power is summed into {@code nMels} triangular filters whose edges are spaced evenly on
 *       the mel scale between {@code fMin} and {@code fMax} ({@link MelScale#SLANEY}, librosa's
 *       default, linear below 1 kHz and logarithmic above; or {@link MelScale#HTK},
 *       {@code 2595 log10(1 + f/700)}); each filter is scaled by {@code 2 / (f_right - f_left)} (librosa's
 *       {@code norm="slaney"}, equal area);</li>
 *   <li>the result in decibels: {@code 10 log10(max(power, 1e-10))} (no {@code top_db} clipping, so a
 *       silent frame reads -100 dB).</li>
 * </ol>
 *
 * Samples are taken as they are, in [-1, 1] for audio from this library. Thread-safety: immutable and thread-safe.
 */
public final class LogMelSpectrogram {

    /** The floor of the power before the logarithm (librosa's {@code amin}): -100 dB. */
    public static final double AMIN = 1e-10;

    /** A mel scale. */
    public enum MelScale {
        /** Slaney's (Auditory Toolbox): linear below 1 kHz (200/3 Hz per mel), logarithmic above; librosa's default. */
        SLANEY,
        /** HTK's: {@code 2595 log10(1 + f / 700)}. */
        HTK
    }

    private final int sampleRate;
    private final int nFft;
    private final int hop;
    private final int nMels;
    private final double fMin;
    private final double fMax;
    private final MelScale scale;
    private final double[] window;
    /** {@code filters[m][k]}: weight of FFT bin k in mel band m. */
    private final double[][] filters;
    private final double[] edgesHz;

    private LogMelSpectrogram(Builder b) {
        if (b.sampleRate <= 0) {
            throw new IllegalArgumentException("mel spectrogram sampleRate must be positive, got " + b.sampleRate);
        }
        if (b.nFft < 2 || Integer.bitCount(b.nFft) != 1 || b.nFft > (1 << 16)) {
            throw new IllegalArgumentException("mel spectrogram nFft must be a power of two in 2..65536, got " + b.nFft);
        }
        int hopLength = b.hop == null ? b.nFft / 4 : b.hop;
        if (hopLength <= 0) {
            throw new IllegalArgumentException("mel spectrogram hop must be positive, got " + hopLength);
        }
        if (b.nMels < 1 || b.nMels > 1024) {
            throw new IllegalArgumentException("mel spectrogram nMels must be in 1..1024, got " + b.nMels);
        }
        double nyquist = b.sampleRate / 2.0;
        double top = b.fMax == null ? nyquist : b.fMax;
        if (!(b.fMin >= 0) || !(top > b.fMin) || top > nyquist) {
            throw new IllegalArgumentException("mel spectrogram needs 0 <= fMin < fMax <= sampleRate / 2 (" + nyquist
                    + " Hz), got fMin " + b.fMin + ", fMax " + top);
        }
        if (b.scale == null) {
            throw new IllegalArgumentException("mel spectrogram scale must be slaney or htk");
        }
        this.sampleRate = b.sampleRate;
        this.nFft = b.nFft;
        this.hop = hopLength;
        this.nMels = b.nMels;
        this.fMin = b.fMin;
        this.fMax = top;
        this.scale = b.scale;
        this.window = new double[nFft];
        for (int n = 0; n < nFft; n++) {
            window[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / nFft);
        }
        this.edgesHz = new double[nMels + 2];
        double melLo = hzToMel(fMin, scale);
        double melHi = hzToMel(fMax, scale);
        for (int i = 0; i < edgesHz.length; i++) {
            edgesHz[i] = melToHz(melLo + (melHi - melLo) * i / (nMels + 1), scale);
        }
        int bins = nFft / 2 + 1;
        this.filters = new double[nMels][bins];
        for (int m = 0; m < nMels; m++) {
            double left = edgesHz[m];
            double centre = edgesHz[m + 1];
            double right = edgesHz[m + 2];
            double norm = 2.0 / (right - left);
            for (int k = 0; k < bins; k++) {
                double f = (double) k * sampleRate / nFft;
                double rising = (f - left) / (centre - left);
                double falling = (right - f) / (right - centre);
                filters[m][k] = Math.max(0, Math.min(rising, falling)) * norm;
            }
        }
    }

    /** A builder with librosa's defaults: nFft 2048, hop nFft/4, 128 mels, 0 Hz to Nyquist, Slaney scale. */
    public static Builder builder(int sampleRate) {
        return new Builder(sampleRate);
    }

    /**
     * The settings the audio measures use for short speech clips at 8 to 16 kHz: nFft 512, hop 128,
     * 64 mels, 0 Hz to Nyquist, Slaney scale (64 ms frames at 8 kHz; every filter covers FFT bins).
     */
    public static LogMelSpectrogram forSpeech(int sampleRate) {
        return builder(sampleRate).nFft(512).hop(128).nMels(64).build();
    }

    /** The number of frames of a clip of {@code length} samples: {@code 1 + length / hop}. */
    public int frames(int length) {
        return 1 + length / hop;
    }

    /**
     * The mel power of {@code x}, {@code [frame][band]}, before the logarithm.
     *
     * @throws IllegalArgumentException for an empty clip or a non-finite sample
     */
    public double[][] melPower(float[] x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("mel spectrogram of an empty clip");
        }
        int frames = frames(x.length);
        int bins = nFft / 2 + 1;
        int pad = nFft / 2;
        double[][] out = new double[frames][nMels];
        double[] re = new double[nFft];
        double[] im = new double[nFft];
        double[] power = new double[bins];
        for (int f = 0; f < frames; f++) {
            int start = f * hop - pad;
            for (int n = 0; n < nFft; n++) {
                int i = start + n;
                double v = i >= 0 && i < x.length ? x[i] : 0;
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("mel spectrogram: sample " + i + " is " + v
                            + "; samples must be finite");
                }
                re[n] = v * window[n];
                im[n] = 0;
            }
            fft(re, im);
            for (int k = 0; k < bins; k++) {
                power[k] = re[k] * re[k] + im[k] * im[k];
            }
            for (int m = 0; m < nMels; m++) {
                double[] w = filters[m];
                double sum = 0;
                for (int k = 0; k < bins; k++) {
                    sum += w[k] * power[k];
                }
                out[f][m] = sum;
            }
        }
        return out;
    }

    /** The log-mel spectrogram of {@code x} in dB, {@code [frame][band]}: {@code 10 log10(max(power, 1e-10))}. */
    public double[][] logMel(float[] x) {
        double[][] p = melPower(x);
        for (double[] frame : p) {
            for (int m = 0; m < frame.length; m++) {
                frame[m] = 10 * Math.log10(Math.max(frame[m], AMIN));
            }
        }
        return p;
    }

    /** The mel band whose filter weighs a tone of {@code hz} most (the band a pure sine lands in). */
    public int bandOf(double hz) {
        int k = (int) Math.round(hz * nFft / sampleRate);
        k = Math.max(0, Math.min(nFft / 2, k));
        int best = 0;
        for (int m = 1; m < nMels; m++) {
            if (filters[m][k] > filters[best][k]) {
                best = m;
            }
        }
        return best;
    }

    /** The filter bank, {@code [band][fft bin]} (a copy). */
    public double[][] filters() {
        double[][] copy = new double[nMels][];
        for (int m = 0; m < nMels; m++) {
            copy[m] = filters[m].clone();
        }
        return copy;
    }

    /** The {@code nMels + 2} filter edges in Hz: band m rises from edge m, peaks at m + 1, ends at m + 2. */
    public double[] edgesHz() {
        return edgesHz.clone();
    }

    /** The sample rate in Hz. */
    public int sampleRate() {
        return sampleRate;
    }

    /** The FFT length (and frame length) in samples. */
    public int nFft() {
        return nFft;
    }

    /** The hop between frames in samples. */
    public int hop() {
        return hop;
    }

    /** The number of mel bands. */
    public int nMels() {
        return nMels;
    }

    /** The mel scale. */
    public MelScale scale() {
        return scale;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LogMelSpectrogram[%d Hz, nFft %d, hop %d, %d %s mels, %.0f-%.0f Hz]",
                sampleRate, nFft, hop, nMels, scale.name().toLowerCase(Locale.ROOT), fMin, fMax);
    }

    /** {@code hz} on the mel {@code scale}. */
    public static double hzToMel(double hz, MelScale scale) {
        if (scale == MelScale.HTK) {
            return 2595 * Math.log10(1 + hz / 700);
        }
        double fSp = 200.0 / 3;
        if (hz < 1000) {
            return hz / fSp;
        }
        return 1000 / fSp + Math.log(hz / 1000) / (Math.log(6.4) / 27);
    }

    /** The frequency in Hz of {@code mel} on the mel {@code scale}. */
    public static double melToHz(double mel, MelScale scale) {
        if (scale == MelScale.HTK) {
            return 700 * (Math.pow(10, mel / 2595) - 1);
        }
        double fSp = 200.0 / 3;
        double minLogMel = 1000 / fSp;
        if (mel < minLogMel) {
            return mel * fSp;
        }
        return 1000 * Math.exp((Math.log(6.4) / 27) * (mel - minLogMel));
    }

    /** In-place iterative radix-2 FFT (forward, no scaling) of a power-of-two length. */
    static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            int half = len / 2;
            for (int k = 0; k < half; k++) {
                double wr = Math.cos(angle * k);
                double wi = Math.sin(angle * k);
                for (int i = k; i < n; i += len) {
                    int j = i + half;
                    double xr = re[j] * wr - im[j] * wi;
                    double xi = re[j] * wi + im[j] * wr;
                    re[j] = re[i] - xr;
                    im[j] = im[i] - xi;
                    re[i] += xr;
                    im[i] += xi;
                }
            }
        }
    }

    /** Settings of a {@link LogMelSpectrogram}; unset ones take librosa's defaults. */
    public static final class Builder {
        private final int sampleRate;
        private int nFft = 2048;
        private Integer hop;
        private int nMels = 128;
        private double fMin;
        private Double fMax;
        private MelScale scale = MelScale.SLANEY;

        private Builder(int sampleRate) {
            this.sampleRate = sampleRate;
        }

        /** The FFT (frame) length, a power of two; default 2048. */
        public Builder nFft(int nFft) {
            this.nFft = nFft;
            return this;
        }

        /** Samples between frames; default {@code nFft / 4}. */
        public Builder hop(int hop) {
            this.hop = hop;
            return this;
        }

        /** The number of mel bands; default 128. */
        public Builder nMels(int nMels) {
            this.nMels = nMels;
            return this;
        }

        /** The lowest filter edge in Hz; default 0. */
        public Builder fMin(double fMin) {
            this.fMin = fMin;
            return this;
        }

        /** The highest filter edge in Hz; default the Nyquist frequency. */
        public Builder fMax(double fMax) {
            this.fMax = fMax;
            return this;
        }

        /** The mel scale; default {@link MelScale#SLANEY}. */
        public Builder scale(MelScale scale) {
            this.scale = scale;
            return this;
        }

        /**
         * The spectrogram.
         *
         * @throws IllegalArgumentException naming the setting and its rule when one is out of range
         */
        public LogMelSpectrogram build() {
            return new LogMelSpectrogram(this);
        }
    }
}
