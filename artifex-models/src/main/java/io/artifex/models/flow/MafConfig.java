package io.artifex.models.flow;

import io.artifex.core.config.ActivationType;
import io.artifex.core.config.CrossFieldRules;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.RuleContext;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;

/**
 * A masked autoregressive flow (Papamakarios et al., 2017) for vectors and tabular data: a
 * stack of MADE-parameterised affine autoregressive layers, the variable order reversed
 * between layers. Type id {@code maf}.
 *
 * @param name a label for logs
 * @param inputDim the data dimension; at least 2
 * @param numLayers autoregressive layers; at least 1
 * @param hiddenDims widths of each MADE's hidden layers; each at least {@code inputDim - 1}
 *                   so that every conditional can see all preceding variables
 * @param activation activation between MADE layers; default relu
 */
public record MafConfig(
        @NotBlank String name,
        @NotNull @Min(value = 2, message = "must be at least 2 (an autoregressive flow on one variable is affine)")
        Integer inputDim,
        @NotNull @Min(1) Integer numLayers,
        @NotEmpty List<@NotNull @Positive Integer> hiddenDims,
        @NotNull ActivationType activation) implements ModelConfig, CrossFieldRules {

    /** Defaults: relu. */
    public MafConfig {
        activation = activation == null ? ActivationType.RELU : activation;
    }

    /** A MAF with relu MADEs. */
    public MafConfig(String name, int inputDim, int numLayers, List<Integer> hiddenDims) {
        this(name, inputDim, numLayers, hiddenDims, null);
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
}
