package io.artifex.models.vae.vq;

import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.Finite;
import io.artifex.core.config.ImageShape;
import io.artifex.core.config.ImageShapeValidator;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.RuleContext;
import io.artifex.models.autoregressive.PixelCnnInputEncoding;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/**
 * A VQ-VAE (van den Oord et al., 2017) with an optional Gated PixelCNN prior over its code
 * grid. Type id {@code vqvae}. The defaults are reference network #9 of the benchmark spec
 * (28x28x1 images, 64 codes of dimension 16, commitment 0.25, 189,073 parameters, no prior).
 *
 * <p>Thread-safety: immutable once built if callers do not mutate the lists they pass (they are not
 * copied); safe to read from several threads. Its {@code Builder} is not thread-safe: use one
 * builder per thread.
 *
 * @param name a label for logs
 * @param inputShape the image as (height, width, channels); height and width divisible by 4
 * @param hiddenChannels channels of the encoder's and decoder's trunk; default 64 (the first
 *                       encoder and last decoder convolutions have half as many)
 * @param residualChannels bottleneck channels of each residual block; default 32
 * @param numResidualBlocks residual blocks in the encoder and in the decoder; default 2
 * @param numEmbeddings K, the number of codebook vectors; default 64
 * @param embeddingDim D, the dimension of each code; default 16
 * @param commitmentCost beta, the weight of the commitment loss; default 0.25
 * @param emaDecay 0 (default): the codebook is learned by gradient through the codebook loss;
 *                 in (0, 1): it is updated by exponential moving averages with this decay
 * @param emaEpsilon the Laplace smoothing of the moving-average cluster sizes; default 1e-5
 * @param deadCodeThreshold a code whose moving-average usage (the cluster size, decayed with
 *                          {@code emaDecay}, or 0.99 when the codebook is learned by gradient)
 *                          falls below this value is restarted from a random encoder output of
 *                          the batch; 0 (default) turns restarts off
 * @param kmeansInit whether the codebook is initialised by k-means on the encoder outputs of
 *                   the first training batch; default false
 * @param priorChannels hidden channels of the Gated PixelCNN prior over the code grid; 0
 *                      (default) for none: {@code generate} then draws codes uniformly
 * @param priorLayers gated layers of the prior; default 6
 * @param priorStartStep the training step at which stage 2 starts: steps before it train the
 *                       VQ-VAE, steps from it on train only the prior on the frozen codes;
 *                       at least 1 when there is a prior; default 1000
 * @param priorInputEncoding how the prior's first layer reads a code: {@code oneHot} (default: K
 *                           indicator channels; code indices have no order) or {@code intensity}
 *                           (one ordinal value {@code k / (K - 1)}, which imposes an order the
 *                           codes do not have: FID 192 against 94.6 one-hot on MNIST, see
 *                           docs/benchmarks.md); see {@link PixelCnnInputEncoding}
 */
