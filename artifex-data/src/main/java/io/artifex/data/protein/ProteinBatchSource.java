package io.artifex.data.protein;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.core.random.Rng;
import io.artifex.data.EpochOrder;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Padded mini-batches of protein chains. Every batch is padded to one fixed length {@code L}
 * ({@link Builder#maxLength}, or the longest chain when unset); a longer chain is cropped to
 * {@code L} residues, from a start drawn from the batch's {@link Rng} ({@link Crop#RANDOM},
 * seeded by (seed, epoch, batch), so resumed runs see the same crops) or from its first residue
 * ({@link Crop#FIXED_START}). After cropping, each chain is centred on its CA centroid (unless
 * turned off) and multiplied by the scale. As a {@link BatchSource} the inputs are the
 * coordinates {@code (N, L, 4, 3)}, or {@code (N, L, 4, 4)} with the atom mask as a fourth value
 * when {@link Builder#maskChannel} is on; {@link #batch} gives every array.
 *
 * <p>Thread-safety: not thread-safe: use one batch source and its epoch iterators from one thread.
 */
public final class ProteinBatchSource implements BatchSource {

    /** Where a chain longer than the maximum length is cropped. */
    public enum Crop {
        /** A uniformly random window, drawn per batch. */
        RANDOM,
        /** The first {@code L} residues. */
        FIXED_START
    }

    private final List<ProteinChain> chains;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final boolean dropLast;
    private final int length;
    private final Crop crop;
    private final boolean centre;
    private final double scale;
    private final boolean maskChannel;

    private ProteinBatchSource(Builder b) {
        if (b.batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + b.batchSize);
        }
        if (b.dropLast && b.batchSize > b.chains.size()) {
            throw new IllegalArgumentException("batchSize " + b.batchSize + " exceeds the " + b.chains.size()
                    + " chains with dropLast=true, so an epoch would have no batches");
        }
        this.chains = b.chains;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.shuffle = b.shuffle;
        this.dropLast = b.dropLast;
        this.length = b.maxLength > 0 ? b.maxLength : chains.stream().mapToInt(ProteinChain::length).max().orElse(1);
        this.crop = b.crop;
        this.centre = b.centre;
        this.scale = b.scale;
        this.maskChannel = b.maskChannel;
    }

    /** A builder over {@code chains}. */
    public static Builder builder(List<ProteinChain> chains) {
        if (chains == null || chains.isEmpty()) {
            throw new IllegalArgumentException("protein batch source needs at least one chain");
        }
        return new Builder(List.copyOf(chains));
    }

    @Override
    public int size() {
        return chains.size();
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int batchesPerEpoch() {
        return EpochOrder.batchesPerEpoch(chains.size(), batchSize, dropLast);
    }

    /** The padded length {@code L}. */
    public int length() {
        return length;
    }

    @Override
    public Shape exampleShape() {
        return new Shape(length, 4, maskChannel ? 4 : 3);
    }

    /** The chain indices of every batch of {@code epoch}, in order. */
    public int[] order(long epoch) {
        if (!shuffle) {
            int[] id = new int[chains.size()];
            Arrays.setAll(id, i -> i);
            return id;
        }
        return EpochOrder.permutation(chains.size(), seed, epoch);
    }

    /** Every array of batch {@code index} of {@code epoch} (the same chains and crops as {@link #epoch}). */
    public ProteinBatch batch(long epoch, int index, NDManager manager) {
        if (index < 0 || index >= batchesPerEpoch()) {
            throw new IllegalArgumentException("batch index " + index + " outside [0, " + batchesPerEpoch() + ")");
        }
        int[] order = order(epoch);
        int from = index * batchSize;
        int[] idx = Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length));
        Rng rng = EpochOrder.batchRng(seed, epoch, index);
        int n = idx.length;
        float[] xyz = new float[n * length * 12];
        float[] atoms = new float[n * length * 4];
        float[] residues = new float[n * length];
        long[] types = new long[n * length];
        long[] numbers = new long[n * length];
        int[] lengths = new int[n];
        for (int b = 0; b < n; b++) {
            ProteinChain c = chains.get(idx[b]);
            if (c.length() > length) {
                int start = crop == Crop.FIXED_START ? 0 : rng.nextInt(c.length() - length + 1);
                c = c.crop(start, length);
            }
            if (centre) {
                c = c.centred(scale);
            }
            double[] coords = c.coordinates();
            boolean[] mask = c.atomMask();
            int[] t = c.residueTypes();
            int[] num = c.residueNumbers();
            lengths[b] = c.length();
            for (int k = 0; k < coords.length; k++) {
                xyz[b * length * 12 + k] = (float) (centre ? coords[k] : coords[k] * scale);
            }
            for (int k = 0; k < mask.length; k++) {
                atoms[b * length * 4 + k] = mask[k] ? 1f : 0f;
            }
            for (int i = 0; i < c.length(); i++) {
                residues[b * length + i] = 1f;
                types[b * length + i] = t[i];
                numbers[b * length + i] = num[i];
            }
        }
        return new ProteinBatch(manager.create(xyz, new Shape(n, length, 4, 3)),
                manager.create(atoms, new Shape(n, length, 4)), manager.create(residues, new Shape(n, length)),
                manager.create(types, new Shape(n, length)), manager.create(numbers, new Shape(n, length)), lengths, idx);
    }

    @Override
    public EpochIterator epoch(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        return new EpochIterator() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batchesPerEpoch();
            }

            @Override
            public Batch next(NDManager manager) {
                if (!hasNext()) {
                    throw new NoSuchElementException("epoch " + epoch + " has only " + batchesPerEpoch() + " batches");
                }
                ProteinBatch pb = batch(epoch, next++, manager);
                if (!maskChannel) {
                    return pb.toBatch();
                }
                return Batch.of(pb.coords().concat(pb.atomMask().expandDims(3), 3));
            }

            @Override
            public void skip(int count) {
                if (count < 0) {
                    throw new IllegalArgumentException("skip count must be >= 0, got " + count);
                }
                next = (int) Math.min((long) next + count, batchesPerEpoch());
            }
        };
    }

    /** Options of a {@link ProteinBatchSource}. */
    public static final class Builder {
        private final List<ProteinChain> chains;
        private int batchSize = 8;
        private long seed;
        private boolean shuffle = true;
        private boolean dropLast;
        private int maxLength;
        private Crop crop = Crop.RANDOM;
        private boolean centre = true;
        private double scale = 1.0;
        private boolean maskChannel;

        private Builder(List<ProteinChain> chains) {
            this.chains = chains;
        }

        /** Chains per batch (default 8). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Seed of the shuffle and the crops (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether to shuffle each epoch (default true). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Whether to drop the last smaller batch (default false). */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** The padded length; longer chains are cropped (default 0: the longest chain, no cropping). */
        public Builder maxLength(int maxLength) {
            if (maxLength < 0) {
                throw new IllegalArgumentException("maxLength must be >= 0 (0 = longest chain), got " + maxLength);
            }
            this.maxLength = maxLength;
            return this;
        }

        /** Random (default) or fixed-start cropping. */
        public Builder crop(Crop crop) {
            if (crop == null) {
                throw new IllegalArgumentException("crop must not be null");
            }
            this.crop = crop;
            return this;
        }

        /** Whether to centre each chain on its CA centroid (default true). */
        public Builder centre(boolean centre) {
            this.centre = centre;
            return this;
        }

        /** Coordinate scale after centring (default 1: ångström; 0.1 gives nanometres). */
        public Builder scale(double scale) {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
            }
            this.scale = scale;
            return this;
        }

        /** Whether batch inputs carry the atom mask as a fourth value per atom (default false). */
        public Builder maskChannel(boolean on) {
            this.maskChannel = on;
            return this;
        }

        /** Builds the source. */
        public ProteinBatchSource build() {
            return new ProteinBatchSource(this);
        }
    }
}
