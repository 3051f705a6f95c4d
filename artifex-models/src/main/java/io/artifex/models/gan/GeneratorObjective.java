package io.artifex.models.gan;

import ai.djl.ndarray.NDArray;
import io.artifex.core.model.Batch;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.PhaseObjective;
import io.artifex.core.model.StepContext;
import java.util.Map;

/**
 * The generator phase: fresh latents (and, for a conditional GAN, the batch's labels) through
 * the generator and the discriminator, both in training mode; the loss is the generator's term
 * of {@link GanLosses}. The real examples are not used (only their labels and count). The
 * discriminator's parameters are frozen by the trainer, so only the generator is updated.
 */
final class GeneratorObjective implements PhaseObjective {

    /** The phase name, used in logs and divergence messages. */
    static final String PHASE = "generator";

    private final BaseGan gan;

    GeneratorObjective(BaseGan gan) {
        this.gan = gan;
    }

    @Override
    public LossResult loss(Batch batch, StepContext context) {
        NDArray condition = gan.conditioning(batch);
        NDArray z = gan.samplePrior(batch.size(), context.manager(), context.rng());
        NDArray fake = gan.generatorOutput(z, condition, context.parameterStore(), true);
        NDArray dFake = gan.discriminatorOutput(fake, condition, context.parameterStore(), true);
        return new LossResult(GanLosses.generator(gan.settings().loss(), dFake), Map.of("fakeScore", dFake.mean()));
    }
}
