package io.artifex.core.autograd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/** Test fixture: Linear(3 -> hidden), tanh, optionally Linear(hidden -> 1), in float64. */
final class TinyCritic {

    final SequentialBlock block = new SequentialBlock();
    private final NDManager manager;

    TinyCritic(NDManager manager, int hidden, boolean withOutputLayer) {
        this.manager = manager;
        block.add(Linear.builder().setUnits(hidden).build());
        block.add(Activation.tanhBlock());
        if (withOutputLayer) {
            block.add(Linear.builder().setUnits(1).build());
        }
        manager.getEngine().setRandomSeed(1234);
        block.initialize(manager, DataType.FLOAT64, new Shape(1, 3));
    }

    NDArray forward(NDArray x) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
    }

    List<Parameter> parameters() {
        return new ArrayList<>(block.getParameters().values());
    }
}
