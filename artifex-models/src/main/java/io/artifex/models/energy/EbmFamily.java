package io.artifex.models.energy;

import io.artifex.core.registry.ParameterEstimate;
import io.artifex.models.common.ParameterTally;
import java.util.Optional;
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

    /**
     * Exact: a dense energy network is an MLP from {@code inputDim} through the hidden widths to
     * one energy; a conv one has 3x3 stride-2 convolutions, a dense layer from the last feature
     * map to the last width and a dense output. The replay buffer ({@code sampleBuffer.capacity x
     * inputDim} values) is counted as a buffer, not as parameters.
     */
    @Override
    public Optional<ParameterEstimate> estimateParameters(ModelConfig modelConfig) {
        EbmConfig config = (EbmConfig) modelConfig;
        EnergyNetworkConfig net = config.energyNetwork();
        String input = ParameterTally.field("model.inputDim", config.inputDim());
        ParameterTally tally = new ParameterTally();
        List<Integer> widths = net.hiddenDims();
        String lastWhat = ParameterTally.field("model.energyNetwork.hiddenDims[" + (widths.size() - 1) + "]",
                widths.get(widths.size() - 1));
        if (net.networkType() == EnergyNetworkType.CONV) {
            Shape chw = imageShape(config.inputDim());
            long side = chw.get(1);
            long in = chw.get(0);
            String inWhat = input;
            for (int i = 0; i < widths.size(); i++) {
                String what = ParameterTally.field("model.energyNetwork.hiddenDims[" + i + "]", widths.get(i));
                tally.conv(in, inWhat, widths.get(i), what, 3, 3);
                in = widths.get(i);
                inWhat = what;
                side = (side + 1) / 2;
            }
            tally.dense(in * side * side, lastWhat + " x " + side * side + " cells", in, lastWhat);
            tally.dense(in, lastWhat, 1, "1 energy");
        } else {
            long h = tally.mlp(config.inputDim(), input, widths, "model.energyNetwork.hiddenDims");
            tally.dense(h, lastWhat, 1, "1 energy");
        }
        tally.buffer((long) config.sampleBuffer().capacity() * config.inputDim(),
                ParameterTally.field("model.sampleBuffer.capacity", config.sampleBuffer().capacity()) + " x " + input);
        return Optional.of(tally.estimate());
    }
}
