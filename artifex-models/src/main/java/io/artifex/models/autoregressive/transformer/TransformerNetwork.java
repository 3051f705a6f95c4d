package io.artifex.models.autoregressive.transformer;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.artifex.core.random.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoder-only Transformer (GPT-2 layout): token embedding (plus a learned position embedding,
 * or rotary positions inside attention), {@code numLayers} pre-norm blocks
 * {@code x + proj(attention(qkv(LN(x))))} then {@code x + fc2(GELU(fc1(LN(x))))}, a final LayerNorm
 * and an output projection without bias that is the token embedding when tied.
 *
 * <p>Parameters, in this order: {@code tokenEmbedding (V, D)}, {@code positionEmbedding (C, D)}
 * (learned positions only), per block {@code b<i>_norm1_gamma/beta (D)}, {@code b<i>_qkv_weight
 * (3D, D)} and {@code _bias (3D)} (output rows {@code [0, D)} are the queries, {@code [D, 2D)} the
 * keys, {@code [2D, 3D)} the values; head {@code h} owns rows {@code [h d, (h+1) d)} of each),
 * {@code b<i>_proj_weight (D, D)} and {@code _bias}, {@code b<i>_norm2_gamma/beta},
 * {@code b<i>_fc1_weight (M, D)} and {@code _bias (M)}, {@code b<i>_fc2_weight (D, M)} and
 * {@code _bias (D)}; {@code final_gamma/beta (D)}; {@code outputProjection (V, D)} when untied.
 * Weights start from N(0, 0.02), biases and LayerNorm shifts at 0, LayerNorm scales at 1. The GELU
 * is the exact (erf) one; LayerNorm's epsilon is 1e-5.
 *
 * <p>{@link #forward} runs without dropout; {@link TransformerLm} calls {@link #logits} with the
 * step's random stream for dropout in training.
 */
final class TransformerNetwork extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final float LAYER_NORM_EPS = 1e-5f;
    private static final float INIT_STD = 0.02f;

    /** The parameters of one block. */
    private record BlockParameters(Parameter norm1Gamma, Parameter norm1Beta, Parameter qkvWeight, Parameter qkvBias,
                                   Parameter projWeight, Parameter projBias, Parameter norm2Gamma, Parameter norm2Beta,
                                   Parameter fc1Weight, Parameter fc1Bias, Parameter fc2Weight, Parameter fc2Bias) {
    }

    private final int vocab;
    private final int context;
    private final int heads;
    private final int width;
    private final double dropout;
    private final boolean rotary;
    private final Integer padTokenId;
    private final Parameter tokenEmbedding;
    private final Parameter positionEmbedding;
    private final List<BlockParameters> blocks = new ArrayList<>();
    private final Parameter finalGamma;
    private final Parameter finalBeta;
    private final Parameter outputProjection;

    TransformerNetwork(TransformerConfig config) {
        super(VERSION);
        this.vocab = config.vocabSize();
        this.context = config.contextLength();
        this.heads = config.numHeads();
        this.width = config.width();
        this.dropout = config.dropout();
        this.rotary = config.positions() == PositionEncoding.ROTARY;
        this.padTokenId = config.padTokenId();
        int d = width;
        int m = config.mlpWidth();
        tokenEmbedding = weight("tokenEmbedding", new Shape(vocab, d));
        positionEmbedding = rotary ? null : weight("positionEmbedding", new Shape(context, d));
        for (int i = 0; i < config.numLayers(); i++) {
            String p = "b" + i + "_";
            blocks.add(new BlockParameters(
                    constant(p + "norm1_gamma", Parameter.Type.GAMMA, d, Initializer.ONES),
                    constant(p + "norm1_beta", Parameter.Type.BETA, d, Initializer.ZEROS),
                    weight(p + "qkv_weight", new Shape(3L * d, d)),
                    constant(p + "qkv_bias", Parameter.Type.BIAS, 3 * d, Initializer.ZEROS),
                    weight(p + "proj_weight", new Shape(d, d)),
                    constant(p + "proj_bias", Parameter.Type.BIAS, d, Initializer.ZEROS),
                    constant(p + "norm2_gamma", Parameter.Type.GAMMA, d, Initializer.ONES),
                    constant(p + "norm2_beta", Parameter.Type.BETA, d, Initializer.ZEROS),
                    weight(p + "fc1_weight", new Shape(m, d)),
                    constant(p + "fc1_bias", Parameter.Type.BIAS, m, Initializer.ZEROS),
                    weight(p + "fc2_weight", new Shape(d, m)),
                    constant(p + "fc2_bias", Parameter.Type.BIAS, d, Initializer.ZEROS)));
        }
        finalGamma = constant("final_gamma", Parameter.Type.GAMMA, d, Initializer.ONES);
        finalBeta = constant("final_beta", Parameter.Type.BETA, d, Initializer.ZEROS);
        outputProjection = config.tiedEmbeddings() ? null : weight("outputProjection", new Shape(vocab, d));
    }

    private Parameter weight(String name, Shape shape) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape)
                .optInitializer(new NormalInitializer(INIT_STD)).build());
    }

    private Parameter constant(String name, Parameter.Type type, int size, Initializer initializer) {
        return addParameter(Parameter.builder().setName(name).setType(type).optShape(new Shape(size))
                .optInitializer(initializer).build());
    }

    /** The number of blocks. */
    int numLayers() {
        return blocks.size();
    }

    /**
     * The logits {@code (N, T, V)} of the next token after each of {@code ids} {@code (N, T)} (int64),
     * whose first token sits at position {@code cache.length()} (0 without a cache). With a cache,
     * the chunk's keys and values are appended to it. Dropout is applied when {@code dropoutRng} is
     * given (training).
     */
    NDArray logits(ParameterStore store, NDArray ids, KeyValueCache cache, boolean training, Rng dropoutRng) {
        Shape s = ids.getShape();
        long n = s.get(0);
        int t = (int) s.get(1);
        int past = cache == null ? 0 : cache.length();
        if (past + t > context) {
            throw new IllegalArgumentException("the Transformer attends over at most " + context + " positions, got "
                    + (past + t) + " (" + past + " cached and " + t + " new)");
        }
        Device device = ids.getDevice();
        NDArray embedding = store.getValue(tokenEmbedding, device, training);
        NDArray x = Embedding.embedding(ids, embedding, SparseFormat.DENSE).singletonOrThrow();
        if (positionEmbedding != null) {
            NDArray positions = store.getValue(positionEmbedding, device, training);
            // the slice is made on the parameters' manager (it is an operation on the table):
            // move it to the step's, or every step and every generated token would leave one there
            NDArray slice = positions.get(new NDIndex("{}:{}", past, past + t));
            slice.attach(x.getManager());
            x = x.add(slice);
        }
        x = CausalAttention.dropout(x, dropout, dropoutRng);
        NDArray bias = CausalAttention.maskBias(ids, past, padTokenId);
        long d = width / heads;
        for (int layer = 0; layer < blocks.size(); layer++) {
            BlockParameters b = blocks.get(layer);
            NDArray h = layerNorm(x, store, b.norm1Gamma(), b.norm1Beta(), training);
            NDArray qkv = linear(h, store, b.qkvWeight(), b.qkvBias(), training)
                    .reshape(n, t, 3, heads, d).transpose(2, 0, 3, 1, 4);
            NDArray q = qkv.get(0);
            NDArray k = qkv.get(1);
            NDArray v = qkv.get(2);
            if (rotary) {
                q = CausalAttention.rotary(q, past);
                k = CausalAttention.rotary(k, past);
            }
            if (cache != null) {
                NDArray[] kv = cache.append(layer, k, v);
                k = kv[0];
                v = kv[1];
            }
            NDArray attended = CausalAttention.attend(q, k, v, bias, dropout, dropoutRng)
                    .transpose(0, 2, 1, 3).reshape(n, t, width);
            NDArray y = linear(attended, store, b.projWeight(), b.projBias(), training);
            x = x.add(CausalAttention.dropout(y, dropout, dropoutRng));
            NDArray h2 = layerNorm(x, store, b.norm2Gamma(), b.norm2Beta(), training);
            NDArray mlp = linear(Activation.gelu(linear(h2, store, b.fc1Weight(), b.fc1Bias(), training)), store,
                    b.fc2Weight(), b.fc2Bias(), training);
            x = x.add(CausalAttention.dropout(mlp, dropout, dropoutRng));
        }
        NDArray out = layerNorm(x, store, finalGamma, finalBeta, training);
        NDArray projection = outputProjection == null ? embedding : store.getValue(outputProjection, device, training);
        return Linear.linear(out, projection).singletonOrThrow();
    }

    private NDArray layerNorm(NDArray x, ParameterStore store, Parameter gamma, Parameter beta, boolean training) {
        Device device = x.getDevice();
        return LayerNorm.layerNorm(x, new Shape(width), store.getValue(gamma, device, training),
                store.getValue(beta, device, training), LAYER_NORM_EPS).singletonOrThrow();
    }

    private static NDArray linear(NDArray x, ParameterStore store, Parameter weight, Parameter bias, boolean training) {
        Device device = x.getDevice();
        return Linear.linear(x, store.getValue(weight, device, training), store.getValue(bias, device, training))
                .singletonOrThrow();
    }

    /** Logits {@code (N, T, V)} of int64 ids {@code (N, T)}, without dropout or cache. */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        NDArray longIds = ids.getDataType() == DataType.INT64 ? ids : ids.toType(DataType.INT64, false);
        return new NDList(logits(store, longIds, null, training, null));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), vocab)};
    }
}
