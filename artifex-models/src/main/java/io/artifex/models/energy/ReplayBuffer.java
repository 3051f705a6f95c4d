package io.artifex.models.energy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.artifex.core.random.Rng;
import java.util.SplittableRandom;

/**
 * The replay buffer of persistent contrastive divergence (Tieleman, 2008; Du and Mordatch,
 * 2019): {@code capacity} past chain states, stored in place in a frozen parameter of the
 * EBM's network (so checkpoints carry it). Each training batch {@link #draw}s distinct slots,
 * restarts each chain from fresh uniform noise on the domain with probability
 * {@code reinitProb} and from the slot's state otherwise, runs the chain, and {@link #write}s
 * the final states back into the same slots. A new buffer is filled with uniform noise.
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public final class ReplayBuffer {

    private final Parameter storage;
    private final double reinitProb;
    private final Domain domain;

    /**
     * The starts of one batch of chains.
     *
     * @param slots the distinct buffer slots drawn, int64 {@code (n)}
     * @param starts the chain starts {@code (n, sample...)}: noise or the slot's state
     */
    public record Draw(NDArray slots, NDArray starts) {
    }

    ReplayBuffer(Parameter storage, double reinitProb, Domain domain) {
        if (!(reinitProb >= 0 && reinitProb <= 1)) {
            throw new IllegalArgumentException("reinitProb must be in [0, 1], got " + reinitProb);
        }
        if (domain.isUnbounded()) {
            throw new IllegalArgumentException("a replay buffer needs a bounded domain to draw uniform noise from");
        }
        this.storage = storage;
        this.reinitProb = reinitProb;
        this.domain = domain;
    }

    /** The number of stored states. */
    public int capacity() {
        return (int) storage.getArray().getShape().get(0);
    }

    /** The shape of one stored state. */
    public Shape sampleShape() {
        return storage.getArray().getShape().slice(1);
    }

    /** The probability that a drawn chain restarts from noise. */
    public double reinitProb() {
        return reinitProb;
    }

    /** Overwrites every slot with uniform noise on the domain. */
    public void fillUniform(Rng rng) {
        NDArray array = storage.getArray();
        try (NDManager scope = array.getManager().newSubManager()) {
            NDArray noise = rng.uniform(scope, (float) domain.min(), (float) domain.max(), array.getShape());
            array.set(new NDIndex("..."), noise);
        }
    }

    /** {@code n} distinct slots and the chain starts for them (with reinitialisation), on {@code manager}. */
    public Draw draw(int n, NDManager manager, Rng rng) {
        NDArray slots = distinctSlots(n, manager, rng);
        NDArray stored = gather(slots, manager);
        Shape shape = stored.getShape();
        NDArray restart = rng.uniform(manager, 0f, 1f, new Shape(n)).lt((float) reinitProb);
        NDArray noise = rng.uniform(manager, (float) domain.min(), (float) domain.max(), shape);
        NDArray starts = NDArrays.where(SamplerChecks.broadcastMask(restart, stored), noise, stored);
        return new Draw(slots, starts);
    }

    /** Copies of {@code n} distinct stored states chosen at random, on {@code manager}. */
    public NDArray sample(int n, NDManager manager, Rng rng) {
        return gather(distinctSlots(n, manager, rng), manager);
    }

    /** Writes {@code states} {@code (n, sample...)} into the given slots (int64 {@code (n)}), in place. */
    public void write(NDArray slots, NDArray states) {
        Shape expected = new Shape(slots.getShape().get(0)).addAll(sampleShape());
        if (!states.getShape().equals(expected)) {
            throw new IllegalArgumentException("replay buffer write: states must have shape " + expected + ", got "
                    + states.getShape());
        }
        storage.getArray().set(new NDIndex("{}", slots), states);
    }

    /** A copy of the whole buffer {@code (capacity, sample...)} on {@code manager}. */
    public NDArray contents(NDManager manager) {
        NDArray copy = storage.getArray().duplicate();
        copy.attach(manager);
        return copy;
    }

    private NDArray gather(NDArray slots, NDManager manager) {
        NDArray rows = storage.getArray().get(new NDIndex("{}", slots));
        rows.attach(manager);
        return rows;
    }

    private NDArray distinctSlots(int n, NDManager manager, Rng rng) {
        int capacity = capacity();
        if (n < 1 || n > capacity) {
            throw new IllegalArgumentException("can draw between 1 and " + capacity + " (the buffer capacity) chains, got " + n);
        }
        int[] order = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            order[i] = i;
        }
        SplittableRandom random = rng.javaRandom();
        long[] slots = new long[n];
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(capacity - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            slots[i] = order[i];
        }
        return manager.create(slots);
    }
}
