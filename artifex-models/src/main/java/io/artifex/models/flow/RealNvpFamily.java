package io.artifex.models.flow;

import io.artifex.core.registry.ParameterEstimate;
import io.artifex.models.common.ParameterTally;
import java.util.Optional;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelFamily;

/**
 * The RealNvp family (type id {@code realnvp}): builds a {@link RealNvp} from a {@link RealNvpConfig}. Registered through ServiceLoader.
 *
 * <p>Thread-safety: stateless; safe to share between threads.
 */
public final class RealNvpFamily implements ModelFamily {

    /** The type id used in config files. */
    public static final String TYPE_ID = "realnvp";

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public Class<? extends ModelConfig> configClass() {
        return RealNvpConfig.class;
    }

    @Override
    public GenerativeModel create(ModelConfig modelConfig, NDManager manager, Rng rng) {
        if (!(modelConfig instanceof RealNvpConfig config)) {
            throw new IllegalArgumentException("the realnvp family needs a RealNvpConfig, got "
                    + (modelConfig == null ? "null" : modelConfig.getClass().getSimpleName()));
        }
        return RealNvp.create(config, manager, rng);
    }

    /**
     * Exact: each of the {@code numCouplingLayers} affine couplings has an MLP from
     * {@code inputDim} through the coupling network's hidden widths to a scale and a shift per
     * dimension ({@code 2 x inputDim}).
     */
    @Override
    public Optional<ParameterEstimate> estimateParameters(ModelConfig modelConfig) {
        RealNvpConfig config = (RealNvpConfig) modelConfig;
        String input = ParameterTally.field("model.inputDim", config.inputDim());
        String layers = ParameterTally.field("model.numCouplingLayers", config.numCouplingLayers());
        ParameterTally one = new ParameterTally();
        long h = one.mlp(config.inputDim(), input, config.couplingNetwork().hiddenDims(), "model.couplingNetwork.hiddenDims");
        one.dense(h, "the last of model.couplingNetwork.hiddenDims (" + h + ")", 2L * config.inputDim(), "2 x " + input);
        ParameterTally tally = new ParameterTally();
        tally.add(ParameterTally.times(one.total(), config.numCouplingLayers()), layers + " x (" + one.estimate().drivers()
                + ", ...)");
        return Optional.of(tally.estimate());
    }
}
