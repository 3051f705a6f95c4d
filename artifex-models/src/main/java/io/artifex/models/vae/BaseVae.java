package io.artifex.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.model.AbstractGenerativeModel;
import io.artifex.core.model.Batch;
import io.artifex.core.model.DataContract;
import io.artifex.core.model.ImportanceWeightedLikelihood;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.StepContext;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the unconditional {@link Vae} and the {@link ConditionalVae} share: a variational
 * autoencoder (Kingma and Welling, 2013) with a dense or convolutional encoder
 * and decoder, a Bernoulli or Gaussian likelihood, a KL weight (beta-VAE) with optional linear
 * warm-up, and an importance-weighted bound for evaluation.
 *
 * <p>Data: images {@code (N, C, H, W)} (or flat {@code (N, C*H*W)}), in [0, 1] for the
 * Bernoulli likelihood. Loss per example: {@code -log p(x|z) + beta * KL(q(z|x) || N(0, I))},
 * averaged over the batch; the reported {@code negElbo} uses beta = 1.
 *
 * <p>Thread-safety: as for every model (docs/testing.md, "Concurrent sampling"): sampling and
 * likelihood calls may run on several threads at once, each with its own {@code Rng} and
 * sub-manager; training, loading weights and {@code close} must not overlap any other call.
 */
public abstract class BaseVae extends AbstractGenerativeModel<VaeConfig> implements ImportanceWeightedLikelihood {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final VaeNetwork network;
    private final int latentDim;

    BaseVae(VaeConfig config, NDManager manager, VaeNetwork network, Shape imageShape) {
        super(config, network, manager, imageShape);
        this.network = network;
        this.latentDim = config.encoder().latentDim();
    }

    /** The size of the latent code. */
    public int latentDim() {
        return latentDim;
    }

    /** Latent codes drawn from the prior N(0, I), shape {@code (n, latentDim)}. */
    public NDArray samplePrior(int n, NDManager target, Rng rng) {
        if (n < 1) {
            throw new IllegalArgumentException("number of latent codes must be >= 1, got " + n);
        }
        return rng.normal(target, new Shape(n, latentDim));
    }

    /**
     * Bernoulli likelihood: values in [0, 1] ({@code binarize}, or {@code scale01}); Gaussian
     * likelihood: any real values. Examples of the image shape {@code (C, H, W)} (or flat).
     */
    @Override
    public DataContract dataContract() {
        return config().likelihood() == VaeLikelihood.BERNOULLI
                ? DataContract.bounded(0, 1, exampleShape(), Preprocessing.BINARIZE, Preprocessing.SCALE01)
                : DataContract.real(exampleShape());
    }

    @Override
    public ModelOutputs forward(Batch batch, StepContext context) {
        NDArray x = checkedImages(batch.x());
        NDArray condition = conditioning(batch);
        NDList stats = encoderOutput(x, condition, context.parameterStore(), context.training());
        NDArray mean = stats.get(0);
        NDArray logVar = stats.get(1);
        NDArray eps = context.rng().normal(context.manager(), mean.getShape());
        NDArray z = mean.add(Scalars.mul(logVar, 0.5f).exp().mul(eps));
        NDArray logits = decoderOutput(z, condition, context.parameterStore(), context.training());
        Map<String, NDArray> out = new LinkedHashMap<>();
        out.put("mean", mean);
        out.put("logVar", logVar);
        out.put("z", z);
        out.put("logits", logits);
        return ModelOutputs.of(out);
    }

    @Override
    public LossResult loss(Batch batch, ModelOutputs outputs, StepContext context) {
        NDArray x = checkedImages(batch.x());
        NDArray reconstruction = negativeLogLikelihood(x, outputs.get("logits"));
        NDArray kl = klToPrior(outputs.get("mean"), outputs.get("logVar"));
        float beta = klWeightAt(context.step());
        NDArray total = reconstruction.add(Scalars.mul(kl, beta)).mean();
        Map<String, NDArray> terms = new LinkedHashMap<>();
        terms.put("reconstruction", reconstruction.mean());
        terms.put("kl", kl.mean());
        terms.put("negElbo", reconstruction.add(kl).mean());
        return new LossResult(total, terms);
    }

