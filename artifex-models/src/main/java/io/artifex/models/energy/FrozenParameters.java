package io.artifex.models.energy;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Freezes every parameter of a block that requires a gradient until closed, then unfreezes
 * exactly those (parameters that were frozen before stay frozen). While frozen, an input
 * gradient neither records nor accumulates anything into the parameters' gradients.
 */
final class FrozenParameters implements AutoCloseable {

    private final List<Parameter> frozen = new ArrayList<>();

    private FrozenParameters(Block block) {
        for (Parameter parameter : block.getParameters().values()) {
            if (parameter.requiresGradient()) {
                parameter.freeze(true);
                frozen.add(parameter);
            }
        }
    }

    /** Freezes {@code block}'s trainable parameters. */
    static FrozenParameters of(Block block) {
        return new FrozenParameters(block);
    }

    @Override
    public void close() {
        for (Parameter parameter : frozen) {
            parameter.freeze(false);
        }
        frozen.clear();
    }
}
