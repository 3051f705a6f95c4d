package io.artifex.models.energy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelFamily;
import io.artifex.models.common.Mlp;
import java.util.ArrayList;
import java.util.List;

/**
 * The energy-based model family (type id {@code ebm}): builds an {@link Ebm} from an
 * {@link EbmConfig}. The dense energy network is {@code Lin(inputDim -> h1) act ... Lin(hk -> 1)};
 * the seed's defaults (hidden (256, 256), swish, input 784) give benchmark network 5 with
 * 267,009 parameters. The {@code conv} network reads images: {@code inputDim} must be
 * {@code s*s} (one channel, s x s) or {@code 3*s*s} (three channels). Registered through
 * ServiceLoader.
 *
 * <p>Thread-safety: stateless; safe to share between threads.
 */
public final class EbmFamily implements ModelFamily {

    /** The type id used in config files. */
    public static final String TYPE_ID = "ebm";

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public Class<? extends ModelConfig> configClass() {
        return EbmConfig.class;
    }

    @Override
    public GenerativeModel create(ModelConfig modelConfig, NDManager manager, Rng rng) {
        if (!(modelConfig instanceof EbmConfig config)) {
            throw new IllegalArgumentException("the ebm family needs an EbmConfig, got "
                    + (modelConfig == null ? "null" : modelConfig.getClass().getSimpleName()));
        }
        EnergyNetworkConfig net = config.energyNetwork();
        Shape sampleShape;
        Block energy;
        if (net.networkType() == EnergyNetworkType.CONV) {
            sampleShape = imageShape(config.inputDim());
            energy = new ConvEnergyNetwork(net.hiddenDims(), net.activation());
        } else {
            sampleShape = new Shape(config.inputDim());
            List<Integer> widths = new ArrayList<>(net.hiddenDims());
            widths.add(1);
            energy = new Mlp(widths, net.activation(), false);
        }
        EbmNetwork network = new EbmNetwork(energy, config.sampleBuffer().capacity(), sampleShape);
        rng.seedEngine(manager);
        network.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(sampleShape));
        Ebm model = new Ebm(config, manager, network, sampleShape);
        model.replayBuffer().fillUniform(rng.fork("replay-buffer"));
        return model;
    }

    /** {@code (1, s, s)} for {@code inputDim = s*s}, {@code (3, s, s)} for {@code 3*s*s}; otherwise an error. */
    static Shape imageShape(int inputDim) {
        for (int channels : new int[] {1, 3}) {
            if (inputDim % channels == 0) {
                int side = (int) Math.round(Math.sqrt(inputDim / (double) channels));
                if ((long) side * side * channels == inputDim) {
                    return new Shape(channels, side, side);
                }
            }
        }
        throw new IllegalArgumentException("energyNetwork.networkType conv needs images: inputDim must be s*s (one channel)"
                + " or 3*s*s (three channels), got " + inputDim);
    }
}
