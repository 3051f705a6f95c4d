package io.artifex.training.optim;

import ai.djl.ndarray.NDArray;
import io.artifex.core.config.training.WeightDecayScope;
import io.artifex.core.nn.Scalars;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum and Nesterov momentum, as PyTorch's
 * {@code SGD} (no dampening): {@code g += weightDecay * w}; with momentum
 * {@code b = momentum * b + g} and the step direction {@code b} (or {@code g + momentum * b}
 * with Nesterov); {@code w -= lr * direction}.
 *
 * <p>Thread-safety: not thread-safe: it keeps per-parameter state; use one instance per training
 * run, from one thread.
 */
public class Sgd extends AbstractOptimizer {

    private final float momentum;
    private final boolean nesterov;
    private final float weightDecay;

    /** SGD with the given momentum (0 = plain), Nesterov switch and L2 weight decay on every parameter. */
    public Sgd(double momentum, boolean nesterov, double weightDecay) {
        this(momentum, nesterov, weightDecay, WeightDecayScope.ALL);
    }

    /** SGD as above, with the L2 weight decay on the parameters {@code weightDecayOn} selects. */
    public Sgd(double momentum, boolean nesterov, double weightDecay, WeightDecayScope weightDecayOn) {
        super(weightDecayOn);
        Checks.unitInterval("momentum", momentum);
        Checks.nonNegative("weightDecay", weightDecay);
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("nesterov SGD needs momentum > 0");
        }
        this.momentum = (float) momentum;
        this.nesterov = nesterov;
        this.weightDecay = (float) weightDecay;
    }

    @Override
    public String algorithm() {
        return "sgd";
    }

    @Override
    protected List<String> slotNames() {
        return momentum > 0 ? List.of("momentum") : List.of();
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, Slots slots, float learningRate) {
        float wd = decayFor(weight, weightDecay);
        if (wd > 0) {
            grad.addi(Scalars.mul(weight, wd));
        }
        NDArray direction = grad;
        if (momentum > 0) {
            NDArray buffer = slots.get("momentum", weight);
            buffer.muli(momentum).addi(grad);
            direction = nesterov ? grad.addi(Scalars.mul(buffer, momentum)) : buffer;
        }
        weight.subi(Scalars.mul(direction, learningRate));
    }
}
