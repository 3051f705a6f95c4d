package io.artifex.models.vae.vq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.AbstractGenerativeModel;
import io.artifex.core.model.Batch;
import io.artifex.core.model.DataContract;
import io.artifex.core.model.HeldOutMeasures;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.ParameterGroup;
import io.artifex.core.model.PhaseObjective;
import io.artifex.core.model.PhaseValidation;
import io.artifex.core.model.StepContext;
import io.artifex.core.model.TrainingPhase;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;
import io.artifex.models.autoregressive.PixelCnn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A VQ-VAE (van den Oord et al., 2017): a convolutional encoder to a grid of D-vectors (a
 * quarter of the image's height and width), a {@link VectorQuantizer} replacing each by the
 * nearest of K codes, and a decoder back to the image; optionally a Gated PixelCNN prior over
 * the code grid (the autoregressive family's {@link PixelCnn}, on an {@code h x w x 1} "image"
 * of K levels, reading each code one-hot with {@code priorInputEncoding: oneHot}), so that
 * {@link #generate} draws a code grid from the prior and decodes it.
 *
 * <pre>{@code
 * VqVaeConfig config = VqVaeConfig.builder().name("vqvae").priorChannels(32).priorStartStep(500)
 *         .priorInputEncoding(PixelCnnInputEncoding.ONE_HOT).build();
 * try (VqVae model = (VqVae) Models.create(config, 0)) {
 *     // train with the generic Trainer on scale01 MNIST: steps 0..499 the VQ-VAE, then the prior
 *     NDArray codes = model.encodeToIndices(images, manager);   // (N, 7, 7) int64
 *     NDArray images2 = model.decodeIndices(codes, manager);    // (N, 1, 28, 28)
 * }
 * }</pre>
 *
 * <p><b>Data.</b> Images {@code (N, C, H, W)} (or flat) in [0, 1]. <b>Loss</b> (stage 1):
 * reconstruction mean squared error over every pixel ({@code mean((x - decoder(zq))^2)}, a
 * Gaussian likelihood up to constants), plus the codebook loss {@code mean((sg[ze] - zq)^2)}
 * (left out when the codebook is learned by moving averages), plus
 * {@code beta * mean((ze - sg[zq])^2)}. Logged terms: {@code reconstruction}, {@code codebook},
 * {@code commitment} (already weighted by beta), {@code perplexity} ({@code exp} of the entropy of
 * the batch's code frequencies) and {@code codesUsed} (codes used at least once in the batch).
 *
 * <p><b>Training phases.</b> Phase {@code vqvae} (encoder, decoder and, unless updated by moving
 * averages, the codebook) at steps {@code [0, priorStartStep)}; after each of its updates the
 * codebook statistics are updated and dead codes restarted; the first one runs the k-means
 * initialisation when configured. With a prior, phase {@code prior} (the prior's network only)
 * at steps {@code [priorStartStep, inf)}: its loss is the prior's cross-entropy on the code grids
 * of the frozen VQ-VAE. Both stages use the optimizer {@code default}. Each phase validates with
 * its own loss ({@link PhaseObjective#newValidation()}): a validation in stage 1 reports
 * {@code validation/vqvae/<term>} (the loss terms, and {@code perplexity} and {@code codesUsed}
 * counted over the whole validation pass), one in stage 2 {@code validation/prior/loss},
 * {@code nll} and {@code bitsPerDim} (bits per code position); {@code validation_loss} is the
 * loss of the stage being trained.
 *
 * <p><b>Measures</b> ({@link #measure}, reported by {@code artifex evaluate} as {@code test_...}):
 * the reconstruction error, codebook usage and perplexity over a whole pass of the data, and the
 * prior's exact bits per code.
 *
 * <p>Thread-safety: sampling ({@code generate}, {@code sample} and the encode/decode methods) may
 * run on several threads at once, each call with its own {@code Rng} and its own sub-manager;
 * training, loading weights and {@code close} must not overlap any other call.
 */
public final class VqVae extends AbstractGenerativeModel<VqVaeConfig> implements HeldOutMeasures {

    /** The name of the stage-1 phase. */
    public static final String VQVAE_PHASE = "vqvae";
    /** The name of the stage-2 phase. */
    public static final String PRIOR_PHASE = "prior";

    private static final Logger LOG = LoggerFactory.getLogger(VqVae.class);
    private static final int KMEANS_ITERATIONS = 10;
    private static final double USAGE_DECAY = 0.99;
    /** Step terms of one batch's codes, replaced in a validation by counts over the whole pass. */
    private static final Set<String> PER_BATCH_TERMS = Set.of("perplexity", "codesUsed");

    private final VqVaeNetwork network;
    private final PixelCnn prior;
    private final int numCodes;
    private final int gridHeight;
    private final int gridWidth;

    VqVae(VqVaeConfig config, NDManager manager, VqVaeNetwork network, Shape imageShape, PixelCnn prior) {
        super(config, network, manager, imageShape);
        this.network = network;
        this.prior = prior;
        this.numCodes = config.numEmbeddings();
        this.gridHeight = config.gridHeight();
        this.gridWidth = config.gridWidth();
    }

    /** K, the number of codes. */
    public int numCodes() {
        return numCodes;
    }

    /** The shape of one code grid, {@code (h, w)} = a quarter of the image's height and width. */
    public Shape gridShape() {
        return new Shape(gridHeight, gridWidth);
    }

    /** The vector quantiser (codebook and its statistics). */
    public VectorQuantizer quantizer() {
        return network.quantizer();
    }

    /** The prior over code grids, if configured. */
    public Optional<PixelCnn> prior() {
        return Optional.ofNullable(prior);
    }

    /** The number of learned weights of the prior (0 without one); {@link #parameterCount()} includes them. */
    public long priorParameterCount() {
        return prior == null ? 0 : prior.parameterCount();
    }

    /** Images in [0, 1], {@code (C, H, W)} (or flat); {@code scale01} or {@code binarize}. */
    @Override
    public DataContract dataContract() {
        return DataContract.bounded(0, 1, exampleShape(), Preprocessing.SCALE01, Preprocessing.BINARIZE);
    }

    @Override
    public ModelOutputs forward(Batch batch, StepContext context) {
        NDArray x = checkedImages(batch.x());
        ParameterStore store = context.parameterStore();
        NDArray ze = network.encoder().forward(store, new NDList(x), context.training()).singletonOrThrow();
        VectorQuantizer.Quantized q = network.quantizer().quantize(ze, store, context.training());
        NDArray reconstruction = network.decoder().forward(store, new NDList(q.straightThrough()), context.training())
                .singletonOrThrow();
        Map<String, NDArray> out = new LinkedHashMap<>();
        out.put("reconstruction", reconstruction);
        out.put("codebookLoss", q.codebookLoss());
        out.put("commitmentLoss", q.commitmentLoss());
        out.put("indices", q.indices());
        out.put("flatInputs", q.flatInputs());
        out.put("oneHot", q.oneHot());
        return ModelOutputs.of(out);
    }

    @Override
    public LossResult loss(Batch batch, ModelOutputs outputs, StepContext context) {
        NDArray x = checkedImages(batch.x());
        NDArray reconstruction = x.sub(outputs.get("reconstruction")).square().mean();
        NDArray codebook = outputs.get("codebookLoss");
        NDArray commitment = Scalars.mul(outputs.get("commitmentLoss"), config().commitmentCost());
        NDArray total = reconstruction.add(commitment);
        if (!config().usesEma()) {
            total = total.add(codebook);
        }
        float[] counts = outputs.get("oneHot").sum(new int[] {0}).toFloatArray();
        Map<String, NDArray> terms = new LinkedHashMap<>();
        terms.put("reconstruction", reconstruction);
        terms.put("codebook", codebook);
        terms.put("commitment", commitment);
        terms.put("perplexity", context.manager().create((float) perplexity(counts)));
        terms.put("codesUsed", context.manager().create((float) codesUsed(counts)));
        return new LossResult(total, terms);
    }

    /** {@code exp(-sum_k p_k log p_k)} of the code frequencies {@code p = counts / sum(counts)}; 0 for no counts. */
    public static double perplexity(float[] counts) {
        double total = 0;
        for (float c : counts) {
            total += c;
        }
        if (total <= 0) {
            return 0;
        }
        double entropy = 0;
        for (float c : counts) {
            if (c > 0) {
                double p = c / total;
                entropy -= p * Math.log(p);
            }
        }
        return Math.exp(entropy);
    }

    /** The number of codes with a positive count. */
    public static int codesUsed(float[] counts) {
        int used = 0;
        for (float c : counts) {
            if (c > 0) {
                used++;
            }
        }
        return used;
    }

    /**
     * Measures over one pass of {@code data} (images in [0, 1]), every count over the whole pass:
     * {@code reconstruction_mse} (mean over every pixel of {@code (x - reconstruct(x))^2}, the
     * reconstructions clipped to [0, 1]), {@code codes_used} (codes chosen at least once),
     * {@code codes_used_fraction} (of K), {@code codebook_perplexity} ({@code exp} of the entropy of
     * the code frequencies; K when every code is used equally), {@code code_nll} (the exact
     * {@code -log p(codes)} in nats per code grid under the prior, the uniform one without a
     * learned prior) and {@code code_bits_per_dim} (the same in bits per grid position;
     * {@code log2 K} for the uniform prior). The decoder has no likelihood (its loss is a squared
     * error), so there is no bits-per-pixel figure of the whole model.
     */
    @Override
    public Map<String, Double> measure(BatchSource data, Rng rng) {
        double squares = 0;
        long pixels = 0;
        double nll = 0;
        long examples = 0;
        float[] counts = new float[numCodes];
        EpochIterator it = data.epoch(0);
        try (NDManager root = manager().newSubManager()) {
            while (it.hasNext()) {
                try (NDManager scope = root.newSubManager()) {
                    NDArray x = checkedImages(it.next(scope).x());
                    NDArray codes = encodeToIndices(x, scope);
                    squares += x.sub(decodeIndices(codes, scope)).square().sum().getFloat();
                    pixels += x.size();
                    for (long k : codes.toLongArray()) {
                        counts[(int) k]++;
                    }
                    for (float lp : codeLogProb(codes, scope, rng).toFloatArray()) {
                        nll -= lp;
                    }
                    examples += x.getShape().get(0);
                }
            }
        }
        if (examples == 0) {
            throw new IllegalArgumentException("VQ-VAE '" + config().name() + "': the data to measure on yield no batch");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("reconstruction_mse", squares / pixels);
        int used = codesUsed(counts);
        out.put("codes_used", (double) used);
        out.put("codes_used_fraction", (double) used / numCodes);
        out.put("codebook_perplexity", perplexity(counts));
        out.put("code_nll", nll / examples);
        out.put("code_bits_per_dim", nll / examples / (gridHeight * gridWidth * Math.log(2)));
        return out;
    }

    /**
     * The phases: {@code vqvae} (steps {@code [0, priorStartStep)} with a prior, every step
     * without), then {@code prior} (steps from {@code priorStartStep}); see the class description.
     */
    @Override
    public List<TrainingPhase> trainingPhases() {
        List<Parameter> stage1 = new ArrayList<>(ParameterGroup.of("encoder-decoder", network.encoder(),
                network.decoder()).parameters());
        if (!config().usesEma()) {
            stage1.addAll(ParameterGroup.of("codebook", network.quantizer()).parameters());
        }
        TrainingPhase vq = new TrainingPhase(VQVAE_PHASE, new ParameterGroup(VQVAE_PHASE, stage1),
                TrainingPhase.DEFAULT_OPTIMIZER, 1, new VqObjective());
        if (prior == null) {
            return List.of(vq);
        }
        int start = config().priorStartStep();
        TrainingPhase priorPhase = new TrainingPhase(PRIOR_PHASE, ParameterGroup.of(PRIOR_PHASE, network.prior()),
                TrainingPhase.DEFAULT_OPTIMIZER, 1, new PriorObjective(), start, Long.MAX_VALUE);
        return List.of(vq.between(0, start), priorPhase);
    }

    /**
     * The code index of every grid position, {@code (N, h, w)} int64, on {@code target}, for
     * images {@code (N, C, H, W)} (or flat) in [0, 1].
     */
    public NDArray encodeToIndices(NDArray x, NDManager target) {
        try (NDManager scope = target.newSubManager()) {
            NDArray images = checkedImages(local(x, scope));
            ParameterStore store = new ParameterStore(scope, false);
            NDArray ze = network.encoder().forward(store, new NDList(images), false).singletonOrThrow();
            NDArray indices = network.quantizer().quantize(ze, store, false).indices();
            indices.attach(target);
            return indices;
        }
    }

    /**
     * Images {@code (N, C, H, W)} decoded from code grids {@code (N, h, w)} (any integer or
     * float type holding integers in [0, K)), clipped to the data range [0, 1], on {@code target}.
     */
    public NDArray decodeIndices(NDArray indices, NDManager target) {
        Shape s = indices.getShape();
        if (s.dimension() != 3 || s.get(1) != gridHeight || s.get(2) != gridWidth) {
            throw new IllegalArgumentException("code grids must have shape (N, " + gridHeight + ", " + gridWidth
                    + "), got " + s);
        }
        try (NDManager scope = target.newSubManager()) {
            NDArray idx = local(indices, scope).toType(DataType.FLOAT32, false);
            float min = idx.min().getFloat();
            float max = idx.max().getFloat();
            if (min < 0 || max > numCodes - 1 || !idx.round().eq(idx).all().getBoolean()) {
                throw new IllegalArgumentException("code indices must be integers in [0, " + (numCodes - 1)
                        + "], got values in [" + min + ", " + max + "]");
            }
            ParameterStore store = new ParameterStore(scope, false);
            NDArray book = network.quantizer().codebook(store, scope, false);
            NDArray zq = idx.toType(DataType.INT64, false).reshape(-1).oneHot(numCodes).matMul(book)
                    .reshape(s.get(0), gridHeight, gridWidth, book.getShape().get(1)).transpose(0, 3, 1, 2);
            NDArray images = network.decoder().forward(store, new NDList(zq), false).singletonOrThrow().clip(0f, 1f);
            images.attach(target);
            return images;
        }
    }

    /** {@code decodeIndices(encodeToIndices(x))}: the reconstructions {@code (N, C, H, W)} in [0, 1]. */
    public NDArray reconstruct(NDArray x, NDManager target) {
        try (NDManager scope = target.newSubManager()) {
            NDArray images = decodeIndices(encodeToIndices(x, scope), scope);
            images.attach(target);
            return images;
        }
    }

    /**
     * The exact log-probability in nats of each code grid {@code (N, h, w)} under the prior,
     * shape {@code (N)}: the prior's {@code sum over positions of log softmax(logits)[code]};
     * without a prior, the uniform prior's {@code -h w log K} (what {@link #generate} draws from).
     */
    public NDArray codeLogProb(NDArray indices, NDManager target, Rng rng) {
        Shape s = indices.getShape();
        if (s.dimension() != 3 || s.get(1) != gridHeight || s.get(2) != gridWidth) {
            throw new IllegalArgumentException("code grids must have shape (N, " + gridHeight + ", " + gridWidth
                    + "), got " + s);
        }
        if (prior == null) {
            return target.full(new Shape(s.get(0)), (float) (-gridHeight * gridWidth * Math.log(numCodes)));
        }
        try (NDManager scope = target.newSubManager()) {
            NDArray logProb = prior.logProb(Batch.of(asPriorImages(local(indices, scope))), scope, rng);
            logProb.attach(target);
            return logProb;
        }
    }

    /**
     * {@code n} images: code grids drawn from the prior (position by position, h * w passes), or
     * uniformly without a prior, decoded and clipped to [0, 1]; shape {@code (n, C, H, W)}.
     */
    @Override
    public NDArray generate(int n, NDManager target, Rng rng) {
        if (n < 1) {
            throw new IllegalArgumentException("number of samples must be >= 1, got " + n);
        }
        try (NDManager scope = target.newSubManager()) {
            NDArray codes = sampleCodes(n, scope, rng);
            NDArray images = decodeIndices(codes, scope);
            images.attach(target);
            return images;
        }
    }

    /** {@code n} code grids {@code (n, h, w)} int64 drawn from the prior (uniform without one). */
    public NDArray sampleCodes(int n, NDManager target, Rng rng) {
        if (n < 1) {
            throw new IllegalArgumentException("number of code grids must be >= 1, got " + n);
        }
        if (prior == null) {
            return rng.randint(target, 0, numCodes, new Shape(n, gridHeight, gridWidth));
        }
        try (NDManager scope = target.newSubManager()) {
            NDArray levels = prior.generate(n, scope, rng);
            NDArray codes = Scalars.mul(levels, numCodes - 1).round().toType(DataType.INT64, false)
                    .reshape(n, gridHeight, gridWidth);
            codes.attach(target);
            return codes;
        }
    }

    /** Code grids {@code (N, h, w)} as the prior's data: {@code (N, 1, h, w)} levels {@code k / (K - 1)}. */
    NDArray asPriorImages(NDArray indices) {
        Shape s = indices.getShape();
        return Scalars.div(indices.toType(DataType.FLOAT32, false), numCodes - 1)
                .reshape(s.get(0), 1, gridHeight, gridWidth);
    }

    /** Accepts {@code (N, C, H, W)}, {@code (N, H, W)} for one channel, or flat {@code (N, C*H*W)}. */
    NDArray checkedImages(NDArray x) {
        Shape imageShape = exampleShape();
        Shape shape = x.getShape();
        long perExample = shape.dimension() > 0 ? shape.size() / Math.max(1, shape.get(0)) : 0;
        if (shape.dimension() < 2 || perExample != imageShape.size()) {
            throw new IllegalArgumentException("VQ-VAE '" + config().name() + "' expects images of shape (N, "
                    + imageShape.get(0) + ", " + imageShape.get(1) + ", " + imageShape.get(2) + ") or (N, "
                    + imageShape.size() + "), got " + shape);
        }
        NDArray images = x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
        return images.reshape(new Shape(shape.get(0)).addAll(imageShape));
    }

    private static NDArray local(NDArray x, NDManager scope) {
        NDArray copy = x.duplicate();
        copy.attach(scope);
        return copy;
    }

    /** Stage 1: k-means initialisation before the first update, the loss, then EMA and restarts. */
    private final class VqObjective implements PhaseObjective {

        private NDArray flatInputs;
        private NDArray oneHot;

        @Override
        public Batch prepare(Batch batch, StepContext context) {
            VectorQuantizer quantizer = network.quantizer();
            if (config().kmeansInit() && !quantizer.isInitialised()) {
                NDArray x = checkedImages(batch.x());
                NDArray ze = network.encoder().forward(context.parameterStore(), new NDList(x), false)
                        .singletonOrThrow();
                NDArray flat = ze.transpose(0, 2, 3, 1).reshape(-1, quantizer.dim()).stopGradient();
                quantizer.kmeansInit(flat, KMEANS_ITERATIONS, context.rng().fork("kmeans"));
                LOG.info("VQ-VAE '{}': codebook initialised by k-means ({} rounds) on {} encoder outputs at step {}",
                        config().name(), KMEANS_ITERATIONS, flat.getShape().get(0), context.step());
            }
            return batch;
        }

        @Override
        public LossResult loss(Batch batch, StepContext context) {
            ModelOutputs outputs = forward(batch, context);
            flatInputs = outputs.get("flatInputs");
            oneHot = outputs.get("oneHot");
            return VqVae.this.loss(batch, outputs, context);
        }

        /** The stage-1 loss terms over the validation pass, codebook usage counted over all of it. */
        @Override
        public Optional<PhaseValidation> newValidation() {
            return Optional.of(new VqValidation());
        }

        @Override
        public void afterUpdate(Batch batch, StepContext context) {
            VqVaeConfig c = config();
            VectorQuantizer quantizer = network.quantizer();
            double decay = c.usesEma() ? c.emaDecay() : USAGE_DECAY;
            quantizer.emaUpdate(flatInputs, oneHot, decay, c.emaEpsilon(), c.usesEma());
            if (c.deadCodeThreshold() > 0) {
                int[] restarted = quantizer.restartDeadCodes(flatInputs, c.deadCodeThreshold(),
                        context.rng().fork("restarts"));
                if (restarted.length > 0) {
                    LOG.debug("VQ-VAE '{}': restarted {} dead codes at step {}", c.name(), restarted.length,
                            context.step());
                }
            }
            flatInputs = null;
            oneHot = null;
        }
    }

    /** Stage 2: the prior's cross-entropy on the code grids of the frozen VQ-VAE. */
    private final class PriorObjective implements PhaseObjective {

        @Override
        public Batch prepare(Batch batch, StepContext context) {
            NDArray x = checkedImages(batch.x());
            ParameterStore store = context.parameterStore();
            NDArray ze = network.encoder().forward(store, new NDList(x), false).singletonOrThrow();
            NDArray indices = network.quantizer().quantize(ze, store, false).indices();
            return Batch.of(asPriorImages(indices));
        }

        @Override
        public LossResult loss(Batch batch, StepContext context) {
            return prior.loss(batch, prior.forward(batch, context), context);
        }

        /** The prior's loss terms on the codes of the validation images. */
        @Override
        public Optional<PhaseValidation> newValidation() {
            return Optional.of(new MeanTerms() {
                @Override
                public void add(Batch batch, StepContext context) {
                    Batch codes = prepare(batch, context);
                    addTerms(loss(codes, context), codes.size(), Set.of());
                }
            });
        }
    }

    /** Example-weighted means of a loss and its terms over the batches added. */
    private abstract static class MeanTerms implements PhaseValidation {
        private final Map<String, Double> sums = new LinkedHashMap<>();
        private long examples;

        /** Adds {@code n} examples' loss and terms (in name order; {@code skip} names terms left out). */
        void addTerms(LossResult result, int n, Set<String> skip) {
            sums.merge("loss", (double) result.total().getFloat() * n, Double::sum);
            new TreeMap<>(result.terms()).forEach((k, v) -> {
                if (!skip.contains(k)) {
                    sums.merge(k, (double) v.getFloat() * n, Double::sum);
                }
            });
            examples += n;
        }

        @Override
        public Map<String, Double> result() {
            Map<String, Double> out = new LinkedHashMap<>();
            sums.forEach((k, v) -> out.put(k, examples == 0 ? Double.NaN : v / examples));
            return out;
        }
    }

    /** Stage-1 validation: the loss terms' means, and codes used and perplexity over the whole pass. */
    private final class VqValidation extends MeanTerms {
        private final float[] counts = new float[numCodes];

        @Override
        public void add(Batch batch, StepContext context) {
            ModelOutputs outputs = forward(batch, context);
            LossResult result = VqVae.this.loss(batch, outputs, context);
            addTerms(result, batch.size(), PER_BATCH_TERMS);
            float[] batchCounts = outputs.get("oneHot").sum(new int[] {0}).toFloatArray();
            for (int k = 0; k < numCodes; k++) {
                counts[k] += batchCounts[k];
            }
        }

        @Override
        public Map<String, Double> result() {
            Map<String, Double> out = super.result();
            out.put("perplexity", perplexity(counts));
            out.put("codesUsed", (double) codesUsed(counts));
            return out;
        }
    }
}
