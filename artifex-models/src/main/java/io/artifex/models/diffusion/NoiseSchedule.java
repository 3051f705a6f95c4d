package io.artifex.models.diffusion;


/**
 * The variances of a discrete diffusion forward process, computed once in double precision
 * on the host. Timesteps are indexed {@code t = 0 .. T-1}; step {@code t} adds noise of
 * variance {@code beta_t}:
 *
 * <pre>
 *   q(x_t | x_{t-1}) = N(sqrt(alpha_t) x_{t-1}, beta_t I),   alpha_t = 1 - beta_t
 *   q(x_t | x_0)     = N(sqrt(abar_t) x_0, (1 - abar_t) I),  abar_t  = prod_{s &lt;= t} alpha_s
 *   q(x_{t-1} | x_t, x_0) = N(c1_t x_0 + c2_t x_t, var_t)    with abar_{-1} = 1 and
 *     c1_t  = sqrt(abar_{t-1}) beta_t / (1 - abar_t)
 *     c2_t  = sqrt(alpha_t) (1 - abar_{t-1}) / (1 - abar_t)
 *     var_t = beta_t (1 - abar_{t-1}) / (1 - abar_t)          (0 at t = 0)
 * </pre>
 *
 * <p>The four beta schedules, with {@code u = t / (T - 1)} (u = 0 when T = 1):
 * <ul>
 *   <li>{@code linear} (Ho et al. 2020): {@code beta_t = b0 + (b1 - b0) u};
 *   <li>{@code quadratic}: {@code beta_t = (sqrt(b0) + (sqrt(b1) - sqrt(b0)) u)^2};
 *   <li>{@code sqrt} (as in Artifex): {@code beta_t = b0 + (b1 - b0) sqrt(u)};
 *   <li>{@code cosine} (Nichol and Dhariwal 2021): {@code f(t) = cos(((t / T) + s) / (1 + s) * pi / 2)^2}
 *       with {@code s = 0.008}, {@code beta_t = min(1 - f(t + 1) / f(t), 0.999)}; so
 *       {@code abar_t} follows {@code f(t + 1) / f(0)} until the clip takes over near t = T.
 * </ul>
 * Every beta must lie in (0, 1); anything else is rejected. Arrays returned are copies.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public final class NoiseSchedule {

    /** The offset s of the cosine schedule. */
    public static final double COSINE_OFFSET = 0.008;
    /** The largest beta the cosine schedule allows. */
    public static final double COSINE_MAX_BETA = 0.999;

    private final double[] betas;
    private final double[] alphas;
    private final double[] alphaBar;
    private final double[] alphaBarPrev;
    private final double[] posteriorVariance;
    private final double[] posteriorMeanCoefX0;
    private final double[] posteriorMeanCoefXt;

    private NoiseSchedule(double[] betas) {
        if (betas == null || betas.length == 0) {
            throw new IllegalArgumentException("a noise schedule needs at least one beta");
        }
        int n = betas.length;
        this.betas = betas.clone();
        alphas = new double[n];
        alphaBar = new double[n];
        alphaBarPrev = new double[n];
        posteriorVariance = new double[n];
        posteriorMeanCoefX0 = new double[n];
        posteriorMeanCoefXt = new double[n];
        double product = 1.0;
        for (int t = 0; t < n; t++) {
            double beta = betas[t];
            if (!(beta > 0 && beta < 1)) {
                throw new IllegalArgumentException("betas[" + t + "] must be in (0, 1), got " + beta);
            }
            alphas[t] = 1 - beta;
            alphaBarPrev[t] = product;
            product *= alphas[t];
            alphaBar[t] = product;
            double oneMinus = 1 - alphaBar[t];
            posteriorVariance[t] = beta * (1 - alphaBarPrev[t]) / oneMinus;
            posteriorMeanCoefX0[t] = Math.sqrt(alphaBarPrev[t]) * beta / oneMinus;
            posteriorMeanCoefXt[t] = Math.sqrt(alphas[t]) * (1 - alphaBarPrev[t]) / oneMinus;
        }
    }

    /** A schedule from explicit betas, each in (0, 1). */
    public static NoiseSchedule fromBetas(double[] betas) {
        return new NoiseSchedule(betas);
    }

    /** The schedule a config describes. */
    public static NoiseSchedule fromConfig(NoiseScheduleConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("noise schedule config must not be null");
        }
        return of(config.scheduleType(), config.numTimesteps(), config.betaStart(), config.betaEnd());
    }

    /** A schedule of the given type; {@code betaStart} and {@code betaEnd} are ignored by cosine. */
    public static NoiseSchedule of(NoiseScheduleType type, int numTimesteps, double betaStart, double betaEnd) {
        if (type == null) {
            throw new IllegalArgumentException("scheduleType must not be null");
        }
        return switch (type) {
            case LINEAR -> linear(numTimesteps, betaStart, betaEnd);
            case QUADRATIC -> quadratic(numTimesteps, betaStart, betaEnd);
            case SQRT -> sqrt(numTimesteps, betaStart, betaEnd);
            case COSINE -> cosine(numTimesteps);
        };
    }

    /** {@code beta_t = b0 + (b1 - b0) t / (T - 1)}. */
    public static NoiseSchedule linear(int numTimesteps, double betaStart, double betaEnd) {
        double[] u = fractions(numTimesteps);
        double[] betas = new double[numTimesteps];
        for (int t = 0; t < numTimesteps; t++) {
            betas[t] = betaStart + (betaEnd - betaStart) * u[t];
        }
        return new NoiseSchedule(betas);
    }

    /** {@code beta_t = (sqrt(b0) + (sqrt(b1) - sqrt(b0)) t / (T - 1))^2}. */
    public static NoiseSchedule quadratic(int numTimesteps, double betaStart, double betaEnd) {
        requireBetaRange(betaStart, betaEnd);
        double[] u = fractions(numTimesteps);
        double[] betas = new double[numTimesteps];
        double a = Math.sqrt(betaStart);
        double b = Math.sqrt(betaEnd);
        for (int t = 0; t < numTimesteps; t++) {
            double root = a + (b - a) * u[t];
            betas[t] = root * root;
        }
        return new NoiseSchedule(betas);
    }

    /** {@code beta_t = b0 + (b1 - b0) sqrt(t / (T - 1))}. */
    public static NoiseSchedule sqrt(int numTimesteps, double betaStart, double betaEnd) {
        double[] u = fractions(numTimesteps);
        double[] betas = new double[numTimesteps];
        for (int t = 0; t < numTimesteps; t++) {
            betas[t] = betaStart + (betaEnd - betaStart) * Math.sqrt(u[t]);
        }
        return new NoiseSchedule(betas);
    }

    /** The cosine schedule of Nichol and Dhariwal, betas clipped at 0.999. */
    public static NoiseSchedule cosine(int numTimesteps) {
        requireSteps(numTimesteps);
        double[] betas = new double[numTimesteps];
        for (int t = 0; t < numTimesteps; t++) {
            double ratio = cosineF(t + 1, numTimesteps) / cosineF(t, numTimesteps);
            betas[t] = Math.min(1 - ratio, COSINE_MAX_BETA);
        }
        return new NoiseSchedule(betas);
    }

    private static double cosineF(int t, int numTimesteps) {
        double c = Math.cos((t / (double) numTimesteps + COSINE_OFFSET) / (1 + COSINE_OFFSET) * Math.PI / 2);
        return c * c;
    }

    private static double[] fractions(int numTimesteps) {
        requireSteps(numTimesteps);
        double[] u = new double[numTimesteps];
        for (int t = 0; t < numTimesteps; t++) {
            u[t] = numTimesteps == 1 ? 0 : t / (double) (numTimesteps - 1);
        }
        return u;
    }

    private static void requireSteps(int numTimesteps) {
        if (numTimesteps < 1) {
            throw new IllegalArgumentException("numTimesteps must be >= 1, got " + numTimesteps);
        }
    }

    private static void requireBetaRange(double betaStart, double betaEnd) {
        if (!(betaStart > 0 && betaStart < 1) || !(betaEnd > 0 && betaEnd < 1)) {
            throw new IllegalArgumentException("betaStart and betaEnd must be in (0, 1), got " + betaStart
                    + " and " + betaEnd);
        }
    }

    /** The number of timesteps T. */
    public int numTimesteps() {
        return betas.length;
    }

    /** beta_t for every t. */
    public double[] betas() {
        return betas.clone();
    }

    /** alpha_t = 1 - beta_t for every t. */
    public double[] alphas() {
        return alphas.clone();
    }

    /** abar_t = prod_{s &lt;= t} alpha_s for every t. */
    public double[] alphaBars() {
        return alphaBar.clone();
    }

    /** abar_{t-1} for every t (1 at t = 0). */
    public double[] alphaBarsPrev() {
        return alphaBarPrev.clone();
    }

    /** The posterior variance var_t of q(x_{t-1} | x_t, x_0) for every t. */
    public double[] posteriorVariances() {
        return posteriorVariance.clone();
    }

    /** The x_0 coefficient c1_t of the posterior mean for every t. */
    public double[] posteriorMeanCoefsX0() {
        return posteriorMeanCoefX0.clone();
    }

    /** The x_t coefficient c2_t of the posterior mean for every t. */
    public double[] posteriorMeanCoefsXt() {
        return posteriorMeanCoefXt.clone();
    }

    /** beta_t. */
    public double beta(int t) {
        return betas[check(t)];
    }

    /** abar_t; {@code t = -1} gives 1 (no noise), the value sampling ends at. */
    public double alphaBar(int t) {
        return t == -1 ? 1.0 : alphaBar[check(t)];
    }

    /** sqrt(abar_t). */
    public double sqrtAlphaBar(int t) {
        return Math.sqrt(alphaBar(t));
    }

    /** sqrt(1 - abar_t). */
    public double sqrtOneMinusAlphaBar(int t) {
        return Math.sqrt(1 - alphaBar(t));
    }

    /** The signal-to-noise ratio abar_t / (1 - abar_t). */
    public double snr(int t) {
        double a = alphaBar(check(t));
        return a / (1 - a);
    }

    /** The posterior variance var_t. */
    public double posteriorVariance(int t) {
        return posteriorVariance[check(t)];
    }

    /** The posterior mean coefficient c1_t of x_0. */
    public double posteriorMeanCoefX0(int t) {
        return posteriorMeanCoefX0[check(t)];
    }

    /** The posterior mean coefficient c2_t of x_t. */
    public double posteriorMeanCoefXt(int t) {
        return posteriorMeanCoefXt[check(t)];
    }

    private int check(int t) {
        if (t < 0 || t >= betas.length) {
            throw new IllegalArgumentException("timestep must be in [0, " + (betas.length - 1) + "], got " + t);
        }
        return t;
    }
}
