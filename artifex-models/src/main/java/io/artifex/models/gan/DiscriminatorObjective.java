package io.artifex.models.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.autograd.GradientPenalty;
import io.artifex.core.model.Batch;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.PhaseObjective;
import io.artifex.core.model.StepContext;
import io.artifex.core.nn.Scalars;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The discriminator phase.
 *
 * <p><b>Fakes are made in {@link #prepare}</b>, where the trainer records no gradients: the
 * generator runs (in training mode, so its batch norm uses batch statistics, as in the generator
 * phase) on fresh latents, and its output is detached. The prepared batch is the real examples
 * followed by as many fakes (labels repeated for a conditional GAN), so {@link #loss} needs no
 * state. Making them here, rather than inside the loss, keeps the generator's graph out of the
 * discriminator's backward pass altogether. (Side effect: the generator's batch-norm running
 * statistics, which are not trained weights, advance here too.)
 *
 * <p>The loss is the adversarial term of {@link GanLosses} plus, for {@code wasserstein_gp},
 * {@code lambda * mean (||grad_x D(x_hat)||_2 - 1)^2} at random interpolates
 * {@code x_hat = e x_real + (1 - e) x_fake}, {@code e ~ U[0, 1)} per example, and, when
 * {@code r1Weight > 0}, {@code r1Weight / 2 * mean ||grad_x D(x_real)||^2}. Both penalties are
 * differentiated through the input gradient (second order) by core's {@link GradientPenalty}.
 * Terms reported: adversarial, gradientPenalty, r1, realScore, fakeScore.
 */
final class DiscriminatorObjective implements PhaseObjective {

    /** The phase name, used in logs and divergence messages. */
    static final String PHASE = "discriminator";

    private final BaseGan gan;

    DiscriminatorObjective(BaseGan gan) {
        this.gan = gan;
    }

    @Override
    public Batch prepare(Batch batch, StepContext context) {
        NDArray real = gan.checkedData(batch.x());
        NDArray condition = gan.conditioning(batch);
        NDArray z = gan.samplePrior(batch.size(), context.manager(), context.rng());
        NDArray fake = gan.generatorOutput(z, condition, context.parameterStore(), true).stopGradient();
        NDArray both = real.concat(fake, 0);
        return batch.labels().map(l -> Batch.of(both, l.concat(l, 0))).orElseGet(() -> Batch.of(both));
    }

    @Override
    public LossResult loss(Batch prepared, StepContext context) {
        int n = prepared.size() / 2;
        NDArray x = prepared.x();
        NDArray real = x.get(new NDIndex("0:{}", n));
        NDArray fake = x.get(new NDIndex("{}:", n));
        NDArray condition = null;
        if (prepared.labels().isPresent()) {
            condition = gan.conditioning(Batch.of(real, prepared.labels().get().get(new NDIndex("0:{}", n))));
        }
        GanSettings s = gan.settings();
        NDArray dReal = gan.discriminatorOutput(real, condition, context.parameterStore(), true);
        NDArray dFake = gan.discriminatorOutput(fake, condition, context.parameterStore(), true);
        NDArray adversarial = GanLosses.discriminator(s.loss(), dReal, dFake);
        NDArray total = adversarial;
        Map<String, NDArray> terms = new LinkedHashMap<>();
        terms.put("adversarial", adversarial);
        NDArray labels = condition;
        java.util.function.Function<NDArray, NDArray> critic =
                p -> gan.discriminatorOutput(p, labels, context.parameterStore(), true);
        if (s.loss() == GanLoss.WASSERSTEIN_GP && s.gradientPenaltyWeight() > 0) {
            Shape eShape = new Shape(n);
            for (int i = 1; i < real.getShape().dimension(); i++) {
                eShape = eShape.add(1);
            }
            NDArray e = context.rng().uniform(context.manager(), 0f, 1f, eShape);
            NDArray interpolates = real.mul(e).add(fake.mul(e.neg().add(1f)));
            NDArray gp = GradientPenalty.forBlock(gan.discriminator()).wganGp(critic, interpolates);
            terms.put("gradientPenalty", gp);
            total = total.add(Scalars.mul(gp, (float) s.gradientPenaltyWeight()));
        }
        if (s.r1Weight() > 0) {
            NDArray r1 = GradientPenalty.forBlock(gan.discriminator()).r1(critic, real);
            terms.put("r1", r1);
            total = total.add(Scalars.mul(r1, (float) (s.r1Weight() / 2)));
        }
        terms.put("realScore", dReal.mean());
        terms.put("fakeScore", dFake.mean());
        return new LossResult(total, terms);
    }
}
