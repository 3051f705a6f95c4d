package io.artifex.models.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ConfigValidator;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.models.diffusion.NoiseScheduleConfig;
import io.artifex.models.diffusion.NoiseScheduleType;
import io.artifex.models.energy.EbmConfig;
import io.artifex.models.energy.EnergyNetworkConfig;
import io.artifex.models.energy.McmcConfig;
import io.artifex.models.energy.SampleBufferConfig;
import io.artifex.models.vae.EncoderConfig;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The family configs' limits: each class of limit is refused by validation with its field path
 * and rule, before a model (or a tensor) exists. Planted bugs: {@code @Min(2)} back to
 * {@code @Positive} on {@code numTimesteps}, or the capacity rule of
 * {@code EbmConfig.checkTraining} removed, fails its case.
 */
class ModelConfigLimitsTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("one timestep", (Supplier<Object>) () -> schedule(1),
                        "numTimesteps: must be at least 2 (one step is no diffusion)"),
                Arguments.of("too many timesteps", (Supplier<Object>) () -> schedule(1_000_000_000),
                        "numTimesteps: must be less than or equal to 10000"),
                Arguments.of("layer width", (Supplier<Object>) () -> encoder(List.of(28, 28, 1), 1 << 20),
                        "hiddenDims[0]: must be less than or equal to 16384"),
                Arguments.of("image size", (Supplier<Object>) () -> encoder(List.of(100_000, 28, 1), 64),
                        "inputShape: must be at most [4096, 4096, 1024] (height, width, channels), got [100000, 28, 1]"),
                Arguments.of("image values", (Supplier<Object>) () -> encoder(List.of(4096, 4096, 1024), 64),
                        "inputShape: must hold at most 67108864 values (height x width x channels), got 17179869184"
                                + " for [4096, 4096, 1024]"),
                Arguments.of("buffer memory", (Supplier<Object>) () -> ebm(1_000_000, 4096),
                        "sampleBuffer.capacity: times inputDim (4096) must be at most 268435456 floats (1 GiB), got 1000000"),
                Arguments.of("buffer smaller than the batch", (Supplier<Object>) () -> ExperimentConfig.builder()
                                .name("ebm-run").model(ebm(10, 2)).data(DataConfig.builder().dataset("moons").build())
                                .training(TrainerConfig.builder().batchSize(64).build()).build(),
                        "model.sampleBuffer.capacity: must be at least training.batchSize (64), got 10"),
                Arguments.of("non-finite MCMC step", (Supplier<Object>) () -> McmcConfig.builder().name("m").nSteps(10)
                        .stepSize(Double.POSITIVE_INFINITY).build(), "stepSize: must be a finite number"));
    }

    private static NoiseScheduleConfig schedule(int timesteps) {
        return NoiseScheduleConfig.builder().name("s").scheduleType(NoiseScheduleType.LINEAR).numTimesteps(timesteps)
                .build();
    }

    private static EncoderConfig encoder(List<Integer> shape, int hidden) {
        return EncoderConfig.builder().name("encoder").inputShape(shape).latentDim(8).hiddenDims(hidden)
                .activation(ActivationType.RELU).build();
    }

    private static EbmConfig ebm(int capacity, int inputDim) {
        return EbmConfig.builder().name("ebm").inputDim(inputDim)
                .energyNetwork(new EnergyNetworkConfig("energy", List.of(16), ActivationType.SILU))
                .mcmc(new McmcConfig("mcmc", 10, 0.01))
                .sampleBuffer(SampleBufferConfig.builder().name("buffer").capacity(capacity).build()).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachLimitIsRefusedNamingTheFieldAndTheRule(String label, Supplier<Object> config, String violation) {
        assertThat(ConfigValidator.violations(config.get())).containsExactly(violation);
    }
}
