package io.artifex.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.artifex.core.config.training.WeightDecayScope;
import java.util.List;

/**
 * Adam (Kingma and Ba) with bias correction, as PyTorch computes it: with {@code g} the
 * gradient plus {@code weightDecay * w} (an L2 penalty),
 * {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code w -= lr / (1-b1^t) * m / (sqrt(v) / sqrt(1-b2^t) + eps)}.
 *
 * <p>Thread-safety: not thread-safe: it keeps per-parameter state; use one instance per training
 * run, from one thread.
 */
public class Adam extends AbstractOptimizer {

    /**
     * A floor under the second moment: {@code v} is kept as {@code v + 1e-30}. The engine takes
     * {@code sqrt(v)} with MKL's vector maths, whose special-case path for exact zeros is about
     * six times slower than its main path, and a parameter whose gradient is always zero (the
     * weights of a masked input, a dead unit) keeps {@code v = 0} forever. {@code sqrt(1e-30)} is
     * {@code 1e-15}, seven orders of magnitude below the smallest {@code eps} term, so the update
     * is unchanged at float precision.
     */
    static final float VARIANCE_FLOOR = 1e-30f;

    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final boolean decoupled;

    /** Adam with an L2 penalty of {@code weightDecay} (0 for none) on every parameter. */
    public Adam(double beta1, double beta2, double eps, double weightDecay) {
        this(beta1, beta2, eps, weightDecay, WeightDecayScope.ALL, false);
    }

    /** Adam with an L2 penalty of {@code weightDecay} on the parameters {@code weightDecayOn} selects. */
    public Adam(double beta1, double beta2, double eps, double weightDecay, WeightDecayScope weightDecayOn) {
        this(beta1, beta2, eps, weightDecay, weightDecayOn, false);
    }

    /** Adam, with the weight decay either added to the gradient or decoupled (AdamW). */
    protected Adam(double beta1, double beta2, double eps, double weightDecay, WeightDecayScope weightDecayOn,
                   boolean decoupled) {
        super(weightDecayOn);
        Checks.unitInterval("beta1", beta1);
        Checks.unitInterval("beta2", beta2);
        Checks.positive("eps", eps);
        Checks.nonNegative("weightDecay", weightDecay);
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.eps = (float) eps;
        this.weightDecay = (float) weightDecay;
        this.decoupled = decoupled;
    }

    @Override
    public String algorithm() {
        return "adam";
    }

    @Override
    protected List<String> slotNames() {
        return List.of("m", "v");
    }

    @Override
    protected boolean updatesWithoutTemporaries() {
        return true;
    }

    /**
     * One fused engine call per tensor ({@code adamUpdate}). The engine computes
     * {@code w -= lrBc * m / (sqrt(v) + epsBc)} without bias correction of its own; PyTorch's rule
     * {@code lr / bc1 * m / (sqrt(v) / sqrt(bc2) + eps)} is the same expression with
     * {@code lrBc = lr * sqrt(bc2) / bc1} and {@code epsBc = eps * sqrt(bc2)}. The weight decay
     * is added to the gradient (Adam) or applied as {@code w *= 1 - lr * weightDecay} before the
     * step (AdamW), as in PyTorch, to the parameters the {@link WeightDecayScope} selects.
     * {@code v} carries the {@link #VARIANCE_FLOOR}: set on the first update, and kept by adding
     * {@code (1 - beta2) * floor} after each one, which is exactly what the moving average
     * removes from it.
     */
    @Override
    protected void apply(NDArray weight, NDArray grad, Slots slots, float learningRate) {
        NDArray m = slots.get("m", weight);
        NDArray v = slots.get("v", weight);
        if (slots.step() == 1) {
            v.addi(VARIANCE_FLOOR);
        }
        double bc1 = 1.0 - Math.pow(beta1, slots.step());
        double sqrtBc2 = Math.sqrt(1.0 - Math.pow(beta2, slots.step()));
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, m, v), new NDList(weight), learningRate,
                (float) (learningRate * sqrtBc2 / bc1), decayFor(weight, weightDecay), 1f, -1f, beta1, beta2, (float) (eps * sqrtBc2),
                false, decoupled);
        v.addi(VARIANCE_FLOOR * (1f - beta2));
    }
}
