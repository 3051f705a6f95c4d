package io.artifex.models.flow;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.artifex.core.model.ParameterGroup;
import io.artifex.core.random.Rng;

/** Brute-force checks shared by the flow tests. */
final class FlowTestSupport {

    private FlowTestSupport() {
    }

    /**
     * One intra-op thread for these small tensors: on a shared 2-core machine PyTorch's OpenMP
     * workers spin against other processes and a tiny training step took 10x longer with 2 threads.
     */
    static void useOneEngineThread() {
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
        }
    }

    /** Overwrites every learned parameter with N(0, scale^2) draws, so no layer is the identity. */
    static void randomizeParameters(Block block, Rng rng, float scale) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter parameter = p.getValue();
            if (ParameterGroup.isLearned(parameter)) {
                NDArray array = parameter.getArray();
                try (NDManager scope = array.getManager().newSubManager()) {
                    array.set(new ai.djl.ndarray.index.NDIndex("..."), rng.normal(scope, array.getShape()).mul(scale));
                }
            }
        }
    }

    /** The largest absolute difference between two arrays of equal size. */
    static double maxAbsDiff(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        if (x.length != y.length) {
            throw new AssertionError("sizes differ: " + x.length + " vs " + y.length);
        }
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }

    /**
     * The full Jacobian {@code dy/dx} (D x D, row i = gradient of output i) of {@code layer} at
     * the single example {@code x} (shape {@code (1, ...)}), by autograd: D copies of x in one
     * batch, output i of copy i summed, one backward pass.
     */
    static double[] jacobian(FlowLayer layer, NDArray x, NDManager manager) {
        int d = (int) x.getShape().size();
        Shape batchShape = new Shape(d).addAll(x.getShape().slice(1));
        NDArray copies = x.broadcast(batchShape).duplicate();
        copies.setRequiresGradient(true);
        ParameterStore store = new ParameterStore(manager, false);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = layer.transform(store, copies, false).y().reshape(d, d);
            NDArray picked = y.mul(manager.eye(d)).sum();
            collector.backward(picked);
        }
        float[] g = copies.getGradient().toFloatArray();
        double[] jac = new double[d * d];
        for (int i = 0; i < jac.length; i++) {
            jac[i] = g[i];
        }
        return jac;
    }

    /** {@code log |det dy/dx|} at {@code x} (shape {@code (1, ...)}), computed from the autograd Jacobian on the host. */
    static double bruteForceLogDet(FlowLayer layer, NDArray x, NDManager manager) {
        int d = (int) x.getShape().size();
        return HostLinearAlgebra.logAbsDet(jacobian(layer, x, manager), d);
    }

    /** The log-determinant the layer reports for the single example {@code x}. */
    static double reportedLogDet(FlowLayer layer, NDArray x, NDManager manager) {
        return layer.transform(new ParameterStore(manager, false), x, false).logDet().getFloat(0);
    }
}
