package io.artifex.models.flow;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.model.Batch;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ParameterGroup;
import io.artifex.core.model.PhaseObjective;
import io.artifex.core.model.StepContext;
import io.artifex.core.model.TrainingPhase;
import io.artifex.core.random.Rng;
import java.util.List;

/**
 * A convolutional multi-scale flow for images {@code (N, C, H, W)} ({@link MultiScaleFlow}:
 * checkerboard couplings, squeeze, Glow steps of activation normalisation, invertible 1x1
 * convolution and channel coupling, half the dimensions factored out per scale) with a
 * standard normal base. Inputs and bits per dimension as for {@link RealNvp}: dequantised
 * 8-bit pixels in [0, 1) when {@code dequantize} is on (the default).
 *
 * <p>The training step's {@code prepare} runs the activation normalisations' data-dependent
 * initialisation on the first batch (outside gradient recording); call
 * {@link #initializeActNorms} yourself when training with your own loop.
 *
 * <p>Thread-safety: as for every model (docs/testing.md, "Concurrent sampling"): sampling and
 * likelihood calls may run on several threads at once, each with its own {@code Rng} and
 * sub-manager; training, loading weights and {@code close} must not overlap any other call.
 */
public final class Glow extends FlowModel {

    private final MultiScaleFlow multiScale;
    private boolean actNormsReady;

    private Glow(GlowConfig config, NDManager manager, MultiScaleFlow flow, Shape image) {
        super(config, manager, flow, image, config.dequantize());
        this.multiScale = flow;
    }

    /** Builds and initialises the model on {@code manager} from {@code rng}. */
    static Glow create(GlowConfig config, NDManager manager, Rng rng) {
        List<Integer> hwc = config.inputShape();
        Shape image = new Shape(hwc.get(2), hwc.get(0), hwc.get(1));
        MultiScaleFlow flow = new MultiScaleFlow(image, config.numScales(), config.stepsPerScale(),
                config.checkerboardCouplings(), config.hiddenChannels(),
                config.dequantize() ? config.logitAlpha() : -1, rng.fork("invertible-convolutions"));
        rng.seedEngine(manager);
        flow.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(image));
        return new Glow(config, manager, flow, image);
    }

    @Override
    public GlowConfig config() {
        return (GlowConfig) super.config();
    }

    /**
     * Initialises every activation normalisation that has not been initialised (not in a loaded
     * model either) from the batch; does nothing afterwards. Call outside gradient recording.
     */
    public void initializeActNorms(Batch batch, ParameterStore parameterStore) {
        if (actNormsReady) {
            return;
        }
        if (!multiScale.actNorms().stream().allMatch(ActNorm::isDataInitialized)) {
            multiScale.initializeActNorms(parameterStore, checkedInput(batch.x()));
        }
        actNormsReady = true;
    }

    /** One phase over all parameters whose {@code prepare} runs the data-dependent initialisation. */
    @Override
    public List<TrainingPhase> trainingPhases() {
        PhaseObjective objective = new PhaseObjective() {
            @Override
            public Batch prepare(Batch batch, StepContext context) {
                initializeActNorms(batch, context.parameterStore());
                return batch;
            }

            @Override
            public LossResult loss(Batch batch, StepContext context) {
                return Glow.this.loss(batch, forward(batch, context), context);
            }
        };
        return List.of(TrainingPhase.single(ParameterGroup.of("all", network()), objective));
    }
}
