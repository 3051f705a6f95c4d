package io.artifex.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.artifex.core.config.ModelConfig;
import io.artifex.core.registry.ModelRegistry;
import io.artifex.core.registry.ParameterEstimate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every benchmark entry's family estimates, from the entry's config alone, exactly the parameter
 * count the entry pins (the count of the network the benchmark builds, checked against the built
 * model by {@link ReferenceModelsBenchmarkTest}, {@code TextBenchmarkEntryTest} and
 * {@code AudioBenchmarkEntryTest}). No model is built here, so the large reference networks cost
 * nothing. A formula that forgets a bias, a norm's scale and shift, a conditional model's label
 * inputs or a U-Net's skip channels misses at least one of these numbers.
 */
class PinnedParameterEstimateTest {

    static Stream<String> entries() {
        return BenchmarkModels.available().ids().stream();
    }

    @ParameterizedTest
    @MethodSource("entries")
    void estimateFromTheConfigEqualsThePinnedCount(String id) {
        BenchmarkModel entry = BenchmarkModels.available().get(id);
        ModelConfig config = entry.config();
        ModelRegistry registry = ModelRegistry.defaultRegistry();
        ParameterEstimate estimate = registry.family(registry.typeIdOf(config)).orElseThrow()
                .estimateParameters(config).orElseThrow();
        assertThat(estimate.parameters()).as(id + " (" + estimate.drivers() + ")").isEqualTo(entry.expectedParameters());
        assertThat(estimate.exact()).as(id).isTrue();
        assertThat(estimate.drivers()).as(id).startsWith("model.");
    }
}
