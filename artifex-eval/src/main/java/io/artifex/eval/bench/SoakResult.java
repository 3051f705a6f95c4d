package io.artifex.eval.bench;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of one memory soak: the readings and whether resident memory stayed flat. The
 * baseline is the first reading at or after {@code baselineFraction} of the run (the allocator
 * and the engine's caches fill during the first steps, which is not growth); growth is the last
 * reading against that baseline. A run whose resident memory rose by more than
 * {@code tolerancePercent} of the baseline is not flat. Heap pages the JVM touches for the first
 * time count as growth too, so the protocol runs with the heap resident from the start
 * ({@code -Xms} equal to {@code -Xmx} and {@code -XX:+AlwaysPreTouch}; {@link SoakReport#heapPreTouched()}).
 *
 * @param id the benchmark model id
 * @param kind {@code "training"} or {@code "sampling"}
 * @param unit what {@link MemoryReading#position()} counts: {@code "steps"} or {@code "calls"}
 * @param threads threads sampling at once (1 for training)
 * @param done steps or calls done in all
 * @param seconds wall time of the soak
 * @param readings the readings, in order
 * @param baselineFraction the share of the run after which the baseline reading is taken
 * @param baselineRssMib resident memory at the baseline reading
 * @param finalRssMib resident memory at the last reading
 * @param peakRssMib the largest resident memory of any reading after the baseline
 * @param growthPercent {@code (final - baseline) / baseline * 100}
 * @param tolerancePercent the growth allowed for a flat run
 * @param flat whether {@code growthPercent <= tolerancePercent}
 */
public record SoakResult(String id, String kind, String unit, int threads, long done, double seconds,
                         List<MemoryReading> readings, double baselineFraction, double baselineRssMib,
                         double finalRssMib, double peakRssMib, double growthPercent, double tolerancePercent,
                         boolean flat) {

    /** Copies the list. */
    public SoakResult {
        readings = List.copyOf(readings);
    }

    /**
     * Summarises readings whose positions run from 0 to {@code done}.
     *
     * @throws IllegalArgumentException with fewer than two readings, or without resident memory figures
     */
    public static SoakResult of(String id, String kind, String unit, int threads, long done, double seconds,
                                List<MemoryReading> readings, double baselineFraction, double tolerancePercent) {
        if (readings.size() < 2) {
            throw new IllegalArgumentException("memory soak of '" + id + "' needs at least two readings, got "
                    + readings.size());
        }
        if (readings.stream().anyMatch(r -> r.rssBytes() < 0)) {
            throw new IllegalArgumentException("memory soak of '" + id
                    + "': resident memory is unavailable here (no /proc/self/status)");
        }
        MemoryReading last = readings.get(readings.size() - 1);
        double threshold = baselineFraction * last.position();
        int base = 0;
        while (base < readings.size() - 1 && readings.get(base).position() < threshold) {
            base++;
        }
        double baseline = readings.get(base).rssMib();
        double peak = readings.subList(base, readings.size()).stream().mapToDouble(MemoryReading::rssMib).max()
                .orElse(baseline);
        double growth = (last.rssMib() - baseline) / baseline * 100.0;
        return new SoakResult(id, kind, unit, threads, done, seconds, readings, baselineFraction, baseline,
                last.rssMib(), peak, growth, tolerancePercent, growth <= tolerancePercent);
    }

    /** One line for the log and the failed-checks list. */
    public String describe() {
        return String.format(Locale.ROOT, "%s %s soak (%d %s, %d thread(s), %.0f s): RSS %.1f -> %.1f MiB "
                        + "(peak %.1f), %+.2f %% (allowed %.1f %%) %s", id, kind, done, unit, threads, seconds,
                baselineRssMib, finalRssMib, peakRssMib, growthPercent, tolerancePercent, flat ? "flat" : "GROWING");
    }
}
