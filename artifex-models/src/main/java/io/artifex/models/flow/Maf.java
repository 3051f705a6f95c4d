package io.artifex.models.flow;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * A masked autoregressive flow (Papamakarios et al., 2017) on real vectors {@code (N, inputDim)}:
 * {@code numLayers} {@link MafLayer}s with the variable order reversed between them, and a
 * standard normal base. Density evaluation takes one pass per layer; sampling takes
 * {@code inputDim} passes per layer. Bits per dimension are in the data's own units (no 8-bit
 * correction): MAF is meant for continuous and tabular data.
 *
 * <pre>{@code
 * try (GenerativeModel model = Models.create(new MafConfig("maf", 4, 5, List.of(64, 64)), 0)) { ... }
 * }</pre>
 *
 * <p>Thread-safety: as for every model (docs/testing.md, "Concurrent sampling"): sampling and
 * likelihood calls may run on several threads at once, each with its own {@code Rng} and
 * sub-manager; training, loading weights and {@code close} must not overlap any other call.
 */
public final class Maf extends FlowModel {

    private Maf(MafConfig config, NDManager manager, FlowSequence flow) {
        super(config, manager, flow, new Shape(config.inputDim()), false);
    }

    /** Builds and initialises the model on {@code manager} from {@code rng}. */
    static Maf create(MafConfig config, NDManager manager, Rng rng) {
        List<FlowLayer> layers = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            if (i > 0) {
                layers.add(new ReversePermutation());
            }
            layers.add(new MafLayer(config.inputDim(), config.hiddenDims(), config.activation()));
        }
        FlowSequence flow = new FlowSequence(layers);
        rng.seedEngine(manager);
        flow.initialize(manager, DataType.FLOAT32, new Shape(1, config.inputDim()));
        return new Maf(config, manager, flow);
    }

    @Override
    public MafConfig config() {
        return (MafConfig) super.config();
    }
}
