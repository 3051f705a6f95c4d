package io.artifex.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ConfigValidationException;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.device.DeviceManager;
import io.artifex.core.device.MemoryStrategy;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.testfamily.TestLinearConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelRegistry#requireMemoryFits} and {@link MemoryUse}: a family reports a parameter count
 * (none is allocated) sized against this machine's real budget, so that the weights fit and training
 * does or does not, by the copies each optimizer implies. Planted and caught: a check that ignores
 * the optimizer state (adam's need would fit), one that ignores the weight average, one that
 * compares with the total memory instead of the budget, and a create path that allocates before
 * checking (the family's create would be called).
 */
class MemoryCheckTest {

    private static final DeviceManager DEVICES = DeviceManager.get();
    private static final TestLinearConfig CONFIG = new TestLinearConfig("big", 1, 1);

    /** A family whose configs imply {@code parameters} parameters and whose create must never run. */
    private static ModelRegistry registry(Optional<ParameterEstimate> estimate) {
        return ModelRegistry.of(List.of(new ModelFamily() {
            @Override
            public String typeId() {
                return "test-linear";
            }

            @Override
            public Class<? extends ModelConfig> configClass() {
                return TestLinearConfig.class;
            }

            @Override
            public GenerativeModel create(ModelConfig config, NDManager manager, Rng rng) {
                throw new AssertionError("the model was built although its memory was refused");
            }

            @Override
            public Optional<ParameterEstimate> estimateParameters(ModelConfig config) {
                return estimate;
            }
        }));
    }

    /** A count whose float32 weights take a tenth of the budget: 4 bytes x P = budget / 10. */
    private static ModelRegistry tenthOfTheBudget() {
        long budget = DEVICES.memoryBudgetBytes(Device.cpu());
        assertThat(budget).as("host memory size known").isPositive();
        return registry(Optional.of(new ParameterEstimate(budget / 40, 0, true, "model.inFeatures=1 x model.outFeatures=1")));
    }

    private static TrainerConfig training(OptimizerConfig optimizer, double ema) {
        return TrainerConfig.builder().optimizer(optimizer).emaDecay(ema).build();
    }

    @Test
    void copiesPerOptimizer() {
        assertThat(MemoryUse.weights().copies()).isEqualTo(1);
        assertThat(MemoryUse.training(training(OptimizerConfig.adam(1e-3), 0)).copies()).isEqualTo(4);
        assertThat(MemoryUse.training(training(OptimizerConfig.of(OptimizerType.ADAMW, 1e-3), 0.999)).copies()).isEqualTo(5);
        assertThat(MemoryUse.training(training(OptimizerConfig.sgd(0.1, 0), 0)).copies()).isEqualTo(2);
        assertThat(MemoryUse.training(training(OptimizerConfig.sgd(0.1, 0.9), 0)).copies()).isEqualTo(3);
        assertThat(MemoryUse.training(training(OptimizerConfig.of(OptimizerType.RMSPROP, 1e-3), 0)).copies()).isEqualTo(3);
        // two groups (a GAN): counted as if every parameter had the hungrier optimizer
        TrainerConfig gan = TrainerConfig.builder().optimizer("generator", OptimizerConfig.sgd(0.1, 0))
                .optimizer("discriminator", OptimizerConfig.adam(1e-3)).build();
        assertThat(MemoryUse.training(gan).copies()).isEqualTo(4);
        assertThat(MemoryUse.training(gan).breakdown()).isEqualTo("weights, gradients, adam state (2)");
        assertThat(MemoryUse.weights().bytes(new ParameterEstimate(10, 3, true, "x"))).isEqualTo(52);
    }

    @Test
    void weightsFitTrainingWithAdamDoesNot() {
        ModelRegistry registry = tenthOfTheBudget();
        // weights 0.1 of the budget, plain SGD 0.2, SGD with momentum 0.3, Adam 0.4: all fit
        assertThatCode(() -> registry.requireMemoryFits(CONFIG, MemoryUse.training(training(OptimizerConfig.adam(1e-3), 0)),
                DEVICES, Device.cpu())).doesNotThrowAnyException();
        ModelRegistry big = registry(Optional.of(new ParameterEstimate(DEVICES.memoryBudgetBytes(Device.cpu()) / 12, 0, true,
                "model.inFeatures=1 x model.outFeatures=1")));
        // weights 1/3 of the budget; plain SGD 2/3 fits; Adam 4/3 does not; SGD with momentum exactly 1 fits
        assertThatCode(() -> big.requireMemoryFits(CONFIG, MemoryUse.weights(), DEVICES, Device.cpu()))
                .doesNotThrowAnyException();
        assertThatCode(() -> big.requireMemoryFits(CONFIG, MemoryUse.training(training(OptimizerConfig.sgd(0.1, 0), 0)),
                DEVICES, Device.cpu())).doesNotThrowAnyException();
        assertThatThrownBy(() -> big.requireMemoryFits(CONFIG, MemoryUse.training(training(OptimizerConfig.adam(1e-3), 0)),
                DEVICES, Device.cpu()))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageStartingWith("invalid TestLinearConfig 'big' configuration:\n  - model: the test-linear's"
                        + " parameters need ")
                .hasMessageContaining(" for training (")
                .hasMessageContaining("most from model.inFeatures=1 x model.outFeatures=1; x4 bytes x4 for weights, gradients,"
                        + " adam state (2))")
                .hasMessageContaining("more than the memory budget ")
                .hasMessageContaining("of cpu (MemoryStrategy." + DEVICES.memoryStrategy())
                .hasMessageContaining("-Dartifex.memoryStrategy=aggressive");
        // the weight average is one more copy: SGD 2/3 + 1/3 still fits, SGD with momentum 1 + 1/3 does not
        assertThatThrownBy(() -> big.requireMemoryFits(CONFIG, MemoryUse.training(training(OptimizerConfig.sgd(0.1, 0.9),
                0.99)), DEVICES, Device.cpu())).isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("sgd with momentum state (1) and the weight average");
    }

    @Test
    void refusedBeforeTheFamilyBuildsAnything() {
        ModelRegistry registry = registry(Optional.of(new ParameterEstimate(Long.MAX_VALUE, 0, true, "model.inFeatures=1")));
        try (NDManager manager = DEVICES.newManager()) {
            assertThatThrownBy(() -> registry.create(CONFIG, manager, new Rng(0)))
                    .isInstanceOf(ConfigValidationException.class)
                    .hasMessageContaining("need more than 9 EB for its weights (more than 9.2e18 parameters");
        }
        assertThatThrownBy(() -> Models.create(registry, CONFIG, 0, Device.cpu()))
                .isInstanceOf(ConfigValidationException.class);
    }

    @Test
    void memoryStrategyFromTheSystemPropertyValue() {
        assertThat(MemoryStrategy.fromProperty(" Aggressive", "p")).isEqualTo(MemoryStrategy.AGGRESSIVE);
        assertThat(MemoryStrategy.fromProperty(null, "p")).isEqualTo(MemoryStrategy.BALANCED);
        assertThatThrownBy(() -> MemoryStrategy.fromProperty("all", DeviceManager.MEMORY_STRATEGY_PROPERTY))
                .hasMessage("invalid memory strategy 'all' from artifex.memoryStrategy: expected conservative, balanced"
                        + " or aggressive");
    }

    @Test
    void aFamilyWithoutAnEstimateIsNotChecked() {
        ModelRegistry registry = registry(Optional.empty());
        assertThatCode(() -> registry.requireMemoryFits(CONFIG, MemoryUse.weights(), DEVICES, Device.cpu()))
                .doesNotThrowAnyException();
    }
}
