package io.artifex.training.optim;

import ai.djl.ndarray.NDArray;
import io.artifex.core.config.training.WeightDecayScope;
import io.artifex.core.nn.Scalars;
import java.util.List;

/**
 * RMSProp as PyTorch's {@code RMSprop} (not centred, no momentum):
 * {@code g += weightDecay * w}, {@code s = rho * s + (1-rho) g^2},
 * {@code w -= lr * g / (sqrt(s) + eps)}. DJL's own RMSProp throws on the PyTorch engine.
 *
 * <p>Thread-safety: not thread-safe: it keeps per-parameter state; use one instance per training
 * run, from one thread.
 */
public class RmsProp extends AbstractOptimizer {

    private final float rho;
    private final float eps;
    private final float weightDecay;

    /** RMSProp with squared-gradient decay {@code rho} (PyTorch's alpha), eps and L2 weight decay on every parameter. */
    public RmsProp(double rho, double eps, double weightDecay) {
        this(rho, eps, weightDecay, WeightDecayScope.ALL);
    }

    /** RMSProp as above, with the L2 weight decay on the parameters {@code weightDecayOn} selects. */
    public RmsProp(double rho, double eps, double weightDecay, WeightDecayScope weightDecayOn) {
        super(weightDecayOn);
        Checks.unitInterval("rho", rho);
        Checks.positive("eps", eps);
        Checks.nonNegative("weightDecay", weightDecay);
        this.rho = (float) rho;
        this.eps = (float) eps;
        this.weightDecay = (float) weightDecay;
    }

    @Override
    public String algorithm() {
        return "rmsprop";
    }

    @Override
    protected List<String> slotNames() {
        return List.of("square_avg");
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, Slots slots, float learningRate) {
        float wd = decayFor(weight, weightDecay);
        if (wd > 0) {
            grad.addi(Scalars.mul(weight, wd));
        }
        NDArray s = slots.get("square_avg", weight);
        s.muli(rho).addi(grad.square().muli(1f - rho));
        weight.subi(grad.div(s.sqrt().addi(eps)).muli(learningRate));
    }
}