    /** The KL weight at a training step: {@code klWeight}, ramped linearly over the warm-up steps. */
    public float klWeightAt(long step) {
        double weight = config().klWeight();
        int warmup = config().klWarmupSteps();
        if (warmup > 0) {
            weight *= Math.min(1.0, (step + 1) / (double) warmup);
        }
        return (float) weight;
    }

    /** Per-example {@code -log p(x|z)} in nats, summed over pixels, shape {@code (N)}. */
    NDArray negativeLogLikelihood(NDArray x, NDArray decoderOut) {
        int[] pixelAxes = pixelAxes(decoderOut);
        if (config().likelihood() == VaeLikelihood.BERNOULLI) {
            return Activation.softPlus(decoderOut).sub(x.mul(decoderOut)).sum(pixelAxes);
        }
        double std = config().gaussianStd();
        float constant = (float) (exampleShape().size() * (Math.log(std) + 0.5 * LOG_2PI));
        return Scalars.mul(x.sub(decoderOut).square().sum(pixelAxes), (float) (0.5 / (std * std))).add(constant);
    }

    /** Per-example KL(N(mean, exp(logVar)) || N(0, I)), shape {@code (N)}. */
    static NDArray klToPrior(NDArray mean, NDArray logVar) {
        return Scalars.mul(mean.square().add(logVar.exp()).sub(logVar).sub(1f).sum(new int[] {1}), 0.5f);
    }

    /** Decodes latent codes (with one-hot labels for a conditional model) to data-space means. */
    NDArray decodeWithCondition(NDArray z, NDArray condition, NDManager target) {
        if (z.getShape().dimension() != 2 || z.getShape().get(1) != latentDim) {
            throw new IllegalArgumentException("latent codes must have shape (N, " + latentDim + "), got " + z.getShape());
        }
        ParameterStore store = new ParameterStore(target, false);
        NDArray out = decoderOutput(z, condition, store, false);
        return config().likelihood() == VaeLikelihood.BERNOULLI ? Activation.sigmoid(out) : out;
    }

    @Override
    public NDArray logProb(Batch batch, NDManager target, Rng rng) {
        return ImportanceWeightedBound.estimate(this, batch, 1, target, rng);
    }

    /** The importance-weighted bound on log p(x) with {@code k} samples (k = 1 is the ELBO), shape (N). */
    @Override
    public NDArray logProb(Batch batch, int k, NDManager target, Rng rng) {
        return ImportanceWeightedBound.estimate(this, batch, k, target, rng);
    }

    @Override
    public boolean isExact() {
        return false;
    }

    @Override
    public NDArray bitsPerDim(Batch batch, NDManager target, Rng rng) {
        return Scalars.div(logProb(batch, target, rng).neg(), (float) (exampleShape().size() * Math.log(2)));
    }

    /** The one-hot labels of a conditional model, or null. */
    NDArray conditioning(Batch batch) {
        return null;
    }

    NDList encoderOutput(NDArray x, NDArray condition, ParameterStore store, boolean training) {
        NDList inputs = condition == null ? new NDList(x) : new NDList(x, condition);
        return network.encoder().forward(store, inputs, training);
    }

    NDArray decoderOutput(NDArray z, NDArray condition, ParameterStore store, boolean training) {
        NDArray input = condition == null ? z : z.concat(condition, 1);
        return network.decoder().forward(store, new NDList(input), training).singletonOrThrow();
    }

    /** Accepts {@code (N, C, H, W)}, {@code (N, H, W)} for one channel, or flat {@code (N, C*H*W)}. */
    NDArray checkedImages(NDArray x) {
        Shape imageShape = exampleShape();
        Shape shape = x.getShape();
        long perExample = shape.dimension() > 0 ? shape.size() / Math.max(1, shape.get(0)) : 0;
        if (shape.dimension() < 2 || perExample != imageShape.size()) {
            throw new IllegalArgumentException("VAE '" + config().name() + "' expects images of shape (N, "
                    + imageShape.get(0) + ", " + imageShape.get(1) + ", " + imageShape.get(2) + ") or (N, "
                    + imageShape.size() + "), got " + shape);
        }
        return x.reshape(new Shape(shape.get(0)).addAll(imageShape));
    }

    private static int[] pixelAxes(NDArray images) {
        int[] axes = new int[images.getShape().dimension() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return axes;
    }
}
