package io.artifex.eval.bench;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of one memory soak: the readings and whether resident memory stayed flat. The
 * readings up to {@code baselineFraction} of the run are its warm-up (the allocator, the engine's
 * caches and the JIT fill during the first thousands of steps: seen here as a few hundred MiB
 * over the first quarter of a VAE run, then a plateau), and the baseline is the highest of them;
 * growth is the last reading against that baseline. A leak grows without bound, so with the
 * default of half the run it shows as the second half rising above everything the first half
 * reached; a run whose last reading exceeds the baseline by more than {@code tolerancePercent} is
 * not flat. Heap pages the JVM touches for the first time count as growth too, so the protocol
 * runs with the heap resident from the start ({@code -Xms} equal to {@code -Xmx} and
 * {@code -XX:+AlwaysPreTouch}; {@link SoakReport#heapPreTouched()}).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param id the benchmark model id
 * @param kind {@code "training"} or {@code "sampling"}
 * @param unit what {@link MemoryReading#position()} counts: {@code "steps"} or {@code "calls"}
 * @param threads threads sampling at once (1 for training)
 * @param done steps or calls done in all
 * @param seconds wall time of the soak
 * @param readings the readings, in order
 * @param baselineFraction the share of the run whose readings are the warm-up
 * @param baselineRssMib the highest resident memory of the warm-up readings
 * @param finalRssMib resident memory at the last reading
 * @param peakRssMib the largest resident memory of any reading after the warm-up
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
        double baseline = readings.get(0).rssMib();
        int after = 1;
        while (after < readings.size() - 1 && readings.get(after).position() <= threshold) {
            baseline = Math.max(baseline, readings.get(after).rssMib());
            after++;
        }
        double peak = readings.subList(after, readings.size()).stream().mapToDouble(MemoryReading::rssMib).max()
                .orElse(last.rssMib());
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
