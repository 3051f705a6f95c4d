package io.artifex.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.AbstractGenerativeModel;
import io.artifex.core.model.Batch;
import io.artifex.core.model.DataContract;
import io.artifex.core.model.LatentEncoder;
import io.artifex.core.model.LikelihoodModel;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.StepContext;
import io.artifex.core.model.TemperatureSampling;
import io.artifex.core.nn.Scalars;
import io.artifex.core.random.Rng;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every normalizing flow shares: an invertible network {@code f} from data to a latent of
 * the same size with a standard normal base, so that
 * {@code log p(x) = log N(f(x); 0, I) + log |det df/dx|} exactly; the loss is the mean negative
 * log-likelihood; sampling draws {@code z ~ N(0, I)} (optionally scaled by a temperature) and
 * returns {@code f^-1(z)}.
 *
 * <p><b>Bits per dimension.</b> For a model of dequantised 8-bit data ({@code eightBit}: inputs
 * {@code x = (pixel + u) / 256} in [0, 1), the {@code dequantize} preprocessing of the data
 * module) the density of the 8-bit data's continuous version on [0, 256)^D is
 * {@code p(x) / 256^D}, so {@code bpd = (-log p(x) + D ln 256) / (D ln 2)}, where
 * {@code log p(x)} already contains the logit transform's Jacobian. Otherwise (continuous
 * data) {@code bpd = -log p(x) / (D ln 2)} in the data's own units.
 *
 * <p><b>Latent space.</b> A flow is a {@link LatentEncoder} with an exact encoder: {@code encode}
 * is the forward transform {@code f(x)}, {@code decode} its inverse, the latent size is D and the
 * prior is the base distribution N(0, I), so {@code generate(n)} is {@code decode(samplePrior(n))}.
 *
 * <p>Thread-safety: sampling may run on several threads at once (one {@code Rng} and one sub-manager per call); training, loading weights and {@code close} must not overlap any other call. (Only VAE, DCGAN, PixelCNN and DDPM are covered by the concurrency test.)
 */
public abstract class FlowModel extends AbstractGenerativeModel<ModelConfig> implements LikelihoodModel, LatentEncoder, TemperatureSampling {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final FlowLayer flow;
    private final boolean eightBit;
    private final int dim;

    /**
     * @param config the validated config
     * @param manager owns the parameters; closed with the model
     * @param flow the initialised network, data {@code (N, dataShape)} to latent {@code (N, D)}
     * @param dataShape the shape of one example
     * @param eightBit whether inputs are dequantised 8-bit data in [0, 1) (see the class notes)
     */
    protected FlowModel(ModelConfig config, NDManager manager, FlowLayer flow, Shape dataShape, boolean eightBit) {
        super(config, flow, manager, dataShape);
        this.flow = flow;
        this.eightBit = eightBit;
        this.dim = Math.toIntExact(dataShape.size());
    }

    /** The invertible network. */
    public FlowLayer flow() {
        return flow;
    }

    /** The number of dimensions D of one example. */
    public int dimension() {
        return dim;
    }

    /** The size D of the latent vector: a flow's latent has as many values as an example. */
    @Override
    public int latentDim() {
        return dim;
    }

    /** Whether inputs are dequantised 8-bit data and bits/dim include the 256^D correction. */
    public boolean isEightBit() {
        return eightBit;
    }

    /**
     * Dequantised 8-bit data {@code (pixel + u) / 256} in [0, 1) ({@code dequantize}) when
     * {@link #isEightBit()}, otherwise any real values; examples of {@link #exampleShape()} (or flat).
     */
    @Override
    public DataContract dataContract() {
        return eightBit ? DataContract.dequantized(exampleShape()) : DataContract.real(exampleShape());
    }

    @Override
    public ModelOutputs forward(Batch batch, StepContext context) {
        NDArray x = checkedInput(batch.x());
        if (eightBit) {
            checkUnitInterval(x);
        }
        // the layers make what they compute from their parameters (scales, LU factors) on the
        // input's manager, so nothing is left on the parameters' manager and no lock is needed
        FlowResult r = flow.transform(context.parameterStore(), x, context.training());
        Map<String, NDArray> out = new LinkedHashMap<>();
        out.put("z", r.y());
        out.put("logDet", r.logDet());
        out.put("logProb", standardNormalLogDensity(r.y()).add(r.logDet()));
        return ModelOutputs.of(out);
    }

