package io.artifex.core.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

class ProgressLogTest {

    /** Collects the INFO messages logged to it (the only level enabled). */
    @SuppressWarnings("serial")
    static final class Collecting extends LegacyAbstractLogger {
        final List<String> lines = new ArrayList<>();

        @Override public boolean isTraceEnabled() { return false; }
        @Override public boolean isDebugEnabled() { return false; }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public boolean isWarnEnabled() { return false; }
        @Override public boolean isErrorEnabled() { return false; }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
            lines.add(MessageFormatter.basicArrayFormat(pattern, args));
        }
    }

    @Test
    void aLongLoopLogsEachTenthOnceAndAShortOneNothing() {
        Collecting log = new Collecting();
        AtomicLong now = new AtomicLong();
        ProgressLog progress = ProgressLog.start((Logger) log, "sampling", 1000, now::get);
        for (int i = 1; i <= 1000; i++) {
            now.addAndGet(30_000_000L); // 30 ms a step: 30 s in all, quiet until 2 s (step 67)
            progress.done(i);
        }
        // 10%, 20%, ..., 100%: ten lines, not one per step; the line at 2 s waits for the next tenth
        assertThat(log.lines).hasSize(10);
        assertThat(log.lines.get(0)).isEqualTo("sampling  10% (100/1000), 3 s, eta 27 s");
        assertThat(log.lines.get(9)).isEqualTo("sampling 100% (1000/1000), 30 s, eta 0 s");

        Collecting quiet = new Collecting();
        AtomicLong fast = new AtomicLong();
        ProgressLog shortLoop = ProgressLog.start((Logger) quiet, "sampling", 50, fast::get);
        for (int i = 1; i <= 50; i++) {
            fast.addAndGet(10_000_000L); // 0.5 s in all
            shortLoop.done(i);
        }
        assertThat(quiet.lines).isEmpty();
    }

    @Test
    void aSlowLoopLogsAtLeastEveryTenSecondsBetweenTenths() {
        Collecting log = new Collecting();
        AtomicLong now = new AtomicLong();
        ProgressLog progress = ProgressLog.start((Logger) log, "pixels", 100, now::get);
        now.addAndGet(25_000_000_000L); // 25 s for the first step, then 4 s per step
        progress.done(1);
        for (int i = 2; i <= 5; i++) {
            now.addAndGet(4_000_000_000L);
            progress.done(i);
        }
        // step 1 (first line after the quiet time: the interval since the start has passed),
        // then step 4 (12 s after it); step 5 only 4 s later
        assertThat(log.lines).hasSize(2);
        assertThat(log.lines.get(1)).startsWith("pixels   4% (4/100), 37 s");
    }
}
