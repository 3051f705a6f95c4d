package io.artifex.models.energy;

import ai.djl.ndarray.NDArray;
import io.artifex.core.model.Batch;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.PhaseObjective;
import io.artifex.core.model.StepContext;

/**
 * Persistent contrastive divergence as a training phase:
 * <ol>
 *   <li>{@link #prepare} (no gradient recording): draw distinct buffer slots, restart each chain
 *       from noise with the buffer's reinit probability, run the configured sampler with the
 *       energy network frozen, and keep the slots and final states for this step;</li>
 *   <li>{@link #loss}: {@code mean E(real) - mean E(fake) + alpha * (mean E(real)^2 + mean E(fake)^2)}
 *       (squares averaged per example), real and fake energies from one forward pass;</li>
 *   <li>{@link #afterUpdate}: write the final states back into their slots.</li>
 * </ol>
 * Negatives come one per real example. The objective holds the current step's chains between
 * the three calls, so one instance serves one trainer at a time.
 */
final class ContrastiveDivergence implements PhaseObjective {

    private final Ebm model;
    private NDArray pendingSlots;
    private NDArray pendingStates;

    ContrastiveDivergence(Ebm model) {
        this.model = model;
    }

    @Override
    public Batch prepare(Batch batch, StepContext context) {
        model.checkedSamples(batch.x());
        ReplayBuffer.Draw draw = model.replayBuffer().draw(batch.size(), context.manager(), context.rng());
        pendingSlots = draw.slots();
        pendingStates = model.runChain(draw.starts(), context.rng()).samples();
        return batch;
    }

    @Override
    public LossResult loss(Batch batch, StepContext context) {
        if (pendingStates == null) {
            throw new IllegalStateException("contrastive divergence: loss called before prepare ran the chains");
        }
        NDArray real = model.checkedSamples(batch.x());
        int n = batch.size();
        NDArray energies = model.energy(real.concat(pendingStates, 0), context.parameterStore(), true);
        return model.contrastiveLoss(energies.get(":" + n), energies.get(n + ":"));
    }

    @Override
    public void afterUpdate(Batch batch, StepContext context) {
        if (pendingStates == null) {
            throw new IllegalStateException("contrastive divergence: afterUpdate called before prepare ran the chains");
        }
        model.replayBuffer().write(pendingSlots, pendingStates);
        pendingSlots = null;
        pendingStates = null;
    }
}
