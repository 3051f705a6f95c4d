package io.artifex.models.diffusion;

import io.artifex.core.registry.ParameterEstimate;
import io.artifex.models.common.ParameterTally;
import java.util.Optional;
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

    /**
     * Exact: the time embedding (two dense layers, plus a bias-free label embedding of
     * {@code numClasses + 1} one-hot inputs), the 3x3 input convolution, per level
     * {@code numResBlocks} time-conditioned residual blocks (two group norms, two 3x3
     * convolutions, a dense time projection, a 1x1 skip convolution when the width changes) with
     * self-attention at the levels {@code attentionResolutions} names, a stride-2 3x3
     * downsampling convolution between levels, the middle (two residual blocks around optional
     * attention), the mirrored up path whose blocks also take the skip channels, with a 3x3
     * convolution after each upsampling, and the output group norm and 3x3 convolution.
     */
    @Override
    public Optional<ParameterEstimate> estimateParameters(ModelConfig modelConfig) {
        DdpmConfig config = (DdpmConfig) modelConfig;
        UNetBackboneConfig b = config.backbone();
        List<Integer> hwc = config.inputShape();
        List<Integer> widths = b.hiddenDims();
        int levels = widths.size();
        int last = levels - 1;
        int time = b.timeEmbeddingDim();
        ParameterTally tally = new ParameterTally();
        String timeWhat = ParameterTally.field("model.backbone.timeEmbeddingDim", time);
        String w0 = width(widths, 0);
        tally.dense(widths.get(0), w0, time, timeWhat);
        tally.dense(time, timeWhat, time, timeWhat);
        if (config.numClasses() > 0) {
            tally.denseNoBias(config.numClasses() + 1L, ParameterTally.field("model.numClasses", config.numClasses())
                    + " + 1", time, timeWhat);
        }
        tally.conv(hwc.get(2), ParameterTally.image("model.inputShape", hwc), widths.get(0), w0, 3, 3);
        long channels = widths.get(0);
        String channelsWhat = w0;
        for (int i = 0; i < levels; i++) {
            for (int j = 0; j < b.numResBlocks(); j++) {
                resBlock(tally, channels, channelsWhat, widths.get(i), width(widths, i), time, timeWhat);
                channels = widths.get(i);
                channelsWhat = width(widths, i);
                if (i < last && attends(config, i)) {
                    attention(tally, channels, channelsWhat);
                }
            }
            if (i < last) {
                tally.conv(channels, channelsWhat, channels, channelsWhat, 3, 3);
            }
        }
        resBlock(tally, channels, channelsWhat, channels, channelsWhat, time, timeWhat);
        if (attends(config, last)) {
            attention(tally, channels, channelsWhat);
        }
        resBlock(tally, channels, channelsWhat, channels, channelsWhat, time, timeWhat);
        for (int i = last; i >= 0; i--) {
            for (int j = 0; j < b.numResBlocks(); j++) {
                resBlock(tally, channels + widths.get(i), channelsWhat + " + skip " + width(widths, i), widths.get(i),
                        width(widths, i), time, timeWhat);
                channels = widths.get(i);
                channelsWhat = width(widths, i);
                if (i < last && attends(config, i)) {
                    attention(tally, channels, channelsWhat);
                }
            }
            if (i > 0) {
                tally.conv(channels, channelsWhat, channels, channelsWhat, 3, 3);
            }
        }
        tally.norm(widths.get(0), w0);
        tally.conv(widths.get(0), w0, b.outChannels(), ParameterTally.field("model.backbone.outChannels",
                b.outChannels()), 3, 3);
        return Optional.of(tally.estimate());
    }

    private static String width(List<Integer> widths, int level) {
        return ParameterTally.field("model.backbone.hiddenDims[" + level + "]", widths.get(level));
    }

    /** Whether level {@code level} (image side {@code height >> level}) has self-attention. */
    private static boolean attends(DdpmConfig config, int level) {
        return config.backbone().attentionResolutions().contains(config.inputShape().get(0) >> level);
    }

    /** A time-conditioned residual block ({@link io.artifex.core.nn.TimeResBlock}). */
    private static void resBlock(ParameterTally tally, long in, String inWhat, long out, String outWhat, long time,
                                 String timeWhat) {
        tally.norm(in, inWhat);
        tally.conv(in, inWhat, out, outWhat, 3, 3);
        tally.dense(time, timeWhat, out, outWhat);
        tally.norm(out, outWhat);
        tally.conv(out, outWhat, out, outWhat, 3, 3);
        if (in != out) {
            tally.conv(in, inWhat, out, outWhat, 1, 1);
        }
    }

    /** Self-attention over a feature map ({@link io.artifex.core.nn.SelfAttention2d}): norm, 1x1 qkv and projection. */
    private static void attention(ParameterTally tally, long channels, String what) {
        tally.norm(channels, what);
        tally.conv(channels, what, 3 * channels, "3 x " + what, 1, 1);
        tally.conv(channels, what, channels, what, 1, 1);
    }
}
