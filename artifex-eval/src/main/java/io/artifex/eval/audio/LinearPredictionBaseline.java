package io.artifex.eval.audio;

import io.artifex.data.audio.MuLaw;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A linear-prediction (LPC) baseline with an exact discrete likelihood over the 256 mu-law ids
 * (mu = 255) a WaveNet is scored on, so that its held-out bits per sample compare one to one with
 * the network's.
 *
 * <p><b>Signal.</b> Every clip is a sequence of ids; the model works on their decoded values
 * {@code x[t] = MuLaw.MU_255.decode(id[t])} in [-1, 1], so it sees exactly what the network sees.
 * Samples before a clip's start count as 0.0 (silence).
 *
 * <p><b>Fit.</b> The predictor {@code x^[t] = a_1 x[t-1] + ... + a_p x[t-p]} is fitted by the
 * <em>autocorrelation method</em>: the autocorrelations {@code r[k] = sum_t x[t] x[t-k]},
 * {@code k = 0..p}, summed over the training clips (each clip zero outside itself, no lag across
 * two clips), solved for {@code a} by Levinson-Durbin recursion. The method always yields a stable
 * (minimum-phase) predictor; should the prediction error vanish before order {@code p}, the higher
 * coefficients stay 0. The residual {@code e[t] = x[t] - x^[t]} is modelled with location 0 and a
 * scale fitted by maximum likelihood on the training residuals of the scored positions:
 * {@link Residual#LAPLACE} {@code b = mean |e|}, {@link Residual#LOGISTIC} the root {@code s} of
 * {@code sum |e|/s tanh(|e|/(2s)) = n} (found by bisection). The scale is at least
 * {@value #MIN_SCALE}.
 *
 * <p><b>Likelihood.</b> Id {@code c} stands for the linear interval the encoder maps to it:
 * {@code [G((c - 1/2) 2/mu - 1), G((c + 1/2) 2/mu - 1))} with {@code G} the inverse companding
 * function, id 0 reaching down to minus infinity and id 255 up to plus infinity (the encoder clips
 * to [-1, 1]). Its probability is the residual distribution's mass on that interval shifted by the
 * prediction; the 256 masses partition the real line, so they sum to 1. Far-tail masses underflow
 * to 0, so every probability is floored by mixing with the uniform distribution:
 * {@code p_c = (1 - 256 eps) mass_c + eps} with {@code eps = }{@value #FLOOR}; the result still sums
 * to 1, and no id costs more than {@code log2(1 / eps)} (about 29.9 bits).
 *
 * <p><b>Scored positions.</b> As a next-sample network scores a clip: every sample from
 * {@code firstScored} on ({@link #DEFAULT_FIRST_SCORED} = 1: all but the first), each from the
 * {@code p} decoded samples before it. Thread-safety: immutable and thread-safe.
 */
public final class LinearPredictionBaseline {

    /** The residual distribution around the prediction. */
    public enum Residual {
        /** Laplace (double exponential), scale by maximum likelihood {@code mean |e|}. */
        LAPLACE,
        /** Logistic, scale by maximum likelihood (bisection). */
        LOGISTIC
    }

    /** The weight of each id in the uniform mixture that floors the probabilities. */
    public static final double FLOOR = 1e-9;

    /** The smallest residual scale (a silent training set would otherwise give 0). */
    public static final double MIN_SCALE = 1e-6;

    /** The first scored position of a clip unless told otherwise: 1 (every sample after the first). */
    public static final int DEFAULT_FIRST_SCORED = 1;

    /** The highest order. */
    public static final int MAX_ORDER = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(LinearPredictionBaseline.class);
    private static final MuLaw MU_LAW = MuLaw.MU_255;
    private static final int IDS = MU_LAW.codes();
    /** Linear value of each id (index = id). */
    private static final double[] VALUES = new double[IDS];
    /** Lower edge of id c's interval at index c, upper at c + 1; EDGES[0] = -inf, EDGES[IDS] = +inf. */
    private static final double[] EDGES = new double[IDS + 1];

    static {
        int mu = MU_LAW.mu();
        double logOnePlusMu = Math.log1p(mu);
        for (int c = 0; c < IDS; c++) {
            VALUES[c] = MU_LAW.decode(c);
        }
        EDGES[0] = Double.NEGATIVE_INFINITY;
        EDGES[IDS] = Double.POSITIVE_INFINITY;
        for (int c = 1; c < IDS; c++) {
            double y = (c - 0.5) * 2.0 / mu - 1;
            EDGES[c] = Math.signum(y) * Math.expm1(Math.abs(y) * logOnePlusMu) / mu;
        }
    }

    private final double[] coefficients;
    private final Residual residual;
    private final double scale;
    private final int firstScored;

    private LinearPredictionBaseline(double[] coefficients, Residual residual, double scale, int firstScored) {
        this.coefficients = coefficients;
        this.residual = residual;
        this.scale = scale;
        this.firstScored = firstScored;
    }

    /** {@link #fit(List, int, Residual, int)} scoring every sample after the first. */
    public static LinearPredictionBaseline fit(List<int[]> trainingIds, int order, Residual residual) {
        return fit(trainingIds, order, residual, DEFAULT_FIRST_SCORED);
    }

    /**
     * Fits the predictor of {@code order} and the residual scale on the mu-law ids of the training
     * clips, as described on the class.
     *
     * @param trainingIds the training clips as ids in [0, 255], each at least one sample long
     * @param order the number of past samples a prediction uses, 1 to {@value #MAX_ORDER}
     * @param residual the residual distribution
     * @param firstScored the first position of a clip that is scored (and whose residual is fitted), {@code >= 0}
     * @throws IllegalArgumentException for no clips, an empty clip, an id outside [0, 255], a bad order,
     *         or no scored position in the training clips
     */
    public static LinearPredictionBaseline fit(List<int[]> trainingIds, int order, Residual residual, int firstScored) {
        if (order < 1 || order > MAX_ORDER) {
            throw new IllegalArgumentException("LPC order must be in 1.." + MAX_ORDER + ", got " + order);
        }
        if (residual == null) {
            throw new IllegalArgumentException("LPC residual distribution must be given (laplace or logistic)");
        }
        if (firstScored < 0) {
            throw new IllegalArgumentException("LPC firstScored must be >= 0, got " + firstScored);
        }
        double[][] clips = decodeAll(trainingIds, "training");
        double[] r = new double[order + 1];
        for (double[] x : clips) {
            for (int k = 0; k <= order; k++) {
                double sum = 0;
                for (int t = k; t < x.length; t++) {
                    sum += x[t] * x[t - k];
                }
                r[k] += sum;
            }
        }
        double[] a = levinsonDurbin(r, order);
        LinearPredictionBaseline unscaled = new LinearPredictionBaseline(a, residual, 1, firstScored);
        int n = 0;
        for (double[] x : clips) {
            n += Math.max(0, x.length - firstScored);
        }
        if (n == 0) {
            throw new IllegalArgumentException("LPC fit: the training clips have no sample at or after position "
                    + firstScored + " to score");
        }
        double[] e = new double[n];
        int i = 0;
        for (double[] x : clips) {
            for (int t = firstScored; t < x.length; t++) {
                e[i++] = Math.abs(x[t] - unscaled.predict(x, t));
            }
        }
        double scale = Math.max(MIN_SCALE, residual == Residual.LAPLACE ? mean(e) : logisticScale(e));
        LOG.debug("LPC order {} fitted on {} clips ({} scored samples): {} residual scale {}", order, clips.length,
                n, residual.name().toLowerCase(Locale.ROOT), scale);
        return new LinearPredictionBaseline(a, residual, scale, firstScored);
    }

    /**
     * The predictor coefficients {@code a_1..a_p} that solve the normal equations of the
     * autocorrelations {@code r[0..p]} (Levinson-Durbin). With {@code r[0] == 0} (silence) all are 0;
     * when the prediction error reaches 0 before order {@code p}, the recursion stops there and the
     * higher coefficients stay 0.
     *
     * @param r autocorrelations at lags 0 to at least {@code order}, {@code r[0] >= 0}
     * @param order the number of coefficients
     */
    public static double[] levinsonDurbin(double[] r, int order) {
        if (r == null || r.length < order + 1) {
            throw new IllegalArgumentException("Levinson-Durbin needs autocorrelations at lags 0.." + order + ", got "
                    + (r == null ? 0 : r.length));
        }
        double[] a = new double[order];
        double error = r[0];
        double[] previous = new double[order];
        for (int i = 1; i <= order && error > r[0] * 1e-12 && error > 0; i++) {
            double acc = r[i];
            for (int j = 1; j < i; j++) {
                acc -= a[j - 1] * r[i - j];
            }
            double k = acc / error;
            System.arraycopy(a, 0, previous, 0, i - 1);
            a[i - 1] = k;
            for (int j = 1; j < i; j++) {
                a[j - 1] = previous[j - 1] - k * previous[i - j - 1];
            }
            error *= 1 - k * k;
        }
        return a;
    }

    /** The prediction of {@code x[t]} from {@code x[t-1]..x[t-p]} (0 before the start). */
    public double predict(double[] x, int t) {
        double sum = 0;
        int p = Math.min(coefficients.length, t);
        for (int k = 1; k <= p; k++) {
            sum += coefficients[k - 1] * x[t - k];
        }
        return sum;
    }

    /**
     * The 256 probabilities of the next id given the prediction {@code prediction} (a linear value),
     * floored as described on the class; they sum to 1.
     */
    public double[] probabilities(double prediction) {
        double[] p = new double[IDS];
        for (int c = 0; c < IDS; c++) {
            p[c] = floored(c, prediction);
        }
        return p;
    }

    /**
     * The floored probability of id {@code c} given the linear {@code prediction}.
     *
     * @throws IllegalArgumentException for an id outside [0, 255]
     */
    public double probability(int c, double prediction) {
        if (c < 0 || c >= IDS) {
            throw new IllegalArgumentException("mu-law id must be in 0.." + (IDS - 1) + ", got " + c);
        }
        return floored(c, prediction);
    }

    private double floored(int c, double prediction) {
        return (1 - IDS * FLOOR) * mass(EDGES[c] - prediction, EDGES[c + 1] - prediction) + FLOOR;
    }

    /** The residual distribution's mass on {@code [lo, hi)}, from the tail on the near side for precision. */
    private double mass(double lo, double hi) {
        if (lo >= 0) {
            return upperTail(lo) - upperTail(hi);
        }
        if (hi <= 0) {
            return upperTail(-hi) - upperTail(-lo);
        }
        return Math.max(0, 1 - upperTail(-lo) - upperTail(hi));
    }

    /** {@code P(e > z)} for {@code z >= 0} (the distributions are symmetric). */
    private double upperTail(double z) {
        if (z == Double.POSITIVE_INFINITY) {
            return 0;
        }
        double u = z / scale;
        return residual == Residual.LAPLACE ? 0.5 * Math.exp(-u) : 1 / (1 + Math.exp(u));
    }

    /** {@link #score(List, String)} naming the clips "held-out". */
    public AudioBits score(List<int[]> ids) {
        return score(ids, "held-out");
    }

    /**
     * The negative log-likelihood of every scored id of {@code ids} (positions from
     * {@code firstScored} on), each predicted from the decoded ids before it in the same clip.
     *
     * @param what names the clips in errors, e.g. "test"
     * @throws IllegalArgumentException for no clips, an id outside [0, 255], or no scored position
     */
    public AudioBits score(List<int[]> ids, String what) {
        double[][] clips = decodeAll(ids, what);
        double nats = 0;
        long samples = 0;
        for (int n = 0; n < clips.length; n++) {
            double[] x = clips[n];
            int[] id = ids.get(n);
            for (int t = firstScored; t < x.length; t++) {
                nats -= Math.log(floored(id[t], predict(x, t)));
                samples++;
            }
        }
        if (samples == 0) {
            throw new IllegalArgumentException("LPC score: the " + what + " clips have no sample at or after position "
                    + firstScored + " to score");
        }
        return new AudioBits(samples, nats);
    }

    /** The predictor coefficients {@code a_1..a_p} (a copy). */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** The order {@code p}. */
    public int order() {
        return coefficients.length;
    }

    /** The residual distribution. */
    public Residual residual() {
        return residual;
    }

    /** The residual scale ({@code b} of the Laplace, {@code s} of the logistic), in linear sample units. */
    public double scale() {
        return scale;
    }

    /** The first scored position of a clip. */
    public int firstScored() {
        return firstScored;
    }

    /** The lower edge of id {@code c}'s linear interval (minus infinity for id 0); id 256 gives plus infinity. */
    public static double lowerEdge(int c) {
        if (c < 0 || c > IDS) {
            throw new IllegalArgumentException("mu-law id edge must be in 0.." + IDS + ", got " + c);
        }
        return EDGES[c];
    }

    @Override
    public String toString() {
        return "LinearPredictionBaseline[order " + order() + ", " + residual.name().toLowerCase(Locale.ROOT)
                + " residual, scale " + scale + "]";
    }

    private static double[][] decodeAll(List<int[]> ids, String what) {
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("LPC: no " + what + " clips given");
        }
        double[][] out = new double[ids.size()][];
        for (int n = 0; n < out.length; n++) {
            int[] clip = ids.get(n);
            if (clip == null || clip.length == 0) {
                throw new IllegalArgumentException("LPC: " + what + " clip " + n + " is empty");
            }
            double[] x = new double[clip.length];
            for (int t = 0; t < x.length; t++) {
                int c = clip[t];
                if (c < 0 || c >= IDS) {
                    throw new IllegalArgumentException("LPC: " + what + " clip " + n + " holds id " + c + " at sample "
                            + t + "; mu-law ids must be in 0.." + (IDS - 1));
                }
                x[t] = VALUES[c];
            }
            out[n] = x;
        }
        return out;
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    /**
     * The maximum-likelihood scale of a zero-location logistic given absolute residuals: the root of
     * {@code sum g(|e|/s) = n} with {@code g(u) = u tanh(u/2)}, which falls as {@code s} grows.
     */
    private static double logisticScale(double[] absResiduals) {
        double mean = mean(absResiduals);
        if (mean == 0) {
            return 0;
        }
        double lo = mean * 1e-6;
        double hi = mean * 4;
        for (int it = 0; it < 200 && hi - lo > hi * 1e-13; it++) {
            double s = 0.5 * (lo + hi);
            double sum = 0;
            for (double e : absResiduals) {
                double u = e / s;
                sum += u * Math.tanh(u / 2);
            }
            if (sum > absResiduals.length) {
                lo = s;
            } else {
                hi = s;
            }
        }
        return 0.5 * (lo + hi);
    }
}
