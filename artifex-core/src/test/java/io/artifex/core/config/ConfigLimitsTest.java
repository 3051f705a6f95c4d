package io.artifex.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.training.CheckpointConfig;
import io.artifex.core.config.training.EarlyStoppingConfig;
import io.artifex.core.config.training.LrScheduleConfig;
import io.artifex.core.config.training.MonitorMode;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import jakarta.validation.constraints.NotBlank;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each class of limit of the core config records is refused by validation with the field path
 * and the rule. Planted bugs: dropping {@code @Max} from {@code batchSize}, {@code @Finite} from
 * {@code learningRate} or the length check of {@link ConfigNameValidator} makes its case fail.
 */
class ConfigLimitsTest {

    /** A minimal model config for the experiment cases. */
    record TinyModel(@NotBlank @ConfigName String name) implements ModelConfig {
    }

    static Stream<Arguments> cases() {
        String longName = "n".repeat(ConfigLimits.MAX_NAME_LENGTH + 1);
        return Stream.of(
                limit("batch size", () -> TrainerConfig.builder().batchSize(1 << 30).build(),
                        "batchSize: must be less than or equal to 65536"),
                limit("epochs", () -> TrainerConfig.builder().epochs(Integer.MAX_VALUE).build(),
                        "epochs: must be less than or equal to 1000000"),
                limit("learning rate 1e308", () -> OptimizerConfig.adam(1e308), "learningRate: must be less than 10"),
                limit("learning rate Infinity", () -> OptimizerConfig.adam(Double.POSITIVE_INFINITY),
                        "learningRate: must be a finite number"),
                limit("learning rate NaN, nested", () -> TrainerConfig.builder().optimizer(OptimizerConfig.adam(Double.NaN))
                        .build(), "optimizers[default].learningRate: must be a finite number"),
                limit("beta NaN", () -> OptimizerConfig.builder().beta1(Double.NaN).build(), "beta1: must be a finite number"),
                limit("schedule steps", () -> LrScheduleConfig.builder().warmupSteps(Integer.MAX_VALUE).build(),
                        "warmupSteps: must be less than or equal to 1000000000"),
                limit("checkpoint directory length", () -> CheckpointConfig.in("d".repeat(5000)),
                        "directory: size must be between 0 and 4096"),
                limit("monitor length", () -> EarlyStoppingConfig.on("m".repeat(300), MonitorMode.MIN, 3),
                        "monitor: size must be between 0 and 256"),
                limit("min delta infinite", () -> EarlyStoppingConfig.builder().minDelta(Double.NEGATIVE_INFINITY).build(),
                        "minDelta: must be a finite number"),
                limit("toy size", () -> DataConfig.builder().dataset("moons").toySize(Integer.MAX_VALUE).build(),
                        "toySize: must be less than or equal to 10000000"),
                limit("name length", () -> experiment(longName), "name: must be at most 128 characters, got 129"),
                limit("name as a path", () -> experiment("../../etc"),
                        "name: must be usable as a folder name: letters, digits, '.', '_' and '-', starting with a"
                                + " letter or digit"),
                limit("model name nested", () -> experimentWithModel(new TinyModel("a b")),
                        "model.name: must be usable as a folder name: letters, digits, '.', '_' and '-', starting with"
                                + " a letter or digit"));
    }

    private static Arguments limit(String label, Supplier<Object> config, String violation) {
        return Arguments.of(label, config, violation);
    }

    private static ExperimentConfig experiment(String name) {
        return ExperimentConfig.builder().name(name).model(new TinyModel("m"))
                .data(DataConfig.builder().dataset("moons").build()).build();
    }

    private static ExperimentConfig experimentWithModel(ModelConfig model) {
        return ExperimentConfig.builder().name("run").model(model).data(DataConfig.builder().dataset("moons").build())
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachLimitIsRefusedNamingTheFieldAndTheRule(String label, Supplier<Object> config, String violation) {
        assertThat(ConfigValidator.violations(config.get())).containsExactly(violation);
    }

    @Test
    void theLargestAllowedValuesPass() {
        assertThat(ConfigValidator.violations(TrainerConfig.builder().batchSize(ConfigLimits.MAX_BATCH_SIZE)
                .epochs(ConfigLimits.MAX_EPOCHS).optimizer(OptimizerConfig.adam(9.99)).build())).isEmpty();
        assertThat(ConfigValidator.violations(experiment("n".repeat(ConfigLimits.MAX_NAME_LENGTH)))).isEmpty();
    }
}
