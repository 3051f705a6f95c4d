package io.artifex.training.optim;

import ai.djl.ndarray.NDArray;
import io.artifex.core.nn.Scalars;
import java.util.List;

/**
 * Adam (Kingma and Ba) with bias correction, as PyTorch computes it: with {@code g} the
 * gradient plus {@code weightDecay * w} (an L2 penalty),
 * {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code w -= lr / (1-b1^t) * m / (sqrt(v) / sqrt(1-b2^t) + eps)}.
 */
public class Adam extends AbstractOptimizer {

    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final boolean decoupled;

    /** Adam with an L2 penalty of {@code weightDecay} (0 for none). */
    public Adam(double beta1, double beta2, double eps, double weightDecay) {
        this(beta1, beta2, eps, weightDecay, false);
    }

    /** Adam, with the weight decay either added to the gradient or decoupled (AdamW). */
    protected Adam(double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
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
    protected void apply(NDArray weight, NDArray grad, Slots slots, float learningRate) {
        if (weightDecay > 0) {
            if (decoupled) {
                weight.muli(1f - learningRate * weightDecay);
            } else {
                grad.addi(Scalars.mul(weight, weightDecay));
            }
        }
        NDArray m = slots.get("m", weight);
        NDArray v = slots.get("v", weight);
        m.muli(beta1).addi(Scalars.mul(grad, 1f - beta1));
        v.muli(beta2).addi(grad.square().muli(1f - beta2));
        double bc1 = 1.0 - Math.pow(beta1, slots.step());
        double bc2 = 1.0 - Math.pow(beta2, slots.step());
        NDArray denom = v.sqrt().divi((float) Math.sqrt(bc2)).addi(eps);
        weight.subi(m.div(denom).muli((float) (learningRate / bc1)));
    }
}
