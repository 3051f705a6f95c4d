package io.artifex.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flatness rule of the memory soak on hand-made readings: the baseline is the highest reading
 * of the warm-up (not the first reading, which would count the allocator's warm-up as growth, nor
 * the last warm-up reading, which would let a dip hide growth), growth is end against baseline,
 * and the tolerance is inclusive.
 */
class SoakResultTest {

    private static final long MIB = 1024 * 1024;

    private static MemoryReading at(long position, long rssMib) {
        return new MemoryReading(position, position / 10.0, rssMib * MIB, 1, 1, 1);
    }

    @Test
    void warmUpGrowthBeforeTheBaselineIsNotCounted() {
        // 100 -> 200 MiB in the first 10 % (caches filling), then 200 -> 204: +2 %, flat.
        List<MemoryReading> r = List.of(at(0, 100), at(5, 180), at(10, 200), at(50, 203), at(100, 204));
        SoakResult s = SoakResult.of("vae", "training", "steps", 1, 100, 10, r, 0.1, 5);
        assertThat(s.baselineRssMib()).isEqualTo(200.0);
        assertThat(s.finalRssMib()).isEqualTo(204.0);
        assertThat(s.growthPercent()).isCloseTo(2.0, within(1e-9));
        assertThat(s.peakRssMib()).isEqualTo(204.0);
        assertThat(s.flat()).isTrue();
        assertThat(s.describe()).contains("vae training soak (100 steps").contains("+2.00 %").endsWith("flat");
    }

    @Test
    void steadyGrowthPastTheToleranceIsNotFlat() {
        List<MemoryReading> r = List.of(at(0, 100), at(10, 100), at(40, 103), at(70, 106), at(100, 110));
        SoakResult s = SoakResult.of("ddpm", "sampling", "calls", 4, 100, 60, r, 0.1, 5);
        assertThat(s.growthPercent()).isCloseTo(10.0, within(1e-9));
        assertThat(s.flat()).isFalse();
        assertThat(s.describe()).contains("4 thread(s)").endsWith("GROWING");
    }

    @Test
    void growthExactlyAtTheToleranceIsFlatAndAPeakInTheMiddleIsReported() {
        List<MemoryReading> r = List.of(at(0, 200), at(50, 260), at(100, 210));
        SoakResult s = SoakResult.of("ebm", "training", "steps", 1, 100, 5, r, 0.0, 5);
        assertThat(s.baselineRssMib()).isEqualTo(200.0);
        assertThat(s.growthPercent()).isCloseTo(5.0, within(1e-9));
        assertThat(s.flat()).isTrue();
        assertThat(s.peakRssMib()).isEqualTo(260.0);
    }

    @Test
    void withTheDefaultHalfRunWarmUpAPlateauIsFlatAndALinearLeakIsNot() {
        double half = SoakOptions.builder().build().baselineFraction();
        assertThat(half).isEqualTo(0.5);
        // the VAE's shape: +430 MiB over the first quarter, then a noisy plateau
        List<MemoryReading> plateau = List.of(at(0, 1246), at(25, 1674), at(50, 1705), at(75, 1721), at(100, 1675));
        SoakResult p = SoakResult.of("vae", "training", "steps", 1, 100, 10, plateau, half, 5);
        assertThat(p.baselineRssMib()).isEqualTo(1705.0);
        assertThat(p.peakRssMib()).isEqualTo(1721.0);
        assertThat(p.flat()).isTrue();
        // 2 MiB per step from the start: the second half adds 100 MiB to the first half's 1,100
        List<MemoryReading> leak = new java.util.ArrayList<>();
        for (int step = 0; step <= 100; step += 10) {
            leak.add(at(step, 1000 + 2L * step));
        }
        SoakResult l = SoakResult.of("vae", "training", "steps", 1, 100, 10, leak, half, 5);
        assertThat(l.baselineRssMib()).isEqualTo(1100.0);
        assertThat(l.growthPercent()).isCloseTo(100.0 / 11, within(1e-9));
        assertThat(l.flat()).isFalse();
    }

    @Test
    void aDipAtTheEndOfTheWarmUpDoesNotHideGrowth() {
        List<MemoryReading> r = List.of(at(0, 100), at(30, 300), at(50, 200), at(100, 310));
        SoakResult s = SoakResult.of("vae", "training", "steps", 1, 100, 10, r, 0.5, 5);
        assertThat(s.baselineRssMib()).isEqualTo(300.0);
        assertThat(s.growthPercent()).isCloseTo(10.0 / 3, within(1e-9));
    }

    @Test
    void tooFewOrUnavailableReadingsAreRefused() {
        assertThatThrownBy(() -> SoakResult.of("vae", "training", "steps", 1, 1, 1, List.of(at(0, 1)), 0.1, 5))
                .hasMessageContaining("at least two readings");
        List<MemoryReading> noProc = List.of(new MemoryReading(0, 0, -1, 1, 1, 1), new MemoryReading(1, 1, -1, 1, 1, 1));
        assertThatThrownBy(() -> SoakResult.of("vae", "training", "steps", 1, 1, 1, noProc, 0.1, 5))
                .hasMessageContaining("resident memory is unavailable");
    }

    @Test
    void optionsNameTheFieldAndTheRule() {
        assertThatThrownBy(() -> SoakOptions.builder().trainingSteps(0).build())
                .hasMessage("soak option needs trainingSteps > 0 or samplingThreads > 0 (nothing to soak), got 0.0");
        assertThatThrownBy(() -> SoakOptions.builder().trainingSteps(10).readings(20).build())
                .hasMessageContaining("readings must be <= trainingSteps");
        assertThatThrownBy(() -> SoakOptions.builder().samplingThreads(2).samplingMinutes(0).build())
                .hasMessageContaining("samplingMinutes must be in (0, 1440]");
    }

    @Test
    void theHeapCountsAsPreTouchedOnlyWithEqualBoundsAndAlwaysPreTouch() {
        assertThat(MemorySoak.heapPreTouched(List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"))).isTrue();
        assertThat(MemorySoak.heapPreTouched(List.of("-Xms1G", "-XX:+AlwaysPreTouch", "-Xmx1g"))).isTrue();
        assertThat(MemorySoak.heapPreTouched(List.of("-Xms512m", "-Xmx1g", "-XX:+AlwaysPreTouch"))).isFalse();
        assertThat(MemorySoak.heapPreTouched(List.of("-Xms1g", "-Xmx1g"))).isFalse();
        assertThat(MemorySoak.heapPreTouched(List.of("-XX:+AlwaysPreTouch"))).isFalse();
        assertThat(MemorySoak.heapPreTouched(List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-XX:-AlwaysPreTouch")))
                .isFalse();
    }
}
