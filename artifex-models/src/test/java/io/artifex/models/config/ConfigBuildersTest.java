package io.artifex.models.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.models.autoregressive.PixelCnnConfig;
import io.artifex.models.autoregressive.transformer.TransformerConfig;
import io.artifex.models.diffusion.DdpmConfig;
import io.artifex.models.diffusion.MlpDiffusionConfig;
import io.artifex.models.diffusion.NoiseScheduleConfig;
import io.artifex.models.diffusion.UNetBackboneConfig;
import io.artifex.models.energy.EbmConfig;
import io.artifex.models.energy.EnergyNetworkConfig;
import io.artifex.models.energy.McmcConfig;
import io.artifex.models.energy.SampleBufferConfig;
import io.artifex.models.flow.CouplingNetworkConfig;
import io.artifex.models.flow.GlowConfig;
import io.artifex.models.flow.MafConfig;
import io.artifex.models.flow.RealNvpConfig;
import io.artifex.models.gan.ConvDiscriminatorConfig;
import io.artifex.models.gan.ConvGeneratorConfig;
import io.artifex.models.gan.DcganConfig;
import io.artifex.models.gan.MlpGanConfig;
import io.artifex.models.vae.DecoderConfig;
import io.artifex.models.vae.EncoderConfig;
import io.artifex.models.vae.VaeConfig;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The builders of the config records: each setter fills its own component, {@code toBuilder}
 * carries every value, and the defaults of a builder are those of a config file.
 */
class ConfigBuildersTest {

    static Stream<Class<? extends Record>> records() {
        return Stream.of(VaeConfig.class, EncoderConfig.class, DecoderConfig.class, DcganConfig.class,
                MlpGanConfig.class, ConvGeneratorConfig.class, ConvDiscriminatorConfig.class, DdpmConfig.class,
                MlpDiffusionConfig.class, NoiseScheduleConfig.class, UNetBackboneConfig.class, EbmConfig.class,
                EnergyNetworkConfig.class, McmcConfig.class, SampleBufferConfig.class, RealNvpConfig.class,
                GlowConfig.class, MafConfig.class, CouplingNetworkConfig.class, PixelCnnConfig.class, TransformerConfig.class,
                DataConfig.class, ExperimentConfig.class);
    }

    /**
     * Every component set through its setter, with a value unlike its default and unlike every
     * other component's, gives the record the canonical constructor gives. Catches a setter that
     * writes another field, a builder that drops a field, or a missing setter.
     */
    @ParameterizedTest
    @MethodSource("records")
    void everySetterFillsItsOwnComponent(Class<? extends Record> type) throws Exception {
        Values values = new Values();
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = values.of(components[i].getGenericType());
        }
        Record expected = canonical(type, args);

        Object builder = type.getMethod("builder").invoke(null);
        for (int i = 0; i < components.length; i++) {
            Method setter = setter(builder.getClass(), components[i]);
            setter.invoke(builder, args[i]);
        }
        Object built = builder.getClass().getMethod("build").invoke(builder);

