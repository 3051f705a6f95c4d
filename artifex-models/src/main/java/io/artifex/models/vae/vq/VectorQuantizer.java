package io.artifex.models.vae.vq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import io.artifex.core.random.Rng;
import java.util.Arrays;

/**
 * Vector quantisation with a codebook of {@code K} vectors of dimension {@code D}: every
 * D-vector of the encoder output is replaced by its nearest code (squared Euclidean distance,
 * computed exactly as the sum of squared differences, ties to the lowest index).
 *
 * <p>Besides the codebook (a learned weight) the block keeps, as non-learned running
 * statistics that travel with checkpoints: the moving-average cluster size {@code N_k} of each
 * code, the moving-average sum {@code m_k} of the vectors assigned to it, and a flag saying
 * whether the k-means initialisation has run. With decay {@code g}, batch counts {@code n_k}
 * and batch sums {@code s_k}, an update is
 * <pre>
 *   N_k = g N_k + (1 - g) n_k        m_k = g m_k + (1 - g) s_k
 *   n = sum_k N_k                    N'_k = (N_k + eps) / (n + K eps) * n     (Laplace smoothing)
 *   e_k = m_k / N'_k                 (only when the codebook is learned by moving averages)
 * </pre>
 * Both statistics start at {@code N_k = 1, m_k = e_k}; a restarted or k-means-initialised code
 * gets the same fresh pair ({@code N_k = 1, m_k = e_k}), so no stale statistics pull it back.
 *
 * <p>Thread-safety: inference forward passes may run on several threads at once, each with its own
 * manager and {@code ParameterStore}, as in a model's concurrent sampling; initialization, loading
 * parameters and training forward passes must not overlap any other call.
 */
public final class VectorQuantizer extends AbstractBlock {

    private static final NDIndex ALL = new NDIndex("...");

    private final int numCodes;
    private final int dim;
    private final Parameter codebook;
    private final Parameter clusterSize;
    private final Parameter embedSum;
    private final Parameter initialised;

