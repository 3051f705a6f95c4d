package io.artifex.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Clipping of a parameter group's gradients by their global L2 norm.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class GradientClipping {

    private GradientClipping() {
    }

    /**
     * Scales every gradient of {@code parameters} in place by {@code maxNorm / norm} when the
     * global norm (over all of them together) exceeds {@code maxNorm}. Returns the norm
     * before clipping. Call outside gradient recording.
     */
    public static double clipByGlobalNorm(List<Parameter> parameters, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
        }
        List<NDArray> grads = new ArrayList<>();
        List<NDArray> partials = new ArrayList<>();
        try {
            for (Parameter p : parameters) {
                NDArray w = p.getArray();
                if (w.hasGradient()) {
                    NDArray g = w.getGradient();
                    grads.add(g);
                    try (NDArray sq = g.square()) {
                        partials.add(sq.sum());
                    }
                }
            }
            if (grads.isEmpty()) {
                return 0;
            }
            // one host synchronisation for the whole group instead of one per tensor
            double sumSquares;
            try (NDArray stacked = NDArrays.stack(new NDList(partials)); NDArray total = stacked.sum()) {
                sumSquares = total.getFloat();
            }
            double norm = Math.sqrt(sumSquares);
            if (norm > maxNorm) {
                float scale = (float) (maxNorm / (norm + 1e-6));
                grads.forEach(g -> g.muli(scale));
            }
            return norm;
        } finally {
            grads.forEach(NDArray::close);
            partials.forEach(NDArray::close);
        }
    }
}
