package io.artifex.core.progress;

import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Progress of a long loop (a sampler's 1,000 denoising steps, a PixelCNN's 784 pixel passes)
 * logged through SLF4J at INFO at a bounded rate: nothing during the first
 * two seconds, so short loops stay silent, then one line each time another tenth
 * of the work is done or ten seconds have passed since the last line, whichever
 * comes first, for example {@code DDPM sampling  40% (400/1000), 12 s, eta 18 s}. At most eleven
 * lines for the tenths plus one per interval, however many steps the loop has.
 *
 * <pre>{@code
 * ProgressLog progress = ProgressLog.start(LOG, "DDPM sampling", total);
 * for (int i = 0; i < total; i++) {
 *     ...
 *     progress.done(i + 1);
 * }
 * }</pre>
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public final class ProgressLog {

    /** No line before the loop has run this long. */
    static final long QUIET_NANOS = 2_000_000_000L;
    /** A line at least this often once lines have started. */
    static final long INTERVAL_NANOS = 10_000_000_000L;

    private final Logger log;
    private final String task;
    private final long total;
    private final LongSupplier clock;
    private final long start;
    private long lastNanos;
    private long lastTenth;

    private ProgressLog(Logger log, String task, long total, LongSupplier clock) {
        if (log == null || task == null) {
            throw new IllegalArgumentException("progress logger and task name must not be null");
        }
        if (total < 1) {
            throw new IllegalArgumentException("progress total must be at least 1, got " + total);
        }
        this.log = log;
        this.task = task;
        this.total = total;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastNanos = start;
    }

    /** Starts timing a loop of {@code total} steps, logged to {@code log} under the name {@code task}. */
    public static ProgressLog start(Logger log, String task, long total) {
        return new ProgressLog(log, task, total, System::nanoTime);
    }

    /** As {@link #start(Logger, String, long)}, with the clock (nanoseconds) given (for tests). */
    static ProgressLog start(Logger log, String task, long total, LongSupplier clock) {
        return new ProgressLog(log, task, total, clock);
    }

    /**
     * Reports that {@code done} of the total steps are complete; logs a line when one is due.
     *
     * @return whether a line was logged
     */
    public boolean done(long done) {
        if (!log.isInfoEnabled()) {
            return false;
        }
        long now = clock.getAsLong();
        long elapsed = now - start;
        long tenth = Math.min(10, done * 10 / total);
        boolean due = tenth > lastTenth || now - lastNanos >= INTERVAL_NANOS;
        lastTenth = Math.max(lastTenth, tenth);
        if (elapsed < QUIET_NANOS || !due) {
            return false;
        }
        lastNanos = now;
        double seconds = elapsed / 1e9;
        double eta = done <= 0 ? Double.NaN : seconds * (total - done) / done;
        log.info(String.format(Locale.ROOT, "%s %3d%% (%d/%d), %.0f s, eta %s", task, done * 100 / total, done, total,
                seconds, Double.isNaN(eta) ? "?" : String.format(Locale.ROOT, "%.0f s", eta)));
        return true;
    }
}
