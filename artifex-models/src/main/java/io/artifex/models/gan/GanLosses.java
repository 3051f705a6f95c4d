package io.artifex.models.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.artifex.core.loss.Losses;
import io.artifex.core.nn.Scalars;

/**
 * The adversarial objectives on discriminator outputs {@code r = D(x_real)} and
 * {@code f = D(G(z))} (logits, or scores for the Wasserstein critic), each a batch mean:
 * <table>
 * <caption>losses</caption>
 * <tr><th>loss</th><th>discriminator minimises</th><th>generator minimises</th></tr>
 * <tr><td>non_saturating</td><td>softplus(-r) + softplus(f) (BCE on logits)</td><td>softplus(-f)</td></tr>
 * <tr><td>least_squares</td><td>((r - 1)^2 + f^2) / 2</td><td>(f - 1)^2 / 2</td></tr>
 * <tr><td>hinge</td><td>relu(1 - r) + relu(1 + f)</td><td>-f</td></tr>
 * <tr><td>wasserstein_gp</td><td>f - r (+ lambda GP, added by the phase)</td><td>-f</td></tr>
 * </table>
 */
final class GanLosses {

    private GanLosses() {
    }

    /** The discriminator's adversarial loss (no penalties), a scalar. */
    static NDArray discriminator(GanLoss loss, NDArray real, NDArray fake) {
        return switch (loss) {
            case NON_SATURATING -> Losses.softplus(real.neg()).mean().add(Losses.softplus(fake).mean());
            case LEAST_SQUARES -> Scalars.mul(real.sub(1f).square().mean().add(fake.square().mean()), 0.5f);
            case HINGE -> Activation.relu(real.neg().add(1f)).mean().add(Activation.relu(fake.add(1f)).mean());
            case WASSERSTEIN_GP -> fake.mean().sub(real.mean());
        };
    }

    /** The generator's loss, a scalar. */
    static NDArray generator(GanLoss loss, NDArray fake) {
        return switch (loss) {
            case NON_SATURATING -> Losses.softplus(fake.neg()).mean();
            case LEAST_SQUARES -> Scalars.mul(fake.sub(1f).square().mean(), 0.5f);
            case HINGE, WASSERSTEIN_GP -> fake.mean().neg();
        };
    }
}
