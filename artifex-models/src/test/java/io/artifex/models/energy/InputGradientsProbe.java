package io.artifex.models.energy;

import ai.djl.ndarray.NDArray;
import io.artifex.core.autograd.InputGradients;

/** Test helper: the size of an EBM's input gradient, computed with its weights frozen. */
final class InputGradientsProbe {

    private InputGradientsProbe() {
    }

    static double inputGradientNorm(Ebm model, NDArray x) {
        NDArray g = InputGradients.of(model.energyNetwork(), model::energy, x);
        return g.square().sum().getFloat();
    }
}
