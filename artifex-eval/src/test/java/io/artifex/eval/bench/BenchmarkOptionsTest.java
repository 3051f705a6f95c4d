package io.artifex.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    @Test
    void defaultsAreTheProtocol() {
        BenchmarkOptions o = BenchmarkOptions.defaults();
        assertThat(o.models()).isEmpty();
        assertThat(List.of(o.steps(), o.warmup(), o.repeats(), o.batchSize())).containsExactly(50, 5, 3, 64);
        assertThat(o.device()).isEqualTo("cpu");
        assertThat(o.quality()).isFalse();
        assertThat(o.qualityEpochs()).containsExactly(20);
        assertThat(o.qualityBudgetEpochs()).isEqualTo(20);
        assertThat(o.importanceSamples()).isEqualTo(1000);
        assertThat(o.sampleCount()).isZero();
    }

    @Test
    void qualityEpochsAreSortedAndTheLargestIsTheBudget() {
        BenchmarkOptions o = BenchmarkOptions.builder().qualityEpochs(100, 20, 100).build();
        assertThat(o.qualityEpochs()).containsExactly(20, 100);
        assertThat(o.qualityBudgetEpochs()).isEqualTo(100);
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> BenchmarkOptions.builder().steps(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("benchmark option steps must be >= 1, got 0");
        assertThatThrownBy(() -> BenchmarkOptions.builder().warmup(-1).build()).hasMessageContaining("warmup");
        assertThatThrownBy(() -> BenchmarkOptions.builder().repeats(0).build()).hasMessageContaining("repeats");
        assertThatThrownBy(() -> BenchmarkOptions.builder().batchSize(0).build()).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> BenchmarkOptions.builder().importanceSamples(0).build())
                .hasMessageContaining("importanceSamples");
        assertThatThrownBy(() -> BenchmarkOptions.builder().qualityEpochs(List.of()).build())
                .hasMessageContaining("qualityEpochs");
        assertThatThrownBy(() -> BenchmarkOptions.builder().qualityEpochs(0, 5).build())
                .hasMessageContaining("qualityEpochs");
        assertThatThrownBy(() -> BenchmarkOptions.builder().models("vae", " ").build()).hasMessageContaining("models");
        assertThatThrownBy(() -> BenchmarkOptions.builder().device(" ").build()).hasMessageContaining("device");
    }

    @Test
    void workloadOverrideAndRepeatCap() {
        SamplingWorkload w = new SamplingWorkload("ddpm-1000", 16, "1000 ancestral steps", 1);
        assertThat(w.timedCalls(3)).isEqualTo(1);
        assertThat(w.withSamples(2).samples()).isEqualTo(2);
        assertThat(new SamplingWorkload("prior", 64, "", 0).timedCalls(3)).isEqualTo(3);
        assertThatThrownBy(() -> new SamplingWorkload("prior", 0, "", 0)).hasMessageContaining("samples");
    }

    @Test
    void medianMinMax() {
        assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        assertThat(Stats.min(List.of(4.0, 1.0))).isEqualTo(1.0);
        assertThat(Stats.max(List.of(4.0, 1.0))).isEqualTo(4.0);
        assertThatThrownBy(() -> Stats.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void procStatusLinesParseToBytes() {
        assertThat(SystemProbe.parseKibibytes("VmRSS:\t  123456 kB")).isEqualTo(123_456L * 1024);
        assertThat(SystemProbe.parseKibibytes("VmRSS: garbage")).isEqualTo(-1);
    }
}
