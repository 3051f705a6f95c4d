package io.artifex.models.gan;

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
}