    /**
     * @param numCodes K, the number of codes
     * @param dim D, the dimension of each code
     */
    public VectorQuantizer(int numCodes, int dim) {
        if (numCodes < 2 || dim < 1) {
            throw new IllegalArgumentException("a codebook needs at least 2 codes of dimension >= 1, got " + numCodes
                    + " x " + dim);
        }
        this.numCodes = numCodes;
        this.dim = dim;
        codebook = addParameter(Parameter.builder().setName("codebook").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(numCodes, dim)).optInitializer(new UniformInitializer(1f / numCodes)).build());
        clusterSize = addParameter(Parameter.builder().setName("clusterSize").setType(Parameter.Type.RUNNING_MEAN)
                .optShape(new Shape(numCodes)).optInitializer(new ConstantInitializer(1f)).optRequiresGrad(false)
                .build());
        embedSum = addParameter(Parameter.builder().setName("embedSum").setType(Parameter.Type.RUNNING_MEAN)
                .optShape(new Shape(numCodes, dim)).optInitializer(new ConstantInitializer(0f)).optRequiresGrad(false)
                .build());
        initialised = addParameter(Parameter.builder().setName("initialised").setType(Parameter.Type.RUNNING_MEAN)
                .optShape(new Shape(1)).optInitializer(new ConstantInitializer(0f)).optRequiresGrad(false).build());
    }

    /** K, the number of codes. */
    public int numCodes() {
        return numCodes;
    }

    /** D, the dimension of each code. */
    public int dim() {
        return dim;
    }

    /** The codebook {@code (K, D)} as the parameter store hands it out (recorded when training). */
    public NDArray codebook(ParameterStore store, NDManager manager, boolean training) {
        return store.getValue(codebook, manager.getDevice(), training);
    }

    /** The codebook parameter's own array (the model's weights; write only outside gradient recording). */
    public NDArray codebookArray() {
        return codebook.getArray();
    }

    /** The moving-average cluster sizes {@code N_k}, as a copy. */
    public float[] clusterSizes() {
        return clusterSize.getArray().toFloatArray();
    }

    /** The moving-average sums {@code m_k}, {@code K * D} values row by row, as a copy. */
    public float[] embeddingSums() {
        return embedSum.getArray().toFloatArray();
    }

    /** Whether the k-means initialisation has run (kept in checkpoints, so a resumed run does not rerun it). */
    public boolean isInitialised() {
        return initialised.getArray().getFloat(0) > 0.5f;
    }

    /** Sets {@code m_k = e_k} for every code: the statistics a fresh codebook starts with (N_k = 1). */
    void syncStatisticsToCodebook() {
        embedSum.getArray().set(ALL, codebook.getArray());
        float[] ones = new float[numCodes];
        Arrays.fill(ones, 1f);
        write(clusterSize.getArray(), ones);
    }

    /**
     * The index of the nearest code of each row of {@code flat (M, D)}, shape {@code (M)}, int64:
     * argmin over k of {@code sum_d (x_d - e_kd)^2}, every distance computed from the
     * differences (not the expanded {@code |x|^2 - 2 x.e + |e|^2}, which loses digits).
     */
    public static NDArray nearest(NDArray flat, NDArray codebook) {
        if (flat.getShape().dimension() != 2 || codebook.getShape().dimension() != 2
                || flat.getShape().get(1) != codebook.getShape().get(1)) {
            throw new IllegalArgumentException("nearest code: inputs (M, D) and codebook (K, D) must agree on D, got "
                    + flat.getShape() + " and " + codebook.getShape());
        }
        NDArray distances = flat.expandDims(1).sub(codebook.expandDims(0)).square().sum(new int[] {2});
        return distances.argMin(1).toType(DataType.INT64, false);
    }

    /**
     * Quantises encoder outputs {@code ze (N, D, H, W)}: nearest codes, the straight-through
     * output {@code ze + sg[zq - ze]} (its value is {@code zq}; its gradient goes to {@code ze}
     * unchanged), and the two losses as means over every element:
     * codebook {@code mean((sg[ze] - zq)^2)} and commitment {@code mean((ze - sg[zq])^2)}
     * (unweighted; the model multiplies it by beta).
     */
    public Quantized quantize(NDArray ze, ParameterStore store, boolean training) {
        Shape s = ze.getShape();
        if (s.dimension() != 4 || s.get(1) != dim) {
            throw new IllegalArgumentException("vector quantiser expects (N, " + dim + ", H, W), got " + s);
        }
        NDArray book = codebook(store, ze.getManager(), training);
        NDArray flat = ze.transpose(0, 2, 3, 1).reshape(-1, dim);
        NDArray detached = flat.stopGradient();
        NDArray indices = nearest(detached, book);
        NDArray oneHot = indices.oneHot(numCodes);
        NDArray zqFlat = oneHot.matMul(book);
        NDArray zq = zqFlat.reshape(s.get(0), s.get(2), s.get(3), dim).transpose(0, 3, 1, 2);
        NDArray straightThrough = ze.add(zq.sub(ze).stopGradient());
        NDArray codebookLoss = ze.stopGradient().sub(zq).square().mean();
        NDArray commitmentLoss = ze.sub(zq.stopGradient()).square().mean();
        return new Quantized(straightThrough, zq, indices.reshape(s.get(0), s.get(2), s.get(3)), codebookLoss,
                commitmentLoss, detached, oneHot);
    }

    /**
     * One moving-average update from a batch (see the class description): cluster sizes always
     * (they measure usage for dead-code restarts), sums and codebook only when
     * {@code updateCodebook}. Call outside gradient recording, after the optimizer step.
     *
     * @param flat the batch's encoder outputs {@code (M, D)}, detached
     * @param oneHot their assignments {@code (M, K)}
     */
    public void emaUpdate(NDArray flat, NDArray oneHot, double decay, double epsilon, boolean updateCodebook) {
        float[] counts = oneHot.sum(new int[] {0}).toFloatArray();
        float[] n = clusterSizes();
        for (int k = 0; k < numCodes; k++) {
            n[k] = (float) (decay * n[k] + (1 - decay) * counts[k]);
        }
        write(clusterSize.getArray(), n);
        if (!updateCodebook) {
            return;
        }
        float[] sums = oneHot.transpose().matMul(flat).toFloatArray();
        float[] m = embeddingSums();
        double total = 0;
        for (float v : n) {
            total += v;
        }
        float[] book = new float[numCodes * dim];
        for (int k = 0; k < numCodes; k++) {
            double smoothed = (n[k] + epsilon) / (total + numCodes * epsilon) * total;
            for (int d = 0; d < dim; d++) {
                int i = k * dim + d;
                m[i] = (float) (decay * m[i] + (1 - decay) * sums[i]);
                book[i] = (float) (m[i] / smoothed);
            }
        }
        write(embedSum.getArray(), m);
        write(codebook.getArray(), book);
    }

    /**
     * Restarts every code whose cluster size is below {@code threshold}: its vector becomes a
     * random row of {@code flat (M, D)} (drawn with {@code rng}), and its statistics are reset
     * with it ({@code N_k = 1, m_k = e_k}). Returns the restarted codes' indices.
     */
    public int[] restartDeadCodes(NDArray flat, double threshold, Rng rng) {
        float[] n = clusterSizes();
        int[] dead = new int[numCodes];
        int count = 0;
        for (int k = 0; k < numCodes; k++) {
            if (n[k] < threshold) {
                dead[count++] = k;
            }
        }
        if (count == 0) {
            return new int[0];
        }
        int rows = (int) flat.getShape().get(0);
        float[] x = flat.toFloatArray();
        float[] book = codebook.getArray().toFloatArray();
        float[] m = embeddingSums();
        for (int i = 0; i < count; i++) {
            int k = dead[i];
            int row = rng.nextInt(rows);
            System.arraycopy(x, row * dim, book, k * dim, dim);
            System.arraycopy(x, row * dim, m, k * dim, dim);
            n[k] = 1f;
        }
        write(codebook.getArray(), book);
        write(embedSum.getArray(), m);
        write(clusterSize.getArray(), n);
        return Arrays.copyOf(dead, count);
    }

    /**
     * Initialises the codebook by k-means (Lloyd's algorithm, {@code iterations} rounds) on the
     * rows of {@code flat (M, D)}, starting from K distinct random rows (a code whose cluster
     * empties keeps its centre); resets the statistics to {@code N_k = 1, m_k = e_k} and marks
     * the quantiser initialised. Needs at least K rows.
     */
    public void kmeansInit(NDArray flat, int iterations, Rng rng) {
        int rows = (int) flat.getShape().get(0);
        if (rows < numCodes) {
            throw new IllegalArgumentException("k-means initialisation needs at least numEmbeddings = " + numCodes
                    + " encoder outputs in the first batch, got " + rows + "; use a larger batch");
        }
        float[] x = flat.toFloatArray();
        float[] centres = new float[numCodes * dim];
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int k = 0; k < numCodes; k++) {
            int j = k + rng.nextInt(rows - k);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
            System.arraycopy(x, order[k] * dim, centres, k * dim, dim);
        }
        int[] assign = new int[rows];
        for (int it = 0; it < iterations; it++) {
            for (int i = 0; i < rows; i++) {
                assign[i] = nearestRow(x, i, centres);
            }
            double[] sum = new double[numCodes * dim];
            int[] count = new int[numCodes];
            for (int i = 0; i < rows; i++) {
                count[assign[i]]++;
                for (int d = 0; d < dim; d++) {
                    sum[assign[i] * dim + d] += x[i * dim + d];
                }
            }
            for (int k = 0; k < numCodes; k++) {
                if (count[k] > 0) {
                    for (int d = 0; d < dim; d++) {
                        centres[k * dim + d] = (float) (sum[k * dim + d] / count[k]);
                    }
                }
            }
        }
        write(codebook.getArray(), centres);
        syncStatisticsToCodebook();
        write(initialised.getArray(), new float[] {1f});
    }

    private int nearestRow(float[] x, int row, float[] centres) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int k = 0; k < numCodes; k++) {
            double distance = 0;
            for (int d = 0; d < dim; d++) {
                double diff = x[row * dim + d] - centres[k * dim + d];
                distance += diff * diff;
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = k;
            }
        }
        return best;
    }

    /** Copies host values into a parameter array in place (its own storage, no graph). */
    private static void write(NDArray target, float[] values) {
        try (NDManager scratch = target.getManager().newSubManager()) {
            target.set(ALL, scratch.create(values, target.getShape()));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(quantize(inputs.singletonOrThrow(), parameterStore, training).straightThrough());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /**
     * What {@link #quantize} returns.
     *
     * @param straightThrough {@code ze + sg[zq - ze]}, {@code (N, D, H, W)}: feed this to the decoder
     * @param quantized the nearest codes {@code zq}, {@code (N, D, H, W)}
     * @param indices the code indices {@code (N, H, W)}, int64
     * @param codebookLoss {@code mean((sg[ze] - zq)^2)}, a scalar
     * @param commitmentLoss {@code mean((ze - sg[zq])^2)}, a scalar, not yet weighted by beta
     * @param flatInputs the encoder outputs {@code (N*H*W, D)}, detached
     * @param oneHot the assignments {@code (N*H*W, K)}
     */
    public record Quantized(NDArray straightThrough, NDArray quantized, NDArray indices, NDArray codebookLoss,
                            NDArray commitmentLoss, NDArray flatInputs, NDArray oneHot) {
    }
}
