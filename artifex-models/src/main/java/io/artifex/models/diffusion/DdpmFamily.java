package io.artifex.models.diffusion;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelFamily;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The DDPM family (type id {@code ddpm}): a {@link DiffusionModel} with the {@link UNet}
 * backbone, or a {@link ConditionalDiffusionModel} when {@code numClasses > 0}, from a
 * {@link DdpmConfig}. The seed's default config builds benchmark network #3 exactly.
 * Registered through ServiceLoader.
 *
 * <p>Thread-safety: stateless; safe to share between threads.
 */
public final class DdpmFamily implements ModelFamily {

    /** The type id used in config files. */
    public static final String TYPE_ID = "ddpm";

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public Class<? extends ModelConfig> configClass() {
        return DdpmConfig.class;
    }

    @Override
    public GenerativeModel create(ModelConfig modelConfig, NDManager manager, Rng rng) {
        if (!(modelConfig instanceof DdpmConfig config)) {
            throw new IllegalArgumentException("the ddpm family needs a DdpmConfig, got "
                    + (modelConfig == null ? "null" : modelConfig.getClass().getSimpleName()));
        }
        UNetBackboneConfig b = config.backbone();
        List<Integer> hwc = config.inputShape();
        int first = b.hiddenDims().get(0);
        if (first < 4 || first % 2 != 0) {
            throw new IllegalArgumentException("backbone.hiddenDims[0] sizes the sinusoidal time embedding and must be"
                    + " even and at least 4, got " + first);
        }
        Set<Integer> attentionLevels = new HashSet<>();
        for (int i = 0; i < b.hiddenDims().size(); i++) {
            if (b.attentionResolutions().contains(hwc.get(0) >> i)) {
                attentionLevels.add(i);
            }
        }
        UNet unet = new UNet(b.inChannels(), b.outChannels(), b.hiddenDims(), b.numResBlocks(), attentionLevels,
                b.numHeads(), b.groupNormGroups(), b.timeEmbeddingDim(), config.numClasses());
        Shape example = new Shape(hwc.get(2), hwc.get(0), hwc.get(1));
        rng.seedEngine(manager);
        Shape batch = new Shape(1).addAll(example);
        if (config.numClasses() > 0) {
            unet.initialize(manager, DataType.FLOAT32, batch, new Shape(1), new Shape(1));
        } else {
            unet.initialize(manager, DataType.FLOAT32, batch, new Shape(1));
        }
        DiffusionSpec spec = new DiffusionSpec(NoiseSchedule.fromConfig(config.noiseSchedule()),
                config.predictionType(), config.minSnrGamma(), example, config.numClasses(), config.labelDropout(), 1.0);
        return config.numClasses() > 0 ? new ConditionalDiffusionModel(config, manager, unet, spec)
                : new DiffusionModel(config, manager, unet, spec);
    }
}
