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
 * The Glow family (type id {@code glow}): builds a {@link Glow} from a {@link GlowConfig}. Registered through ServiceLoader.
 *
 * <p>Thread-safety: stateless; safe to share between threads.
 */
public final class GlowFamily implements ModelFamily {

    /** The type id used in config files. */
    public static final String TYPE_ID = "glow";

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public Class<? extends ModelConfig> configClass() {
        return GlowConfig.class;
    }

    @Override
    public GenerativeModel create(ModelConfig modelConfig, NDManager manager, Rng rng) {
        if (!(modelConfig instanceof GlowConfig config)) {
            throw new IllegalArgumentException("the glow family needs a GlowConfig, got "
                    + (modelConfig == null ? "null" : modelConfig.getClass().getSimpleName()));
        }
        return Glow.create(config, manager, rng);
    }

    /**
     * Exact. Per scale: {@code checkerboardCouplings} steps of ActNorm and a checkerboard coupling
     * on {@code c} channels, a squeeze to {@code 4c}, then {@code stepsPerScale} steps of ActNorm
     * ({@code 2 x 4c}), an LU-decomposed invertible 1x1 convolution ({@code 2 x (4c)^2 + 4c}) and a
     * channel coupling; half the channels leave after every scale but the last. A coupling's
     * network is a 3x3 convolution from the kept channels to {@code hiddenChannels}, a 1x1 one and a
     * 3x3 one to a scale and shift per changed channel.
     */
    @Override
    public Optional<ParameterEstimate> estimateParameters(ModelConfig modelConfig) {
        GlowConfig config = (GlowConfig) modelConfig;
        long hidden = config.hiddenChannels();
        String hiddenWhat = ParameterTally.field("model.hiddenChannels", hidden);
        ParameterTally tally = new ParameterTally();
        long c = config.inputShape().get(2);
        for (int s = 0; s < config.numScales(); s++) {
            String channels = "the " + c + " channels of scale " + s + " (model.inputShape, model.numScales)";
            for (int i = 0; i < config.checkerboardCouplings(); i++) {
                tally.norm(c, channels);
                coupling(tally, c, c, channels, hidden, hiddenWhat);
            }
            c *= 4;
            channels = "the " + c + " channels of scale " + s + " (model.inputShape, model.numScales)";
            for (int i = 0; i < config.stepsPerScale(); i++) {
                tally.norm(c, channels);
                tally.add(ParameterTally.plus(ParameterTally.times(2, ParameterTally.times(c, c)), c), "the 1x1 convolution of "
                        + channels);
                coupling(tally, c / 2, c / 2, channels, hidden, hiddenWhat);
            }
            if (s < config.numScales() - 1) {
                c /= 2;
            }
        }
        return Optional.of(tally.estimate());
    }

    private static void coupling(ParameterTally tally, long kept, long changed, String channels, long hidden,
                                 String hiddenWhat) {
        tally.conv(kept, channels, hidden, hiddenWhat, 3, 3);
        tally.conv(hidden, hiddenWhat, hidden, hiddenWhat, 1, 1);
        tally.conv(hidden, hiddenWhat, 2 * changed, channels, 3, 3);
    }
}
