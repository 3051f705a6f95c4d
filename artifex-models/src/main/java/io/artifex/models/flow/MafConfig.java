package io.artifex.models.flow;

import io.artifex.core.config.ActivationType;
import io.artifex.core.config.ConfigLimits;
import io.artifex.core.config.ConfigName;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.RuleContext;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A masked autoregressive flow (Papamakarios et al., 2017) for vectors and tabular data: a
 * stack of MADE-parameterised affine autoregressive layers, the variable order reversed
 * between layers. Type id {@code maf}.
 *
 * <p>Thread-safety: immutable once built if callers do not mutate the lists they pass (they are not
 * copied); safe to read from several threads. Its {@code Builder} is not thread-safe: use one
 * builder per thread.
 *
 * @param name a label for logs
 * @param inputDim the data dimension; at least 2
 * @param numLayers autoregressive layers; at least 1
 * @param hiddenDims widths of each MADE's hidden layers; each at least {@code inputDim - 1}
 *                   so that every conditional can see all preceding variables
 * @param activation activation between MADE layers; default relu
 */
public record MafConfig(
        @NotBlank @ConfigName String name,
        @NotNull @Min(value = 2, message = "must be at least 2 (an autoregressive flow on one variable is affine)")
        @Max(ConfigLimits.MAX_DATA_DIM) Integer inputDim,
        @NotNull @Min(1) @Max(ConfigLimits.MAX_LAYERS) Integer numLayers,
        @NotEmpty @Size(max = ConfigLimits.MAX_LAYERS) List<@NotNull @Positive @Max(ConfigLimits.MAX_WIDTH) Integer> hiddenDims,
        @NotNull ActivationType activation) implements ModelConfig, CrossFieldRules {

    /** Defaults: relu. */
    public MafConfig {
        activation = activation == null ? ActivationType.RELU : activation;
    }

    /** A MAF with relu MADEs. */
    public MafConfig(String name, int inputDim, int numLayers, List<Integer> hiddenDims) {
        this(builder().name(name).inputDim(inputDim).numLayers(numLayers).hiddenDims(hiddenDims));
    }

    /** Cross-field rule: every hidden width is at least {@code inputDim - 1}. */
    @Override
    public void check(RuleContext ctx) {
        if (inputDim == null || hiddenDims == null) {
            return;
        }
        for (int i = 0; i < hiddenDims.size(); i++) {
            Integer width = hiddenDims.get(i);
            if (width != null && width < inputDim - 1) {
                ctx.reject("hiddenDims[" + i + "]", "must be at least inputDim - 1 (" + (inputDim - 1)
                        + ") so every conditional sees all preceding variables, got " + width);
            }
        }
    }

    /** A builder with every field unset; unset fields take the defaults listed on {@link MafConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.inputDim = inputDim;
        builder.numLayers = numLayers;
        builder.hiddenDims = hiddenDims;
        builder.activation = activation;
        return builder;
    }

    private MafConfig(Builder builder) {
        this(builder.name, builder.inputDim, builder.numLayers, builder.hiddenDims, builder.activation);
    }

    /**
     * Builds a {@link MafConfig} one named field at a time. {@link #build()} goes through the
     * canonical constructor, so unset fields get the same defaults as in a config file.
     */
    public static final class Builder {
        private String name;
        private Integer inputDim;
        private Integer numLayers;
        private List<Integer> hiddenDims;
        private ActivationType activation;

        private Builder() {
        }

        /** Sets {@code name}: a label for logs. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code inputDim}: the data dimension; at least 2. */
        public Builder inputDim(int inputDim) {
            this.inputDim = inputDim;
            return this;
        }

        /** Sets {@code numLayers}: autoregressive layers; at least 1. */
        public Builder numLayers(int numLayers) {
            this.numLayers = numLayers;
            return this;
        }

        /**
         * Sets {@code hiddenDims}: widths of each MADE's hidden layers; each at least {@code inputDim - 1} so
         * that every conditional can see all preceding variables.
         */
        public Builder hiddenDims(List<Integer> hiddenDims) {
            this.hiddenDims = hiddenDims;
            return this;
        }

        /** Sets {@code hiddenDims} from its entries, e.g. {@code hiddenDims(256, 128)}. */
        public Builder hiddenDims(int... hiddenDims) {
            this.hiddenDims = java.util.Arrays.stream(hiddenDims).boxed().toList();
            return this;
        }

        /** Sets {@code activation}: activation between MADE layers; default relu. */
        public Builder activation(ActivationType activation) {
            this.activation = activation;
            return this;
        }

        /** The config, with defaults for unset fields; validated later by {@code ConfigValidator} or on use. */
        public MafConfig build() {
            return new MafConfig(this);
        }
    }
}
