package io.artifex.models.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.artifex.core.config.ConfigCodec;
import io.artifex.core.config.ConfigCodec.Format;
import io.artifex.core.config.ConfigValidationException;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.registry.ModelRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the strict config reader, through the default registry's codec so that every
 * registered family's config is reachable by its {@code type} id. The last byte picks the
 * document kind (model, experiment or trainer config) and the syntax (YAML or JSON); the rest is
 * the file's bytes, decoded as {@link io.artifex.core.config.ConfigIO#read} does. Contract: the
 * read succeeds, or fails with an {@link IllegalArgumentException} whose message is one non-blank
 * line ({@link ConfigValidationException}: a first line, then one non-blank line per violation);
 * and a config that was read is written and read back to an equal value. Seeds in
 * {@code ConfigReaderFuzzTestInputs/}.
 */
class ConfigReaderFuzzTest {

    private static final List<Class<?>> TYPES = List.of(ModelConfig.class, ExperimentConfig.class, TrainerConfig.class);

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void readAnyConfig(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 5);
        Class<?> type = TYPES.get(kind / 2);
        Format format = kind % 2 == 0 ? Format.YAML : Format.JSON;
        byte[] bytes = data.consumeRemainingAsBytes();
        ConfigCodec codec = ModelRegistry.defaultRegistry().codec();
        Object config;
        try {
            String text = ConfigCodec.decodeUtf8(bytes, "fuzz." + format.name().toLowerCase());
            config = codec.read(text, type, format, "fuzz." + format.name().toLowerCase());
        } catch (ConfigValidationException e) {
            assertThat(e.getMessage().split("\n")).allSatisfy(line -> assertThat(line).isNotBlank());
            assertThat(e.violations()).isNotEmpty();
            return;
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n", "\r");
            return;
        }
        // what the strict reader accepts, the writer writes in a form the reader accepts again
        String again = codec.write(config, format);
        assertThat(codec.read(again, type, format, "rewritten")).isEqualTo(config);
    }
}
