package io.artifex.core.registry.testfamily;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import io.artifex.core.model.Batch;
import io.artifex.core.model.AbstractGenerativeModel;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.StepContext;
import io.artifex.core.random.Rng;
import java.util.Map;

/** A dense layer posing as a generative model, so the registry and archive can be tested without a family module. */
final class TestLinearModel extends AbstractGenerativeModel<TestLinearConfig> {

    private final Linear linear;

    private TestLinearModel(TestLinearConfig config, NDManager manager, Linear linear) {
        super(config, linear, manager, new Shape(config.outFeatures()));
        this.linear = linear;
    }

    static TestLinearModel create(TestLinearConfig config, NDManager manager, Rng rng) {
        Linear linear = Linear.builder().setUnits(config.outFeatures()).build();
        linear.initialize(manager, DataType.FLOAT32, new Shape(1, config.inFeatures()));
        for (Parameter p : linear.getParameters().values()) {
            p.getArray().set(rng.normal(manager, p.getArray().getShape()).toFloatArray());
        }
        return new TestLinearModel(config, manager, linear);
    }

    @Override
    public ModelOutputs forward(Batch batch, StepContext context) {
        NDArray y = linear.forward(context.parameterStore(), new NDList(batch.x()), context.training()).singletonOrThrow();
        return ModelOutputs.of(Map.of("y", y));
    }

    @Override
    public LossResult loss(Batch batch, ModelOutputs outputs, StepContext context) {
        return LossResult.of(outputs.get("y").square().mean());
    }

    @Override
    public NDArray generate(int n, NDManager target, Rng rng) {
        NDArray z = rng.normal(target, new Shape(n, config().inFeatures()));
        return linear.forward(new ai.djl.training.ParameterStore(target, false), new NDList(z), false).singletonOrThrow();
    }
}