public record VqVaeConfig(
        @NotBlank @ConfigName String name,
        @NotNull @ImageShape List<@NotNull @Positive Integer> inputShape,
        @NotNull @Min(2) @Max(ConfigLimits.MAX_WIDTH) Integer hiddenChannels,
        @NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer residualChannels,
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_LAYERS) Integer numResidualBlocks,
        @NotNull @Min(2) @Max(ConfigLimits.MAX_LEVELS) Integer numEmbeddings,
        @NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer embeddingDim,
        @NotNull @Finite @PositiveOrZero @DecimalMax(ConfigLimits.MAX_FACTOR) Double commitmentCost,
        @NotNull @Finite @PositiveOrZero
        @DecimalMax(value = "1", inclusive = false, message = "must be below 1 (0 = codebook learned by gradient)")
        Double emaDecay,
        @NotNull @Finite @Positive @DecimalMax("1") Double emaEpsilon,
        @NotNull @Finite @PositiveOrZero @DecimalMax(ConfigLimits.MAX_FACTOR) Double deadCodeThreshold,
        @NotNull Boolean kmeansInit,
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_WIDTH) Integer priorChannels,
        @NotNull @Min(2) @Max(ConfigLimits.MAX_LAYERS) Integer priorLayers,
        @NotNull @PositiveOrZero @Max(ConfigLimits.MAX_STEPS) Integer priorStartStep,
        @NotNull PixelCnnInputEncoding priorInputEncoding)
        implements ModelConfig, CrossFieldRules {

    /** Defaults: reference network #9 (see the record description), gradient codebook, no prior. */
    public VqVaeConfig {
        inputShape = inputShape == null ? List.of(28, 28, 1) : inputShape;
        hiddenChannels = hiddenChannels == null ? 64 : hiddenChannels;
        residualChannels = residualChannels == null ? 32 : residualChannels;
        numResidualBlocks = numResidualBlocks == null ? 2 : numResidualBlocks;
        numEmbeddings = numEmbeddings == null ? 64 : numEmbeddings;
        embeddingDim = embeddingDim == null ? 16 : embeddingDim;
        commitmentCost = commitmentCost == null ? 0.25 : commitmentCost;
        emaDecay = emaDecay == null ? 0.0 : emaDecay;
        emaEpsilon = emaEpsilon == null ? 1e-5 : emaEpsilon;
        deadCodeThreshold = deadCodeThreshold == null ? 0.0 : deadCodeThreshold;
        kmeansInit = kmeansInit == null ? Boolean.FALSE : kmeansInit;
        priorChannels = priorChannels == null ? 0 : priorChannels;
        priorLayers = priorLayers == null ? 6 : priorLayers;
        priorStartStep = priorStartStep == null ? 1000 : priorStartStep;
        priorInputEncoding = priorInputEncoding == null ? PixelCnnInputEncoding.ONE_HOT : priorInputEncoding;
    }

    /** Whether the codebook is updated by exponential moving averages rather than by gradient. */
    public boolean usesEma() {
        return emaDecay > 0;
    }

    /** Whether the config has a learned prior over the code grid. */
    public boolean hasPrior() {
        return priorChannels > 0;
    }

    /** The height of the code grid (a quarter of the image height). */
    public int gridHeight() {
        return inputShape.get(0) / 4;
    }

    /** The width of the code grid (a quarter of the image width). */
    public int gridWidth() {
        return inputShape.get(1) / 4;
    }

    /**
     * Cross-field rules: height and width divisible by 4 (two stride-2 layers); a prior starts
     * at step 1 or later (stage 1 trains the VQ-VAE it reads codes from).
     */
    @Override
    public void check(RuleContext ctx) {
        if (inputShape != null && inputShape.size() == 3 && inputShape.get(0) != null && inputShape.get(1) != null
                && !ImageShapeValidator.looksChannelsFirst(inputShape)
                && (inputShape.get(0) % 4 != 0 || inputShape.get(1) % 4 != 0)) {
            ctx.reject("inputShape", "height and width must be divisible by 4 (two stride-2 layers), got "
                    + inputShape.get(0) + "x" + inputShape.get(1));
        }
        if (priorChannels != null && priorChannels > 0 && priorStartStep != null && priorStartStep < 1) {
            ctx.reject("priorStartStep", "must be at least 1 when there is a prior (priorChannels > 0): stage 1"
                    + " trains the VQ-VAE whose codes the prior learns, got " + priorStartStep);
        }
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link VqVaeConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.inputShape = inputShape;
        b.hiddenChannels = hiddenChannels;
        b.residualChannels = residualChannels;
        b.numResidualBlocks = numResidualBlocks;
        b.numEmbeddings = numEmbeddings;
        b.embeddingDim = embeddingDim;
        b.commitmentCost = commitmentCost;
        b.emaDecay = emaDecay;
        b.emaEpsilon = emaEpsilon;
        b.deadCodeThreshold = deadCodeThreshold;
        b.kmeansInit = kmeansInit;
        b.priorChannels = priorChannels;
        b.priorLayers = priorLayers;
        b.priorStartStep = priorStartStep;
        b.priorInputEncoding = priorInputEncoding;
        return b;
    }

    private VqVaeConfig(Builder b) {
        this(b.name, b.inputShape, b.hiddenChannels, b.residualChannels, b.numResidualBlocks, b.numEmbeddings,
                b.embeddingDim, b.commitmentCost, b.emaDecay, b.emaEpsilon, b.deadCodeThreshold, b.kmeansInit,
                b.priorChannels, b.priorLayers, b.priorStartStep, b.priorInputEncoding);
    }

    /**
     * Builds a {@link VqVaeConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private List<Integer> inputShape;
        private Integer hiddenChannels;
        private Integer residualChannels;
        private Integer numResidualBlocks;
        private Integer numEmbeddings;
        private Integer embeddingDim;
        private Double commitmentCost;
        private Double emaDecay;
        private Double emaEpsilon;
        private Double deadCodeThreshold;
        private Boolean kmeansInit;
        private Integer priorChannels;
        private Integer priorLayers;
        private Integer priorStartStep;
        private PixelCnnInputEncoding priorInputEncoding;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code inputShape}: (height, width, channels), height and width divisible by 4. */
        public Builder inputShape(List<Integer> inputShape) {
            this.inputShape = inputShape;
            return this;
        }

        /** Sets {@code hiddenChannels}: channels of the trunk; default 64. */
        public Builder hiddenChannels(int hiddenChannels) {
            this.hiddenChannels = hiddenChannels;
            return this;
        }

        /** Sets {@code residualChannels}: bottleneck channels of each residual block; default 32. */
        public Builder residualChannels(int residualChannels) {
            this.residualChannels = residualChannels;
            return this;
        }

        /** Sets {@code numResidualBlocks}: residual blocks in the encoder and in the decoder; default 2. */
        public Builder numResidualBlocks(int numResidualBlocks) {
            this.numResidualBlocks = numResidualBlocks;
            return this;
        }

        /** Sets {@code numEmbeddings}: K, the number of codes; default 64. */
        public Builder numEmbeddings(int numEmbeddings) {
            this.numEmbeddings = numEmbeddings;
            return this;
        }

        /** Sets {@code embeddingDim}: D, the dimension of each code; default 16. */
        public Builder embeddingDim(int embeddingDim) {
            this.embeddingDim = embeddingDim;
            return this;
        }

        /** Sets {@code commitmentCost}: beta, the weight of the commitment loss; default 0.25. */
        public Builder commitmentCost(double commitmentCost) {
            this.commitmentCost = commitmentCost;
            return this;
        }

        /** Sets {@code emaDecay}: 0 for a gradient-learned codebook, in (0, 1) for EMA updates. */
        public Builder emaDecay(double emaDecay) {
            this.emaDecay = emaDecay;
            return this;
        }

        /** Sets {@code emaEpsilon}: Laplace smoothing of the cluster sizes; default 1e-5. */
        public Builder emaEpsilon(double emaEpsilon) {
            this.emaEpsilon = emaEpsilon;
            return this;
        }

        /** Sets {@code deadCodeThreshold}: usage below which a code is restarted; 0 = off. */
        public Builder deadCodeThreshold(double deadCodeThreshold) {
            this.deadCodeThreshold = deadCodeThreshold;
            return this;
        }

        /** Sets {@code kmeansInit}: k-means initialisation of the codebook from the first batch. */
        public Builder kmeansInit(boolean kmeansInit) {
            this.kmeansInit = kmeansInit;
            return this;
        }

        /** Sets {@code priorChannels}: hidden channels of the Gated PixelCNN prior; 0 = no prior. */
        public Builder priorChannels(int priorChannels) {
            this.priorChannels = priorChannels;
            return this;
        }

        /** Sets {@code priorLayers}: gated layers of the prior; default 6. */
        public Builder priorLayers(int priorLayers) {
            this.priorLayers = priorLayers;
            return this;
        }

        /** Sets {@code priorStartStep}: the first step of stage 2 (the prior); default 1000. */
        public Builder priorStartStep(int priorStartStep) {
            this.priorStartStep = priorStartStep;
            return this;
        }

        /**
         * Sets {@code priorInputEncoding}: {@code oneHot} (default: K indicator channels per code)
         * or {@code intensity} (one ordinal value per code; weaker, see the record's Javadoc).
         */
        public Builder priorInputEncoding(PixelCnnInputEncoding priorInputEncoding) {
            this.priorInputEncoding = priorInputEncoding;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public VqVaeConfig build() {
            return new VqVaeConfig(this);
        }
    }
}
