package io.artifex.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.artifex.core.config.ActivationType;
import io.artifex.core.model.Batch;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.StepContext;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The VAE's formulas against plain-Java double arithmetic on a tiny dense VAE (4 pixels,
 * latent 2, one hidden ReLU layer of 3 on each side) whose weights are set here to fixed
 * values: the reparameterised forward pass, the loss with its KL weight, and the
 * importance-weighted bound. The Gaussian noise the model draws is reproduced by drawing from
 * an Rng with the same seed and shape, so the reference sees the same epsilon.
 */
class VaeFormulaTest {

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final float[][] X = {{1, 0, 1, 1}, {0, 0, 1, 0}, {1, 1, 0, 0}};

    /** Dense layer weights (out x in) and biases, in the order of the network's parameters. */
    private record Layer(double[][] w, double[] b) {
        double[] apply(double[] in, boolean relu) {
            double[] out = new double[b.length];
            for (int o = 0; o < b.length; o++) {
                double s = b[o];
                for (int i = 0; i < in.length; i++) {
                    s += w[o][i] * in[i];
                }
                out[o] = relu ? Math.max(0, s) : s;
            }
            return out;
        }
    }

    /** The tiny VAE plus the plain-Java copy of its weights. */
    private record Tiny(Vae vae, List<Layer> layers) {
        double[] stats(float[] x) {
            double[] in = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                in[i] = x[i];
            }
            return layers.get(1).apply(layers.get(0).apply(in, true), false);
        }

