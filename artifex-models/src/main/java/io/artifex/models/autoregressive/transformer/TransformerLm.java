package io.artifex.models.autoregressive.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.model.AbstractGenerativeModel;
import io.artifex.core.model.Batch;
import io.artifex.core.model.DataContract;
import io.artifex.core.model.DecodingOptions;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.StepContext;
import io.artifex.core.model.TemperatureSampling;
import io.artifex.core.model.TextGeneration;
import io.artifex.core.model.TokenLikelihood;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A decoder-only Transformer language model (see {@link TransformerNetwork} for the layers).
 *
 * <p><b>Data space.</b> Windows of token ids {@code (N, T)} (int32 as text batches carry them, or
 * any integer-valued type) with {@code 2 <= T <= contextLength + 1}: the network reads the first
 * {@code T - 1} tokens and predicts each following one, so a window of {@code T} tokens scores
 * {@code T - 1} of them (all but the first). Targets equal to {@code padTokenId} are not scored, and
 * pad tokens are not attended to by other tokens.
 *
 * <p><b>Loss.</b> Next-token cross-entropy in nats per scored token, averaged over the batch's
 * scored tokens; terms {@code bitsPerToken} and {@code perplexity}. {@link #logProb} is the exact
 * {@code sum_t log p(x_t | x_<t)} of each window over its scored tokens; {@link #bitsPerDim} is
 * bits per scored token; {@link TokenLikelihood} adds perplexity and bits per byte.
 *
 * <p><b>Sampling.</b> {@link #generate(int[], int, int, DecodingOptions, NDManager, Rng)} continues
 * a prompt with temperature, top-k and top-p by Gumbel-max: one network pass over the prompt, then
 * one single-token step per new token, reading earlier keys and values from a cache. Unprompted
 * samples ({@link #generate(int, NDManager, Rng)}) start from {@code endOfTextTokenId} and hold
 * {@code contextLength} tokens. The pad id is never drawn.
 *
 * <pre>{@code
 * TransformerConfig config = TransformerConfig.builder().name("lm").vocabSize(4096).contextLength(256)
 *         .numLayers(4).numHeads(4).width(256).build();
 * try (TransformerLm lm = (TransformerLm) Models.create(config, 0)) {
 *     NDArray ids = lm.generate(new int[] {0, 17, 42}, 2, 50, DecodingOptions.sampling().withTopP(0.9),
 *             manager, new Rng(1));   // (2, 53) int32
 * }
 * }</pre>
 *
 * <p>Thread-safety: sampling ({@code generate}, {@code sample} and the capability methods) may run on several threads at once, each call with its own {@code Rng} and its own sub-manager, and gives the samples of the same seed drawn alone; training, loading weights and {@code close} must not overlap any other call.
 */
public final class TransformerLm extends AbstractGenerativeModel<TransformerConfig>
        implements TokenLikelihood, TemperatureSampling, TextGeneration {

    private static final double LN2 = Math.log(2);

    private final TransformerNetwork network;
    private final int vocab;
    private final int context;
    private final Integer pad;

    TransformerLm(TransformerConfig config, NDManager manager, TransformerNetwork network) {
        super(config, network, manager, new Shape(config.contextLength()));
        this.network = network;
        this.vocab = config.vocabSize();
        this.context = config.contextLength();
        this.pad = config.padTokenId();
    }

    /** {@code vocabSize}: ids {@code 0 .. vocabSize - 1}. */
    @Override
    public int vocabularySize() {
        return vocab;
    }

    /** {@code contextLength + 1}: the network's last position predicts one token past the context. */
    @Override
    public int maxSequenceLength() {
        return context + 1;
    }

    /** Integer ids in {@code [0, vocabSize)}, windows {@code (N, T)} of 2 to {@code contextLength + 1} tokens. */
    @Override
    public DataContract dataContract() {
        return DataContract.tokens(vocab, context + 1);
    }

    /** Logits {@code (N, T - 1, V)} of the next token after each of the window's first {@code T - 1} ids ("logits"); dropout in training. */
    @Override
    public ModelOutputs forward(Batch batch, StepContext context) {
        NDArray ids = checkedIds(batch.x());
        long t = ids.getShape().get(1);
        NDArray inputs = ids.get(new NDIndex(":, 0:{}", t - 1));
        NDArray logits = network.logits(context.parameterStore(), inputs, null, context.training(),
                context.training() ? context.rng() : null);
        Map<String, NDArray> out = new LinkedHashMap<>();
        out.put("logits", logits);
        return ModelOutputs.of(out);
    }

    /** Mean next-token cross-entropy in nats over the batch's scored tokens; terms {@code bitsPerToken}, {@code perplexity}. */
    @Override
    public LossResult loss(Batch batch, ModelOutputs outputs, StepContext context) {
        NDArray ids = checkedIds(batch.x());
        NDArray targets = targets(ids);
        NDArray logp = tokenLogProbs(outputs.get("logits"), targets);
        long scored;
        NDArray total;
        if (pad == null) {
            scored = targets.size();
            total = logp.sum();
        } else {
            NDArray valid = targets.neq(pad.longValue()).toType(DataType.FLOAT32, false);
            scored = valid.sum().toType(DataType.INT64, false).getLong();
            total = logp.mul(valid).sum();
        }
        if (scored == 0) {
            throw new IllegalArgumentException("Transformer '" + config().name() + "': every target of the batch "
                    + "is the pad token " + pad + "; nothing to score");
        }
        NDArray mean = Scalars.div(total.neg(), scored);
        Map<String, NDArray> terms = new LinkedHashMap<>();
        terms.put("bitsPerToken", Scalars.div(mean, LN2));
        terms.put("perplexity", mean.exp());
        return new LossResult(mean, terms);
    }

    /**
     * Exact {@code sum_t log p(x_t | x_<t)} in nats of each window over its scored tokens (all but
     * the first, pads excluded), shape {@code (N)}, on {@code target}. {@code rng} is not used.
     */
    @Override
    public NDArray logProb(Batch batch, NDManager target, Rng rng) {
        try (NDManager scope = target.newSubManager()) {
            NDArray ids = checkedIds(local(batch.x(), scope));
            NDArray targets = targets(ids);
            long t = ids.getShape().get(1);
            NDArray logits = network.logits(new ParameterStore(scope, false), ids.get(new NDIndex(":, 0:{}", t - 1)),
                    null, false, null);
            NDArray logp = tokenLogProbs(logits, targets);
            if (pad != null) {
                logp = logp.mul(targets.neq(pad.longValue()).toType(DataType.FLOAT32, false));
            }
            NDArray result = logp.sum(new int[] {1});
            result.attach(target);
            return result;
        }
    }

    /** True: the likelihood of token windows is exact. */
    @Override
    public boolean isExact() {
        return true;
    }

    /** Bits per scored token of each window, {@code -logProb / (scored ln 2)}, shape {@code (N)} (0 for a window with none). */
    @Override
    public NDArray bitsPerDim(Batch batch, NDManager target, Rng rng) {
        try (NDManager scope = target.newSubManager()) {
            NDArray logProb = logProb(batch, scope, rng);
            NDArray tokens = scoredTokens(batch, scope).toType(DataType.FLOAT32, false);
            NDArray bits = Scalars.div(logProb.neg().div(Scalars.maximum(tokens, 1)), LN2);
            bits.attach(target);
            return bits;
        }
    }

    /** The scored tokens of each window, {@code (N)} int64: {@code T - 1} minus the pad targets. */
    @Override
    public NDArray scoredTokens(Batch batch, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray targets = targets(checkedIds(local(batch.x(), scope)));
            long[] all = new long[(int) targets.getShape().get(0)];
            Arrays.fill(all, targets.getShape().get(1));
            NDArray counts = pad == null ? scope.create(all)
                    : targets.neq(pad.longValue()).toType(DataType.INT64, false).sum(new int[] {1});
            counts.attach(manager);
            return counts;
        }
    }

    /** The logits {@code (N, T, V)} of the next token after each position of {@code ids} {@code (N, T)}, {@code T <= contextLength}, on {@code target}. */
    public NDArray logits(NDArray ids, NDManager target) {
        try (NDManager scope = target.newSubManager()) {
            NDArray local = local(ids, scope);
            if (local.getShape().dimension() != 2 || local.getShape().get(1) > context) {
                throw new IllegalArgumentException("Transformer '" + config().name() + "' reads ids (N, T) with T <= "
                        + context + ", got " + ids.getShape());
            }
            NDArray logits = network.logits(new ParameterStore(scope, false), checkIds(local, 1), null, false, null);
            logits.attach(target);
            return logits;
        }
    }

    /** {@code n} sequences of {@code contextLength} tokens, the first {@code endOfTextTokenId}, drawn at temperature 1; int32. */
    @Override
    public NDArray generate(int n, NDManager target, Rng rng) {
        return generate(n, 1.0, target, rng);
    }

    /** As {@link #generate(int, NDManager, Rng)}, the logits divided by {@code temperature} (positive). */
    @Override
    public NDArray generate(int n, double temperature, NDManager target, Rng rng) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
        return generate(new int[] {config().endOfTextTokenId()}, n, context - 1,
                DecodingOptions.sampling().withTemperature(temperature), target, rng);
    }

    /** Continues {@code prompt} with the key/value cache: one pass over the prompt, then one step per new token. */
    @Override
    public NDArray generate(int[] prompt, int n, int maxNewTokens, DecodingOptions options, NDManager target, Rng rng) {
        return generate(prompt, n, maxNewTokens, options, true, target, rng);
    }

    /**
     * As {@link #generate(int[], int, int, DecodingOptions, NDManager, Rng)}; with {@code useCache}
     * false every new token runs the network over the whole sequence so far instead of one cached
     * step (the same tokens for the same seed, up to float rounding; for measuring what the cache saves).
     */
    public NDArray generate(int[] prompt, int n, int maxNewTokens, DecodingOptions options, boolean useCache,
                            NDManager target, Rng rng) {
        return new TokenDecoder(this, network).run(prompt, n, maxNewTokens, options, useCache, target, rng, null);
    }

    /** The pad id, or null without padding. */
    Integer padTokenId() {
        return pad;
    }

    /** The targets {@code x[:, 1:]} of windows {@code (N, T)}. */
    private static NDArray targets(NDArray ids) {
        return ids.get(new NDIndex(":, 1:"));
    }

    /** {@code log softmax(logits)[target]} per position, {@code (N, T - 1)}. */
    private static NDArray tokenLogProbs(NDArray logits, NDArray targets) {
        return logits.logSoftmax(-1).gather(targets.expandDims(-1), -1).squeeze(-1);
    }

    private static NDArray local(NDArray x, NDManager scope) {
        NDArray copy = x.duplicate();
        copy.attach(scope);
        return copy;
    }

    /** The windows as int64 {@code (N, T)}, checked: 2 to contextLength + 1 tokens, integer ids of the vocabulary. */
    NDArray checkedIds(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 2 || s.get(0) < 1 || s.get(1) < 2 || s.get(1) > context + 1) {
            throw new IllegalArgumentException("Transformer '" + config().name() + "' expects token windows (N, T) with"
                    + " 2 <= T <= " + (context + 1) + " (contextLength + 1), got " + s);
        }
        return checkIds(x, 2);
    }

    private NDArray checkIds(NDArray x, int minLength) {
        NDArray ids = x.getDataType() == DataType.INT64 ? x : x.toType(DataType.INT64, false);
        if (x.getDataType().isFloating()) {
            NDArray fractional = x.neq(x.floor()).any();
            if (fractional.getBoolean()) {
                throw new IllegalArgumentException("Transformer '" + config().name() + "' expects integer token ids, got"
                        + " fractional values (" + x.getDataType() + ")");
            }
        }
        if (ids.lt(0L).logicalOr(ids.gte((long) vocab)).any().getBoolean()) {
            throw new IllegalArgumentException("Transformer '" + config().name() + "' expects token ids in [0, " + vocab
                    + ") (vocabSize), got ids in [" + ids.min().getLong() + ", " + ids.max().getLong() + "]");
        }
        if (ids.getShape().get(1) < minLength) {
            throw new IllegalArgumentException("Transformer '" + config().name() + "' needs at least " + minLength
                    + " tokens per window, got " + ids.getShape());
        }
        return ids;
    }

    /** A copy of {@code prompt}, checked: not empty, ids of the vocabulary, no pad id. */
    int[] checkedPrompt(int[] prompt) {
        if (prompt == null || prompt.length == 0) {
            throw new IllegalArgumentException("prompt must hold at least one token id (e.g. the end-of-text id "
                    + config().endOfTextTokenId() + " to start a new document)");
        }
        for (int i = 0; i < prompt.length; i++) {
            if (prompt[i] < 0 || prompt[i] >= vocab) {
                throw new IllegalArgumentException("prompt[" + i + "] = " + prompt[i] + " is not a token id in [0, "
                        + vocab + ")");
            }
            if (pad != null && prompt[i] == pad) {
                throw new IllegalArgumentException("prompt[" + i + "] is the pad id " + pad
                        + "; a prompt holds text tokens only");
            }
        }
        return Arrays.copyOf(prompt, prompt.length);
    }
}
