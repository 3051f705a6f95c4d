package io.artifex.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The sinusoidal timestep embedding of DDPM (as in the transformer's positional encoding), with
 * no parameters. For timesteps {@code t} of shape {@code (N)} (or {@code (N, 1)}; any numeric
 * type) and {@code half = dim / 2} it returns {@code (N, dim)}:
 *
 * <pre>
 *   freq_i = exp(-ln(10000) * i / (half - 1)),  i = 0 .. half-1
 *   emb    = [sin(t * freq_0) .. sin(t * freq_{half-1}), cos(t * freq_0) .. cos(t * freq_{half-1})]
 * </pre>
 *
 * <p>The divisor is {@code half - 1} (so the lowest frequency is exactly 1/10000), as in the
 * reference DDPM implementations (lucidrains' {@code SinusoidalPosEmb}); sines come first.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class SinusoidalTimeEmbedding extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dim;
    private final float[] frequencies;

    /**
     * Creates the embedding.
     *
     * @param dim embedding size, even and at least 4
     */
    public SinusoidalTimeEmbedding(int dim) {
        super(VERSION);
        if (dim < 4 || dim % 2 != 0) {
            throw new IllegalArgumentException(
                    "SinusoidalTimeEmbedding dim must be even and >= 4, got " + dim);
        }
        this.dim = dim;
        int half = dim / 2;
        frequencies = new float[half];
        double step = Math.log(10000.0) / (half - 1);
        for (int i = 0; i < half; i++) {
            frequencies[i] = (float) Math.exp(-step * i);
        }
    }

    /** The frequencies {@code freq_i}, a copy. */
    public float[] frequencies() {
        return frequencies.clone();
    }

    /** The embedding size. */
    public int getDim() {
        return dim;
    }

    /**
     * Embeds timesteps.
     *
     * @param t timesteps, shape (N) or (N, 1)
     * @return (N, dim) float32
     */
    public NDArray embed(NDArray t) {
        Shape s = t.getShape();
        if (!(s.dimension() == 1 || (s.dimension() == 2 && s.get(1) == 1))) {
            throw new IllegalArgumentException(
                    "SinusoidalTimeEmbedding input must have shape (N) or (N, 1), got " + s);
        }
        NDArray freqs = t.getManager().create(frequencies, new Shape(1, frequencies.length));
        NDArray args = t.toType(DataType.FLOAT32, false).reshape(s.get(0), 1).mul(freqs);
        return NDArrays.concat(new NDList(args.sin(), args.cos()), 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(embed(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }
}
