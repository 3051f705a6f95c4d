package io.artifex.training.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.Initializer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer against a plain-Java loop of its update rule, on the loss
 * {@code sum(c * w^2) / 2 + sum(b * w)} whose gradient is {@code c * w + b}.
 */
class OptimizerTest {

    private static final float[] W0 = {0.5f, -1.2f, 2.0f, 0.1f};
    private static final float[] C = {1f, 2f, 0.5f, 3f};
    private static final float[] B = {0.3f, -0.1f, 0.2f, 0f};

    interface Rule {
        void step(double[] w, double[] g, int t, double[][] state);
    }

    private static Parameter parameter(NDManager m) {
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(W0.length)).optInitializer(Initializer.ZEROS).build();
        p.initialize(m, DataType.FLOAT32);
        p.getArray().set(m.create(W0).toByteBuffer());
        return p;
    }

    private static void backward(NDManager m, Parameter p) {
        try (NDManager step = m.newSubManager(); GradientCollector gc = step.getEngine().newGradientCollector()) {
            NDArray w = p.getArray();
            step.tempAttachAll(w); // so the temporaries of operations on w die with this manager
            NDArray c = step.create(C);
            NDArray b = step.create(B);
            NDArray loss = w.square().mul(c).sum().div(2).add(w.mul(b).sum());
            loss.attach(step);
            gc.backward(loss);
        }
    }

    private static void zeroGrad(Parameter p) {
        try (NDArray g = p.getArray().getGradient()) {
            g.subi(g);
        }
    }

    private static void compare(Optimizer opt, Rule rule, float lr, int steps) {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = parameter(m);
            double[] w = new double[W0.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = W0[i];
            }
            double[][] state = new double[3][w.length];
            for (int t = 1; t <= steps; t++) {
                backward(m, p);
                opt.update(List.of(p), lr);
                zeroGrad(p);
                double[] g = new double[w.length];
                for (int i = 0; i < w.length; i++) {
                    g[i] = C[i] * w[i] + B[i];
                }
                rule.step(w, g, t, state);
                float[] got = p.getArray().toFloatArray();
                for (int i = 0; i < w.length; i++) {
                    assertThat((double) got[i]).as("step %d element %d", t, i).isCloseTo(w[i], within(1e-6));
                }
            }
            assertThat(opt.state().parameters().get(p.getId()).step()).isEqualTo(steps);
            opt.close();
        }
    }

    @Test
    void adamMatchesReference() {
        double b1 = 0.9, b2 = 0.99, eps = 1e-8, wd = 0.05, lr = 0.01;
        compare(new Adam(b1, b2, eps, wd), (w, g, t, s) -> {
            for (int i = 0; i < w.length; i++) {
                double gi = g[i] + wd * w[i];
                s[0][i] = b1 * s[0][i] + (1 - b1) * gi;
                s[1][i] = b2 * s[1][i] + (1 - b2) * gi * gi;
                double mh = s[0][i] / (1 - Math.pow(b1, t));
                double vh = Math.sqrt(s[1][i]) / Math.sqrt(1 - Math.pow(b2, t));
                w[i] -= lr * mh / (vh + eps);
            }
        }, (float) lr, 6);
    }

    @Test
    void adamAddsEpsilonAfterTheBiasCorrectionAsPyTorchDoes() {
        // a large eps makes its place visible: eps / sqrt(1 - b2^t) instead of eps would move
        // the first steps by several percent
        double b1 = 0.9, b2 = 0.999, eps = 0.05, lr = 0.1;
        compare(new Adam(b1, b2, eps, 0), (w, g, t, s) -> {
            for (int i = 0; i < w.length; i++) {
                s[0][i] = b1 * s[0][i] + (1 - b1) * g[i];
                s[1][i] = b2 * s[1][i] + (1 - b2) * g[i] * g[i];
                double mh = s[0][i] / (1 - Math.pow(b1, t));
                double vh = Math.sqrt(s[1][i] / (1 - Math.pow(b2, t)));
                w[i] -= lr * mh / (vh + eps);
            }
        }, (float) lr, 4);
    }

    @Test
    void adamKeepsTheSecondMomentOfAParameterWithoutGradientAtItsFloor() {
        // element 3 never gets a gradient (as the weights of an always-zero input pixel): its
        // second moment must stay at the floor, neither 0 (MKL's slow square-root path), nor
        // decaying towards 0 (a floor set once), nor growing (an increment without 1 - beta2);
        // the elements with a gradient still follow the reference rule
        double b1 = 0.9, b2 = 0.5, eps = 1e-8, lr = 0.01;
        try (NDManager m = NDManager.newBaseManager(); Adam adam = new Adam(b1, b2, eps, 0)) {
            Parameter p = parameter(m);
            NDArray mask = m.create(new float[] {1f, 1f, 1f, 0f});
            double[] w = new double[W0.length];
            double[][] s = new double[2][W0.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = W0[i];
            }
            for (int t = 1; t <= 12; t++) {
                try (NDManager step = m.newSubManager(); GradientCollector gc = step.getEngine().newGradientCollector()) {
                    NDArray x = p.getArray();
                    step.tempAttachAll(x);
                    NDArray loss = x.mul(mask).square().sum().div(2);
                    loss.attach(step);
                    gc.backward(loss);
                }
                adam.update(List.of(p), (float) lr);
                zeroGrad(p);
                for (int i = 0; i < 3; i++) {
                    double g = w[i];
                    s[0][i] = b1 * s[0][i] + (1 - b1) * g;
                    s[1][i] = b2 * s[1][i] + (1 - b2) * g * g;
                    w[i] -= lr * (s[0][i] / (1 - Math.pow(b1, t))) / (Math.sqrt(s[1][i] / (1 - Math.pow(b2, t))) + eps);
                }
            }
            float[] got = p.getArray().toFloatArray();
            for (int i = 0; i < 3; i++) {
                assertThat((double) got[i]).as("element %d", i).isCloseTo(w[i], within(1e-6));
            }
            assertThat(got[3]).as("the element without gradient does not move").isEqualTo(W0[3]);
            float v3 = adam.state().parameters().get(p.getId()).slots().get("v").toFloatArray()[3];
            assertThat((double) v3).isCloseTo(Adam.VARIANCE_FLOOR, within(Adam.VARIANCE_FLOOR * 1e-3));
        }
    }

    @Test
    void adamWDecouplesWeightDecay() {
        double b1 = 0.8, b2 = 0.999, eps = 1e-8, wd = 0.1, lr = 0.02;
        compare(new AdamW(b1, b2, eps, wd), (w, g, t, s) -> {
            for (int i = 0; i < w.length; i++) {
                double gi = g[i];
                w[i] *= 1 - lr * wd;
                s[0][i] = b1 * s[0][i] + (1 - b1) * gi;
                s[1][i] = b2 * s[1][i] + (1 - b2) * gi * gi;
                w[i] -= lr / (1 - Math.pow(b1, t)) * s[0][i] / (Math.sqrt(s[1][i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps);
            }
        }, (float) lr, 6);
    }

    @Test
    void sgdPlainMomentumAndNesterovMatchReference() {
        double lr = 0.05;
        compare(new Sgd(0, false, 0), (w, g, t, s) -> {
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * g[i];
            }
        }, (float) lr, 5);
        double mu = 0.9, wd = 0.01;
        for (boolean nesterov : new boolean[] {false, true}) {
            compare(new Sgd(mu, nesterov, wd), (w, g, t, s) -> {
                for (int i = 0; i < w.length; i++) {
                    double gi = g[i] + wd * w[i];
                    s[0][i] = mu * s[0][i] + gi;
                    double d = nesterov ? gi + mu * s[0][i] : s[0][i];
                    w[i] -= lr * d;
                }
            }, (float) lr, 6);
        }
    }

    @Test
    void rmsPropMatchesReference() {
        double rho = 0.9, eps = 1e-8, lr = 0.01;
        compare(new RmsProp(rho, eps, 0), (w, g, t, s) -> {
            for (int i = 0; i < w.length; i++) {
                s[0][i] = rho * s[0][i] + (1 - rho) * g[i] * g[i];
                w[i] -= lr * g[i] / (Math.sqrt(s[0][i]) + eps);
            }
        }, (float) lr, 6);
    }

    @Test
    void everyOptimizerMinimisesTheQuadratic() {
        List<Optimizer> all = List.of(new Adam(0.9, 0.999, 1e-8, 0), new AdamW(0.9, 0.999, 1e-8, 0),
                new Sgd(0.5, false, 0), new RmsProp(0.9, 1e-8, 0));
        float[] lrs = {0.1f, 0.1f, 0.1f, 0.02f};
        for (int k = 0; k < all.size(); k++) {
            try (NDManager m = NDManager.newBaseManager(); Optimizer opt = all.get(k)) {
                Parameter p = parameter(m);
                for (int t = 0; t < 300; t++) {
                    backward(m, p);
                    opt.update(List.of(p), lrs[k]);
                    zeroGrad(p);
                }
                float[] got = p.getArray().toFloatArray();
                for (int i = 0; i < got.length; i++) {
                    assertThat((double) got[i]).as(opt.algorithm() + " element " + i)
                            .isCloseTo(-B[i] / C[i], within(0.02));
                }
            }
        }
    }

    @Test
    void updateRecordsNothingForAutogradAndLeaksNoArrays() {
        try (NDManager m = NDManager.newBaseManager(); Optimizer opt = new Adam(0.9, 0.999, 1e-8, 0.01)) {
            Parameter p = parameter(m);
            backward(m, p);
            opt.update(List.of(p), 0.1f);
            int arraysAfterFirst = m.getManagedArrays().size();
            zeroGrad(p);
            backward(m, p);
            opt.update(List.of(p), 0.1f);
            // the weight is still a leaf after in-place updates: a fresh backward fills its
            // own gradient with exactly c * w + b at the new weights
            zeroGrad(p);
            backward(m, p);
            float[] w = p.getArray().toFloatArray();
            float[] g;
            try (NDArray grad = p.getArray().getGradient()) {
                g = grad.toFloatArray();
            }
            for (int i = 0; i < w.length; i++) {
                assertThat((double) g[i]).isCloseTo(C[i] * w[i] + B[i], within(1e-6));
            }
            assertThat(m.getManagedArrays()).hasSize(arraysAfterFirst);
        }
    }

    @Test
    void stateRestoresIntoAFreshOptimizer() {
        try (NDManager m = NDManager.newBaseManager(); Adam a = new Adam(0.9, 0.999, 1e-8, 0);
             Adam b = new Adam(0.9, 0.999, 1e-8, 0)) {
            Parameter p = parameter(m);
            Parameter q = parameter(m);
            for (int t = 0; t < 3; t++) {
                backward(m, p);
                a.update(List.of(p), 0.1f);
                zeroGrad(p);
            }
            q.getArray().set(p.getArray().toByteBuffer());
            OptimizerState s = a.state();
            b.loadState(new OptimizerState(s.algorithm(), java.util.Map.of(q.getId(), s.parameters().get(p.getId()))),
                    List.of(q));
            backward(m, p);
            backward(m, q);
            a.update(List.of(p), 0.1f);
            b.update(List.of(q), 0.1f);
            assertThat(q.getArray().toFloatArray()).containsExactly(p.getArray().toFloatArray());
        }
    }

    @Test
    void clippingScalesTheGroupToTheMaximumNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = parameter(m);
            backward(m, p);
            float[] g = p.getArray().getGradient().toFloatArray();
            double norm = 0;
            for (float x : g) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            double before = GradientClipping.clipByGlobalNorm(List.of(p), 0.5);
            assertThat(before).isCloseTo(norm, within(1e-5));
            float[] clipped = p.getArray().getGradient().toFloatArray();
            for (int i = 0; i < g.length; i++) {
                assertThat((double) clipped[i]).isCloseTo(g[i] * 0.5 / norm, within(1e-5));
            }
        }
    }
}
