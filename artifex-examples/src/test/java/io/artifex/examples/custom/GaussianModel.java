package io.artifex.examples.custom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.model.AbstractGenerativeModel;
import io.artifex.core.model.Batch;
import io.artifex.core.model.DataContract;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.StepContext;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;
import java.util.Map;

/**
 * A complete custom generative model: a 1-D Gaussian N(mean, std^2) whose two parameters are
 * learned by maximum likelihood. Batches are {@code (N, 1)}; the loss is the mean negative
 * log-likelihood without its constant, {@code 0.5 z^2 + log std} with {@code z = (x - mean) / std}.
 */
public final class GaussianModel extends AbstractGenerativeModel<GaussianConfig> {

    /** A model on {@code manager} (which it owns) with an initialised {@code network}. */
    public GaussianModel(GaussianConfig config, GaussianParameters network, NDManager manager) {
        super(config, network, manager, new Shape(1));
    }

    @Override
    public ModelOutputs forward(Batch batch, StepContext context) {
        NDList p = network().forward(context.parameterStore(), new NDList(batch.x()), context.training());
        return ModelOutputs.of(Map.of("mean", p.get(0), "logStd", p.get(1)));
    }

    @Override
    public LossResult loss(Batch batch, ModelOutputs outputs, StepContext context) {
        NDArray logStd = outputs.get("logStd");
        NDArray z = batch.x().sub(outputs.get("mean")).div(logStd.exp()); // batch first: z lives on the step's manager
        NDArray nll = Scalars.mul(z.square(), 0.5).add(logStd).mean();   // never z.square().mul(0.5) under autograd
        return LossResult.of(nll);
    }

    @Override
    public NDArray generate(int n, NDManager manager, Rng rng) {
        NDArray eps = rng.normal(manager, new Shape(n, 1));
        NDList p = network().forward(new ParameterStore(manager, false), new NDList(eps), false);
        return eps.mul(p.get(1).exp()).add(p.get(0));                    // mean + std * eps, on manager
    }

    @Override
    public DataContract dataContract() {
        return DataContract.real(exampleShape());
    }
}