        double[] logits(double[] z) {
            return layers.get(3).apply(layers.get(2).apply(z, true), false);
        }
    }

    private static Tiny tiny(double klWeight) {
        EncoderConfig encoder = EncoderConfig.builder().name("encoder").inputShape(2, 2, 1).latentDim(2)
                .hiddenDims(3).activation(ActivationType.RELU).build();
        DecoderConfig decoder = DecoderConfig.builder().name("decoder").latentDim(2).outputShape(2, 2, 1)
                .hiddenDims(3).activation(ActivationType.RELU).build();
        VaeConfig config = VaeConfig.builder().name("tiny").encoder(encoder).decoder(decoder)
                .encoderType(EncoderType.DENSE).klWeight(klWeight).build();
        Vae vae = (Vae) Models.create(config, 0);
        List<Layer> layers = new ArrayList<>();
        double[][] w = null;
        int index = 0;
        for (Pair<String, Parameter> p : vae.network().getParameters()) {
            NDArray array = p.getValue().getArray();
            long[] shape = array.getShape().getShape();
            float[] values = new float[(int) array.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (0.8 * Math.sin(1.3 * i + 0.7 * index) + 0.1);
            }
            if (p.getKey().endsWith("bias") && index == 3) {
                // encoder head bias: means (0.3, -0.2), log-variances (-1.2, 0.9), far from 0
                values = new float[] {0.3f, -0.2f, -1.2f, 0.9f};
            }
            array.set(new NDIndex("..."), vae.manager().create(values, array.getShape()));
            if (p.getKey().endsWith("weight")) {
                w = new double[(int) shape[0]][(int) shape[1]];
                for (int o = 0; o < shape[0]; o++) {
                    for (int i = 0; i < shape[1]; i++) {
                        w[o][i] = values[(int) (o * shape[1] + i)];
                    }
                }
            } else {
                double[] b = new double[values.length];
                for (int i = 0; i < b.length; i++) {
                    b[i] = values[i];
                }
                layers.add(new Layer(w, b));
            }
            index++;
        }
        assertThat(layers).hasSize(4);
        assertThat(layers.get(1).b()).hasSize(4);
        return new Tiny(vae, layers);
    }

    private static double softplus(double l) {
        return Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l)));
    }

    /** -log p(x | z) for Bernoulli logits, summed over pixels. */
    private static double nll(float[] x, double[] logits) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += softplus(logits[i]) - x[i] * logits[i];
        }
        return s;
    }

    private static double kl(double[] stats) {
        double s = 0;
        for (int d = 0; d < 2; d++) {
            double mean = stats[d];
            double logVar = stats[2 + d];
            s += 0.5 * (mean * mean + Math.exp(logVar) - 1 - logVar);
        }
        return s;
    }

    private static Batch batch(NDManager m) {
        float[] flat = new float[12];
        for (int n = 0; n < 3; n++) {
            System.arraycopy(X[n], 0, flat, 4 * n, 4);
        }
        return Batch.of(m.create(flat, new Shape(3, 1, 2, 2)));
    }

    /**
     * z = mean + exp(logVar / 2) eps for the model's own eps (kills {@code exp(logVar)} in place
     * of {@code exp(logVar / 2)}), and the loss equals sum(BCE) + beta KL by hand for three betas,
     * so that changing beta moves the loss by exactly delta-beta times the KL (kills a dropped beta).
     */
    @Test
    void forwardPassAndLossMatchAHandComputationForEveryBeta() {
        for (double beta : new double[] {1.0, 0.25, 3.0}) {
            Tiny tiny = tiny(beta);
            try (Vae vae = tiny.vae(); NDManager m = NDManager.newBaseManager()) {
                StepContext ctx = new StepContext(m, new ParameterStore(m, false), new Rng(17), true, 0);
                Batch batch = batch(m);
                ModelOutputs out = vae.forward(batch, ctx);
                LossResult loss = vae.loss(batch, out, ctx);
                float[] eps = new Rng(17).normal(m, new Shape(3, 2)).toFloatArray();
                float[] z = out.get("z").toFloatArray();
                double reconstruction = 0;
                double klSum = 0;
                for (int n = 0; n < 3; n++) {
                    double[] stats = tiny.stats(X[n]);
                    double[] zHand = new double[2];
                    for (int d = 0; d < 2; d++) {
                        zHand[d] = stats[d] + Math.exp(stats[2 + d] / 2) * eps[2 * n + d];
                        assertThat((double) z[2 * n + d]).as("z[%d][%d]", n, d).isCloseTo(zHand[d], within(1e-5));
                    }
                    reconstruction += nll(X[n], tiny.logits(zHand)) / 3;
                    klSum += kl(stats) / 3;
                }
                assertThat((double) loss.terms().get("kl").getFloat()).isCloseTo(klSum, within(1e-5));
                assertThat((double) loss.terms().get("reconstruction").getFloat()).isCloseTo(reconstruction, within(1e-5));
                assertThat((double) loss.terms().get("negElbo").getFloat())
                        .isCloseTo(reconstruction + klSum, within(1e-5));
                assertThat((double) loss.total().getFloat()).as("loss at beta %s", beta)
                        .isCloseTo(reconstruction + beta * klSum, within(1e-5));
                assertThat(klSum).isGreaterThan(0.3);
            }
        }
    }

    /** The spread of z over many draws for one input is exp(logVar / 2) per dimension. */
    @Test
    void reparameterisedCodesHaveThePosteriorSpread() {
        Tiny tiny = tiny(1.0);
        int rows = 4000;
        try (Vae vae = tiny.vae(); NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(X[0], new Shape(1, 4)).repeat(0, rows);
            StepContext ctx = new StepContext(m, new ParameterStore(m, false), new Rng(5), true, 0);
            float[] z = vae.forward(Batch.of(x), ctx).get("z").toFloatArray();
            double[] stats = tiny.stats(X[0]);
            for (int d = 0; d < 2; d++) {
                double sum = 0;
                double sq = 0;
                for (int r = 0; r < rows; r++) {
                    sum += z[2 * r + d];
                    sq += z[2 * r + d] * (double) z[2 * r + d];
                }
                double mean = sum / rows;
                double sd = Math.sqrt(sq / rows - mean * mean);
                double expected = Math.exp(stats[2 + d] / 2);
                assertThat(mean).isCloseTo(stats[d], within(5 * expected / Math.sqrt(rows)));
                assertThat(sd).as("sd of z[%d]", d).isCloseTo(expected, within(5 * expected / Math.sqrt(2.0 * rows)));
            }
        }
    }

    /**
     * The IWAE bound for k samples equals log((1/k) sum_j exp(w_j)) of hand-computed log-weights
     * w_j = log p(x | z_j) + log N(z_j; 0, I) - log N(z_j; mean, exp(logVar)), for the model's
     * own eps (kills a dropped {@code -log k} and a flipped log-variance sign in log q).
     */
    @Test
    void importanceWeightedBoundIsTheLogMeanExpOfHandComputedWeights() {
        Tiny tiny = tiny(1.0);
        try (Vae vae = tiny.vae(); NDManager m = NDManager.newBaseManager()) {
            for (int k : new int[] {1, 5}) {
                float[] bound = vae.logProb(batch(m), k, m, new Rng(23)).toFloatArray();
                float[] eps = new Rng(23).normal(m, new Shape(k, 3, 2)).toFloatArray();
                for (int n = 0; n < 3; n++) {
                    double[] stats = tiny.stats(X[n]);
                    double[] logW = new double[k];
                    for (int j = 0; j < k; j++) {
                        double[] z = new double[2];
                        double logPrior = -LOG_2PI;
                        double logQ = -LOG_2PI;
                        for (int d = 0; d < 2; d++) {
                            double e = eps[(j * 3 + n) * 2 + d];
                            double sd = Math.exp(stats[2 + d] / 2);
                            z[d] = stats[d] + sd * e;
                            logPrior -= 0.5 * z[d] * z[d];
                            double u = (z[d] - stats[d]) / sd;
                            logQ -= 0.5 * u * u + Math.log(sd);
                        }
                        logW[j] = -nll(X[n], tiny.logits(z)) + logPrior - logQ;
                    }
                    double max = Double.NEGATIVE_INFINITY;
                    for (double w : logW) {
                        max = Math.max(max, w);
                    }
                    double sum = 0;
                    for (double w : logW) {
                        sum += Math.exp(w - max);
                    }
                    double expected = max + Math.log(sum / k);
                    assertThat((double) bound[n]).as("bound k=%d example %d", k, n).isCloseTo(expected, within(1e-4));
                }
            }
        }
    }
}
