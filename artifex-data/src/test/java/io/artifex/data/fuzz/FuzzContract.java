package io.artifex.data.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

/**
 * The contract every fuzz target of this module asserts: a reader either succeeds or throws
 * one of its documented exception types with a non-empty one-line message. Anything else
 * (an Error such as OutOfMemoryError or StackOverflowError, a NullPointerException, an index
 * out of bounds, an undocumented exception type) is rethrown, so Jazzer records the input.
 */
public final class FuzzContract {

    private FuzzContract() {
    }

    /** A call under fuzzing. */
    @FunctionalInterface
    public interface Call {
        /** Runs the reader on the fuzzed input. */
        void run() throws Exception;
    }

    /** Runs {@code call}; returns normally if it succeeded or failed as documented. */
    @SafeVarargs
    public static void check(Call call, Class<? extends Exception>... documented) throws Exception {
        try {
            call.run();
        } catch (Exception e) {
            boolean allowed = Arrays.stream(documented).anyMatch(t -> t == e.getClass() || t.isInstance(e)
                    && !(e instanceof NullPointerException) && !(e instanceof IndexOutOfBoundsException));
            if (!allowed) {
                throw e;
            }
            assertOneLine(e);
        }
    }

    /** The message of {@code e} is present, not blank and has no line break. */
    public static void assertOneLine(Exception e) {
        assertThat(e.getMessage()).as("message of %s", e.getClass().getName()).isNotBlank();
        assertThat(e.getMessage()).as("message of %s", e.getClass().getName()).doesNotContain("\n", "\r");
    }
}
