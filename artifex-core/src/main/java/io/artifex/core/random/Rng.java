package io.artifex.core.random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * An explicit, seeded source of randomness, the Java counterpart of {@code nnx.Rngs}.
 *
 * <p>Every random draw in the library takes an {@code Rng}. Its whole state is a seed and a
 * draw counter ({@link RngState}), so it can be saved in a checkpoint and restored exactly.
 * Each NDArray draw re-seeds the engine's generator with a value derived from (seed, counter)
 * just before drawing, so the numbers do not depend on what other code did with the engine's
 * global generator in between. Streams for independent purposes come from {@link #fork}.
 *
 * <p>Thread-safety: an {@code Rng} instance is not thread-safe (its counter is unsynchronised):
 * use one per thread or per call, e.g. {@code new Rng(seed)} for each request. Draws from
 * different instances on different threads are safe and reproducible: each NDArray draw seeds
 * and draws from the engine's one global generator under a JVM-wide lock (see
 * {@link #exclusive}), so another thread cannot re-seed it between the two.
 */
public final class Rng {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    /** Held while the engine's global generator is seeded and drawn from. */
    private static final Object ENGINE_GENERATOR = new Object();

    private final long seed;
    private long counter;

    /** Creates a generator whose draws are fully determined by {@code seed}. */
    public Rng(long seed) {
        this(seed, 0L);
    }

    private Rng(long seed, long counter) {
        this.seed = seed;
        this.counter = counter;
    }

    /** Rebuilds a generator from a saved state; it continues exactly where the saved one stopped. */
    public static Rng restore(RngState state) {
        if (state == null) {
            throw new IllegalArgumentException("rng state must not be null");
        }
        if (state.counter() < 0) {
            throw new IllegalArgumentException("rng state counter must be >= 0, got " + state.counter());
        }
        return new Rng(state.seed(), state.counter());
    }

    /** The seed this generator was created with. */
    public long seed() {
        return seed;
    }

    /** The current state: the seed and the number of draws so far. */
    public RngState state() {
        return new RngState(seed, counter);
    }

    /**
     * An independent generator for a named purpose (e.g. "dropout", "sample"), whose draws do
     * not depend on how many draws this one has made. Same name, same stream.
     */
    public Rng fork(String stream) {
        return new Rng(mix(seed ^ mix(stream.hashCode() * GOLDEN_GAMMA + 1)));
    }

    /** The next 64 random bits. */
    public long nextLong() {
        return mix(seed + GOLDEN_GAMMA * (++counter));
    }

    /** A uniform double in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A uniform int in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /** A Java generator seeded from this one, for host-side work such as shuffling an index. */
    public SplittableRandom javaRandom() {
        return new SplittableRandom(nextLong());
    }

    /** Standard normal float32 draws of the given shape on {@code manager}'s device. */
    public NDArray normal(NDManager manager, Shape shape) {
        return normal(manager, shape, DataType.FLOAT32);
    }

    /** Standard normal draws of the given shape and type. */
    public NDArray normal(NDManager manager, Shape shape, DataType dataType) {
        synchronized (ENGINE_GENERATOR) {
            seedEngine(manager);
            return manager.randomNormal(0f, 1f, shape, dataType);
        }
    }

    /** Uniform float32 draws in [low, high). */
    public NDArray uniform(NDManager manager, float low, float high, Shape shape) {
        synchronized (ENGINE_GENERATOR) {
            seedEngine(manager);
            return manager.randomUniform(low, high, shape, DataType.FLOAT32);
        }
    }

    /** Uniform int64 draws in [low, high). */
    public NDArray randint(NDManager manager, long low, long high, Shape shape) {
        if (high <= low) {
            throw new IllegalArgumentException("randint needs low < high, got [" + low + ", " + high + ")");
        }
        synchronized (ENGINE_GENERATOR) {
            seedEngine(manager);
            return manager.randomInteger(low, high, shape, DataType.INT64);
        }
    }

    /**
     * Seeds the engine's global generator from this stream. Use it right before third-party
     * code that draws from that generator by itself, such as DJL's parameter initialisers, and
     * run both inside {@link #exclusive} when other threads may draw at the same time.
     */
    public void seedEngine(NDManager manager) {
        manager.getEngine().setRandomSeed((int) (nextLong() >>> 33));
    }

    /**
     * Runs {@code work} while no other thread can seed or draw from the engine's global
     * generator through an {@code Rng}: wrap {@link #seedEngine} and the third-party draws that
     * follow it ({@code Models.create} does, for parameter initialisation). The lock is
     * reentrant, so {@code work} may draw through any {@code Rng}.
     */
    public static <T> T exclusive(Supplier<T> work) {
        synchronized (ENGINE_GENERATOR) {
            return work.get();
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