    @Override
    public LossResult loss(Batch batch, ModelOutputs outputs, StepContext context) {
        NDArray nll = outputs.get("logProb").neg();
        Map<String, NDArray> terms = new LinkedHashMap<>();
        terms.put("nll", nll.mean());
        terms.put("bitsPerDim", toBitsPerDim(nll).mean());
        return new LossResult(nll.mean(), terms);
    }

    @Override
    public NDArray logProb(Batch batch, NDManager target, Rng rng) {
        return forward(batch, StepContext.inference(target, rng)).get("logProb");
    }

    @Override
    public boolean isExact() {
        return true;
    }

    @Override
    public NDArray bitsPerDim(Batch batch, NDManager target, Rng rng) {
        return toBitsPerDim(logProb(batch, target, rng).neg());
    }

    /** Per-example negative log-likelihood in nats to bits per dimension (see the class notes). */
    public NDArray toBitsPerDim(NDArray nll) {
        double offset = eightBit ? dim * Math.log(256) : 0;
        return Scalars.div(nll.add((float) offset), (float) (dim * Math.log(2)));
    }

    /** The latent codes {@code f(x)} (the exact forward transform), shape {@code (N, D)}. */
    @Override
    public NDArray encode(NDArray x, NDManager target) {
        return flow.transform(new ParameterStore(target, false), checkedInput(x), false).y();
    }

    /** The data {@code f^-1(z)} of latent codes {@code (N, D)}, shape {@code (N, dataShape)}. */
    @Override
    public NDArray decode(NDArray z, NDManager target) {
        if (z.getShape().dimension() != 2 || z.getShape().get(1) != dim) {
            throw new IllegalArgumentException("latent codes must have shape (N, " + dim + "), got " + z.getShape());
        }
        return flow.inverse(new ParameterStore(target, false), z);
    }

    @Override
    public NDArray generate(int n, NDManager target, Rng rng) {
        return generate(n, 1.0, target, rng);
    }

    /** {@code n} samples {@code f^-1(T z)}, {@code z ~ N(0, I)}; temperature {@code T = 1} is exact sampling. */
    @Override
    public NDArray generate(int n, double temperature, NDManager target, Rng rng) {
        if (n <= 0) {
            throw new IllegalArgumentException("number of samples must be positive, got " + n);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        NDArray z = Scalars.mul(samplePrior(n, target, rng), (float) temperature);
        return decode(z, target);
    }

    /** {@code log N(z; 0, I)} per row of {@code (N, D)}. */
    static NDArray standardNormalLogDensity(NDArray z) {
        return Scalars.mul(z.square().sum(new int[] {1}), -0.5f).sub((float) (0.5 * z.getShape().get(1) * LOG_2PI));
    }

    /** Rejects inputs outside [0, 1] (e.g. raw pixels 0..255), which the logit transform turns into NaN. */
    private void checkUnitInterval(NDArray x) {
        float min = x.min().getFloat();
        float max = x.max().getFloat();
        if (!(min >= 0f && max <= 1f)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " '" + config().name() + "' models dequantised"
                    + " 8-bit pixels (pixel + u) / 256 in [0, 1) (data preprocessing 'dequantize'), but the batch ranges over ["
                    + min + ", " + max + "]; set dequantize: false in the model config for other continuous data");
        }
    }

    /** Accepts {@code (N, dataShape)} or any {@code (N, ...)} with D values per example. */
    protected NDArray checkedInput(NDArray x) {
        Shape s = x.getShape();
        Shape dataShape = exampleShape();
        if (s.dimension() < 2 || s.size() / Math.max(1, s.get(0)) != dim || s.get(0) == 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " '" + config().name() + "' expects inputs of shape (N, "
                    + dataShape.toString().replaceAll("[()]", "") + ") with " + dim + " values per example, got " + s);
        }
        return x.reshape(new Shape(s.get(0)).addAll(dataShape));
    }
}
