package io.artifex.core.random;

/**
 * The complete, serialisable state of an {@link Rng}: its seed and how many draws it made.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param seed the generator's seed
 * @param counter the number of draws made so far
 */
public record RngState(long seed, long counter) {
}
