package io.artifex.models.gan;

import io.artifex.core.registry.ParameterEstimate;
import io.artifex.models.common.ParameterTally;
import java.util.Optional;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.artifex.core.config.ConfigMigrations;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * The DCGAN family (type id {@code dcgan}): builds a {@link Gan}, or a {@link ConditionalGan}
 * when {@code numClasses > 0}, from a {@link DcganConfig}. Registered through ServiceLoader. The
 * seed's example config builds reference network #2 of the benchmark spec (3,923,010
 * parameters); see {@link GanGeometry} for how layer shapes follow from the config.
 *
 * <p>Thread-safety: stateless; safe to share between threads.
 */
public final class GanFamily implements ModelFamily {

    /** The type id used in config files. */
    public static final String TYPE_ID = "dcgan";

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public Class<? extends ModelConfig> configClass() {
        return DcganConfig.class;
    }

    /**
     * Schema version 1 wrote {@code generator.outputShape} and {@code discriminator.inputShape}
     * as (channels, height, width); version 2 writes them (height, width, channels).
     */
    @Override
    public List<String> migrate(int fromVersion, ObjectNode config) {
        if (fromVersion != 1) {
            return List.of();
        }
        List<String> changes = new ArrayList<>();
        changes.addAll(ConfigMigrations.under("generator",
                ConfigMigrations.channelsFirstToLast(ConfigMigrations.object(config, "generator"), "outputShape")));
        changes.addAll(ConfigMigrations.under("discriminator",
                ConfigMigrations.channelsFirstToLast(ConfigMigrations.object(config, "discriminator"), "inputShape")));
        return changes;
    }

    @Override
    public GenerativeModel create(ModelConfig modelConfig, NDManager manager, Rng rng) {
        if (!(modelConfig instanceof DcganConfig config)) {
            throw new IllegalArgumentException("the dcgan family needs a DcganConfig, got "
                    + (modelConfig == null ? "null" : modelConfig.getClass().getSimpleName()));
        }
        GanSettings settings = GanSettings.of(config);
        int classes = settings.numClasses();
        ConvDiscriminatorConfig d = config.discriminator();
        DcganGenerator generator = new DcganGenerator(config.generator());
        DcganDiscriminator discriminator = new DcganDiscriminator(d, classes);
        List<Integer> hwc = d.inputShape();
        Shape dInput = new Shape(hwc.get(2) + classes, hwc.get(0), hwc.get(1));
        GanNetwork network = new GanNetwork(generator, discriminator,
                new Shape(settings.latentDim() + classes), dInput);
        rng.seedEngine(manager);
        network.initialize(manager, DataType.FLOAT32, new Shape(1, settings.latentDim() + classes));
        return classes > 0 ? new ConditionalGan(config, settings, manager, network)
                : new Gan(config, settings, manager, network);
    }

    /**
     * Exact: the generator's dense projection to its start feature map (with batch norm), one
     * transposed convolution per pair of consecutive hidden widths (each with batch norm) and a 3x3
     * output convolution; the discriminator's convolutions (batch norm after all but the first) and
     * a dense head over the last feature map. The layer sizes come from the same geometry the
     * networks are built from.
     */
    @Override
    public Optional<ParameterEstimate> estimateParameters(ModelConfig modelConfig) {
        DcganConfig config = (DcganConfig) modelConfig;
        int classes = GanSettings.of(config).numClasses();
        ConvGeneratorConfig g = config.generator();
        ConvDiscriminatorConfig d = config.discriminator();
        ParameterTally tally = new ParameterTally();
        String latent = ParameterTally.field("model.generator.latentDim", g.latentDim())
                + (classes > 0 ? " + " + ParameterTally.field("model.numClasses", classes) : "");
        long start = GanGeometry.generatorStart(g).size();
        long startWidth = (long) g.hiddenDims().get(0) * start;
        String startWhat = ParameterTally.field("model.generator.hiddenDims[0]", g.hiddenDims().get(0)) + " x " + start
                + " cells";
        tally.dense(GanSettings.of(config).latentDim() + classes, latent, startWidth, startWhat);
        if (g.batchNorm()) {
            tally.norm(startWidth, startWhat);
        }
        List<ConvLayerSpec> ups = GanGeometry.generatorLayers(g);
        for (int i = 0; i < ups.size(); i++) {
            ConvLayerSpec s = ups.get(i);
            String out = ParameterTally.field("model.generator.hiddenDims[" + (i + 1) + "]", s.outChannels());
            tally.conv(s.inChannels(), ParameterTally.field("model.generator.hiddenDims[" + i + "]", s.inChannels()),
                    s.outChannels(), out, s.kernel().get(0), s.kernel().get(1));
            if (g.batchNorm()) {
                tally.norm(s.outChannels(), out);
            }
        }
        int last = g.hiddenDims().size() - 1;
        tally.conv(g.hiddenDims().get(last), ParameterTally.field("model.generator.hiddenDims[" + last + "]",
                g.hiddenDims().get(last)), g.outputShape().get(2), ParameterTally.image("model.generator.outputShape",
                g.outputShape()), 3, 3);
        List<ConvLayerSpec> convs = GanGeometry.discriminatorLayers(d, classes);
        String in = ParameterTally.image("model.discriminator.inputShape", d.inputShape());
        for (int i = 0; i < convs.size(); i++) {
            ConvLayerSpec s = convs.get(i);
            String out = ParameterTally.field("model.discriminator.hiddenDims[" + i + "]", s.outChannels());
            tally.conv(s.inChannels(), in, s.outChannels(), out, s.kernel().get(0), s.kernel().get(1));
            if (d.batchNorm() && i > 0) {
                tally.norm(s.outChannels(), out);
            }
            in = out;
        }
        ConvLayerSpec lastConv = convs.get(convs.size() - 1);
        long cells = lastConv.outSize().size();
        tally.dense(lastConv.outChannels() * cells, in + " x " + cells + " cells", 1, "1 logit");
        return Optional.of(tally.estimate());
    }
}
