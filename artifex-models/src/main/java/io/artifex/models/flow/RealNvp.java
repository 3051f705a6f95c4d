package io.artifex.models.flow;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.random.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * RealNVP (Dinh et al., 2017) on flat vectors {@code (N, inputDim)}: optionally the logit
 * transform of dequantised pixels, then {@code numCouplingLayers} {@link AffineCoupling}s whose
 * masks alternate between even and odd coordinates, and a standard normal base.
 *
 * <p>With {@code dequantize = true} (the default) the inputs are dequantised 8-bit pixels
 * {@code (pixel + u) / 256} in [0, 1) (the data module's {@code dequantize} preprocessing)
 * and bits per dimension are those of the 8-bit data; with {@code false} the inputs are any
 * real vectors and no logit transform is applied. The seed's config,
 * {@code RealNvpConfig("realnvp", 784, 8, CouplingNetworkConfig(hiddenDims (256, 256), relu))},
 * is reference network #4 (5,357,824 parameters).
 *
 * <pre>{@code
 * CouplingNetworkConfig coupling = new CouplingNetworkConfig("coupling", List.of(256, 256), ActivationType.RELU);
 * try (GenerativeModel model = Models.create(new RealNvpConfig("realnvp", 784, 8, coupling), 0)) { ... }
 * }</pre>
 *
 * <p>Thread-safety: as for every model (docs/testing.md, "Concurrent sampling"): sampling and
 * likelihood calls may run on several threads at once, each with its own {@code Rng} and
 * sub-manager; training, loading weights and {@code close} must not overlap any other call.
 */
public final class RealNvp extends FlowModel {

    private RealNvp(RealNvpConfig config, NDManager manager, FlowSequence flow) {
        super(config, manager, flow, new Shape(config.inputDim()), config.dequantize());
    }

    /** Builds and initialises the model on {@code manager} from {@code rng}. */
    static RealNvp create(RealNvpConfig config, NDManager manager, Rng rng) {
        int dim = config.inputDim();
        CouplingNetworkConfig net = config.couplingNetwork();
        List<FlowLayer> layers = new ArrayList<>();
        if (config.dequantize()) {
            layers.add(new LogitTransform(config.logitAlpha()));
        }
        for (int i = 0; i < config.numCouplingLayers(); i++) {
            layers.add(new AffineCoupling(AffineCoupling.alternatingMask(dim, i % 2), net.hiddenDims(), net.activation()));
        }
        FlowSequence flow = new FlowSequence(layers);
        rng.seedEngine(manager);
        flow.initialize(manager, DataType.FLOAT32, new Shape(1, dim));
        return new RealNvp(config, manager, flow);
    }

    @Override
    public RealNvpConfig config() {
        return (RealNvpConfig) super.config();
    }
}
