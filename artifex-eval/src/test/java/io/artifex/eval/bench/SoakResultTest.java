package io.artifex.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flatness rule of the memory soak on hand-made readings: the baseline is the first reading
 * at or after the baseline fraction (not the first reading, which would count the allocator's
 * warm-up as growth), growth is end against baseline, the rule applies to memory outside the
 * heap (a heap growing to its working size is not a leak, native growth is), and the tolerance
 * is inclusive.
 */
class SoakResultTest {

    private static final long MIB = 1024 * 1024;

    /** A reading with a 50 MiB heap, so off-heap = rss - 50. */
    private static MemoryReading at(long position, long rssMib) {
        return heap(position, rssMib, 50);
    }

    private static MemoryReading heap(long position, long rssMib, long heapMib) {
        return new MemoryReading(position, position / 10.0, rssMib * MIB, 1, heapMib * MIB, 0);
    }

    @Test
    void warmUpGrowthBeforeTheBaselineIsNotCounted() {
        // 100 -> 250 MiB in the first 10 % (caches filling), then 250 -> 254: off-heap 200 -> 204, +2 %, flat.
        List<MemoryReading> r = List.of(at(0, 100), at(5, 180), at(10, 250), at(50, 253), at(100, 254));
        SoakResult s = SoakResult.of("vae", "training", "steps", 1, 100, 10, r, 0.1, 5);
        assertThat(s.baselineRssMib()).isEqualTo(250.0);
        assertThat(s.finalRssMib()).isEqualTo(254.0);
        assertThat(s.baselineOffHeapMib()).isEqualTo(200.0);
        assertThat(s.offHeapGrowthPercent()).isCloseTo(2.0, within(1e-9));
        assertThat(s.rssGrowthPercent()).isCloseTo(1.6, within(1e-9));
        assertThat(s.peakRssMib()).isEqualTo(254.0);
        assertThat(s.flat()).isTrue();
        assertThat(s.describe()).contains("vae training soak (100 steps").contains("+2.00 %").contains(" flat;");
    }

    @Test
    void aHeapGrowingToItsWorkingSizeIsNotALeakButNativeGrowthIs() {
        // RSS +40 % because the heap went from 100 to 200 MiB; outside the heap 250 -> 250: flat.
        List<MemoryReading> heapOnly = List.of(heap(0, 300, 50), heap(10, 350, 100), heap(100, 450, 200));
        SoakResult h = SoakResult.of("vae", "training", "steps", 1, 100, 10, heapOnly, 0.1, 5);
        assertThat(h.rssGrowthPercent()).isCloseTo(100.0 * 100 / 350, within(1e-9));
        assertThat(h.offHeapGrowthPercent()).isCloseTo(0.0, within(1e-9));
        assertThat(h.flat()).isTrue();
        // the same RSS with a fixed heap: the 100 MiB are native, +40 %
        List<MemoryReading> nativeLeak = List.of(heap(0, 300, 100), heap(10, 350, 100), heap(100, 450, 100));
        SoakResult n = SoakResult.of("vae", "training", "steps", 1, 100, 10, nativeLeak, 0.1, 5);
        assertThat(n.offHeapGrowthPercent()).isCloseTo(40.0, within(1e-9));
        assertThat(n.flat()).isFalse();
    }

    @Test
    void steadyGrowthPastTheToleranceIsNotFlat() {
        List<MemoryReading> r = List.of(at(0, 100), at(10, 100), at(40, 103), at(70, 106), at(100, 110));
        SoakResult s = SoakResult.of("ddpm", "sampling", "calls", 4, 100, 60, r, 0.1, 5);
        // off-heap 50 -> 60
        assertThat(s.offHeapGrowthPercent()).isCloseTo(20.0, within(1e-9));
        assertThat(s.flat()).isFalse();
        assertThat(s.describe()).contains("4 thread(s)").contains("GROWING");
    }

    @Test
    void growthExactlyAtTheToleranceIsFlatAndAPeakInTheMiddleIsReported() {
        List<MemoryReading> r = List.of(at(0, 250), at(50, 310), at(100, 260));
        SoakResult s = SoakResult.of("ebm", "training", "steps", 1, 100, 5, r, 0.0, 5);
        assertThat(s.baselineOffHeapMib()).isEqualTo(200.0);
        assertThat(s.offHeapGrowthPercent()).isCloseTo(5.0, within(1e-9));
        assertThat(s.flat()).isTrue();
        assertThat(s.peakRssMib()).isEqualTo(310.0);
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
}