        assertThat(built).isEqualTo(expected);
        Object again = type.getMethod("toBuilder").invoke(expected);
        assertThat(again.getClass().getMethod("build").invoke(again)).isEqualTo(expected);
    }

    /** A builder given only the required fields equals the file that gives only those fields. */
    @Test
    void builderDefaultsAreTheDefaultsOfAFile() {
        VaeConfig fromJava = VaeConfig.builder()
                .name("vae")
                .encoder(EncoderConfig.builder().name("encoder").inputShape(28, 28, 1).latentDim(16).hiddenDims(64)
                        .build())
                .decoder(DecoderConfig.builder().name("decoder").latentDim(16).outputShape(28, 28, 1).hiddenDims(64)
                        .build())
                .build();
        String yaml = """
                schemaVersion: 2
                type: vae
                name: vae
                encoder: { name: encoder, inputShape: [28, 28, 1], latentDim: 16, hiddenDims: [64] }
                decoder: { name: decoder, latentDim: 16, outputShape: [28, 28, 1], hiddenDims: [64] }
                """;

        assertThat(ConfigIO.fromYaml(yaml, ModelConfig.class)).isEqualTo(fromJava);
        assertThat(fromJava.klWeight()).isEqualTo(1.0);
        assertThat(fromJava.encoder().activation()).isEqualTo(ActivationType.RELU);

        DataConfig data = DataConfig.builder().dataset("mnist").preprocessing(Preprocessing.BINARIZE).build();
        assertThat(ConfigIO.fromYaml("schemaVersion: 2\ndataset: mnist\npreprocessing: binarize\n", DataConfig.class))
                .isEqualTo(data);
        assertThat(data.toySize()).isEqualTo(10_000);
    }

    /** The seed-like short forms are the builder with the same fields set, nothing else. */
    @Test
    void seedFormsEqualTheirBuilders() {
        assertThat(new McmcConfig("mcmc", 60, 0.01))
                .isEqualTo(McmcConfig.builder().name("mcmc").nSteps(60).stepSize(0.01).build());
        assertThat(new PixelCnnConfig("p", List.of(28, 28, 1), 64, 8)).isEqualTo(PixelCnnConfig.builder()
                .name("p").inputShape(28, 28, 1).hiddenChannels(64).numLayers(8).residualChannels(32).build());
        assertThat(SeedConfigs.ebm().withMcmc(new McmcConfig("m2", 5, 0.5)).mcmc().nSteps()).isEqualTo(5);
        assertThat(SeedConfigs.ebm().mcmc().withStepSize(0.5))
                .isEqualTo(new McmcConfig("mcmc", 60, 0.5));
    }

    private static Record canonical(Class<? extends Record> type, Object[] args) throws Exception {
        Class<?>[] types = Stream.of(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Constructor<? extends Record> constructor = type.getDeclaredConstructor(types);
        return constructor.newInstance(args);
    }

    private static Method setter(Class<?> builder, RecordComponent component) {
        for (Method m : builder.getMethods()) {
            if (m.getName().equals(component.getName()) && m.getParameterCount() == 1
                    && boxed(m.getParameterTypes()[0]).equals(component.getType())) {
                return m;
            }
        }
        throw new AssertionError(builder.getName() + " has no setter " + component.getName() + "("
                + component.getType().getSimpleName() + ")");
    }

    private static Class<?> boxed(Class<?> type) {
        if (type == int.class) {
            return Integer.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        return type;
    }

    /** Distinct values: each call gives a value no earlier call gave, and none equals a default. */
    private static final class Values {
        private int next = 3;

        Object of(Type type) throws Exception {
            next++;
            if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
                Type element = p.getActualTypeArguments()[0];
                if (element == String.class) {
                    return List.of("hflip");
                }
                return List.of(next, next + 1);
            }
            if (type instanceof ParameterizedType p && p.getRawType() == java.util.Map.class) {
                return java.util.Map.of();
            }
            Class<?> c = (Class<?>) type;
            if (c == String.class) {
                return "s" + next;
            }
            if (c == Integer.class) {
                return 1000 + next;
            }
            if (c == Long.class) {
                return 1000L + next;
            }
            if (c == Double.class) {
                return 0.001 * next;
            }
            if (c == Boolean.class) {
                return next % 2 == 0;
            }
            if (c.isEnum()) {
                Object[] constants = c.getEnumConstants();
                return constants[next % constants.length];
            }
            if (c == ModelConfig.class) {
                return SeedConfigs.pixelCnn();
            }
            if (c.isRecord()) {
                RecordComponent[] components = c.getRecordComponents();
                List<Object> args = new ArrayList<>();
                for (RecordComponent component : components) {
                    args.add(of(component.getGenericType()));
                }
                @SuppressWarnings("unchecked")
                Class<? extends Record> record = (Class<? extends Record>) c;
                return canonical(record, args.toArray());
            }
            throw new AssertionError("no test value for " + type);
        }
    }
}
