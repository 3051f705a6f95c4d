package io.artifex.models.vae.vq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.core.model.LossResult;
import io.artifex.core.model.ModelOutputs;
import io.artifex.core.model.ParameterGroup;
import io.artifex.core.model.StepContext;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.models.autoregressive.PixelCnnInputEncoding;
import io.artifex.training.StepMetrics;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingSession;
import io.artifex.training.callbacks.Callback;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The VQ-VAE model: the reference network's parameter count, the loss against hand-computed
 * terms, the prior's exact likelihood over code grids, and the two training stages.
 */
class VqVaeTest {

    /** A tiny VQ-VAE on 8x8 images: a 2x2 grid of 4 codes of dimension 2. */
    private static VqVaeConfig.Builder tiny() {
        return VqVaeConfig.builder().name("tiny").inputShape(List.of(8, 8, 1)).hiddenChannels(8).residualChannels(4)
                .numResidualBlocks(1).numEmbeddings(4).embeddingDim(2);
    }

    private static long count(Block block) {
        long total = 0;
        for (Parameter p : block.getParameters().values()) {
            if (ParameterGroup.isLearned(p)) {
                total += p.getArray().size();
            }
        }
        return total;
    }

    /** The numbers of benchmark spec section 9; catches any layer of the wrong size or a missing bias. */
    @Test
    void referenceNetworkHasTheSpecParameterCount() {
        try (VqVae model = (VqVae) Models.create(VqVaeConfig.builder().name("ref").build(), 0)) {
            VqVaeNetwork network = (VqVaeNetwork) model.network();
            assertThat(count(network.encoder())).isEqualTo(112_496);
            assertThat(count(network.quantizer())).isEqualTo(1_024);
            assertThat(count(network.decoder())).isEqualTo(75_553);
            assertThat(model.parameterCount()).isEqualTo(189_073);
            assertThat(model.gridShape()).isEqualTo(new Shape(7, 7));
        }
    }

    /**
     * The shipped config's prior (32 channels, 5 layers, 64 codes) read one-hot: the VQ-VAE keeps
     * reference #9's 189,073 weights, and only the prior's first gated layer widens, from 1 to 64
     * input channels: its vertical 3x7 and horizontal 1x3 kernels, 64 output channels each, gain
     * 63 * (21 + 3) * 64 weights. Planted bug caught: the prior built for one input channel.
     */
    @Test
    void oneHotPriorWidensOnlyThePriorsFirstLayer() {
        assertThat(VqVaeConfig.builder().name("default").build().priorInputEncoding())
                .isEqualTo(PixelCnnInputEncoding.ONE_HOT);
        VqVaeConfig.Builder shipped = VqVaeConfig.builder().name("ref").priorChannels(32).priorLayers(5);
        try (VqVae intensity = (VqVae) Models.create(shipped.priorInputEncoding(PixelCnnInputEncoding.INTENSITY).build(), 0);
             VqVae oneHot = (VqVae) Models.create(shipped.priorInputEncoding(PixelCnnInputEncoding.ONE_HOT).build(), 0)) {
            assertThat(intensity.parameterCount() - intensity.priorParameterCount()).isEqualTo(189_073);
            assertThat(oneHot.parameterCount() - oneHot.priorParameterCount()).isEqualTo(189_073);
            assertThat(oneHot.priorParameterCount() - intensity.priorParameterCount()).isEqualTo(63L * (21 + 3) * 64);
        }
    }

    /**
     * total = mean((x - x_hat)^2) + mean((sg[ze] - zq)^2) + beta mean((ze - sg[zq])^2), the terms
     * recomputed in plain Java from the outputs and the codebook; two models that differ only in
     * beta differ in loss by exactly (beta2 - beta1) times the unweighted commitment term.
     * Planted bug caught: the commitment term not weighted by beta.
     */
    @Test
    void lossIsReconstructionPlusCodebookPlusBetaTimesCommitment() {
        try (NDManager manager = NDManager.newBaseManager();
             VqVae a = (VqVae) Models.create(tiny().commitmentCost(0.25).build(), 5);
             VqVae b = (VqVae) Models.create(tiny().commitmentCost(1.0).build(), 5)) {
            float[] x = binaryImages(new SplittableRandom(2), 3);
            Batch batch = Batch.of(manager.create(x, new Shape(3, 1, 8, 8)));
            StepContext ctx = StepContext.inference(manager, new Rng(0));
            ModelOutputs out = a.forward(batch, ctx);
            LossResult la = a.loss(batch, out, ctx);
            LossResult lb = b.loss(batch, b.forward(batch, ctx), ctx);
            float[] recon = out.get("reconstruction").toFloatArray();
            double mse = 0;
            for (int i = 0; i < x.length; i++) {
                mse += (x[i] - recon[i]) * (double) (x[i] - recon[i]);
            }
            mse /= x.length;
            float[] flat = out.get("flatInputs").toFloatArray();
            float[] book = a.quantizer().codebookArray().toFloatArray();
            double sq = 0;
            for (int row = 0; row < flat.length / 2; row++) {
                double best = Double.POSITIVE_INFINITY;
                for (int k = 0; k < 4; k++) {
                    double dx = flat[row * 2] - book[k * 2];
                    double dy = flat[row * 2 + 1] - book[k * 2 + 1];
                    best = Math.min(best, dx * dx + dy * dy);
                }
                sq += best;
            }
            double commitment = sq / flat.length;
            assertThat((double) la.terms().get("reconstruction").getFloat()).isCloseTo(mse, within(1e-6));
            assertThat((double) la.terms().get("codebook").getFloat()).isCloseTo(commitment, within(1e-6));
            assertThat((double) la.terms().get("commitment").getFloat()).isCloseTo(0.25 * commitment, within(1e-6));
            assertThat((double) la.total().getFloat()).isCloseTo(mse + 1.25 * commitment, within(1e-5));
            assertThat((double) (lb.total().getFloat() - la.total().getFloat()))
                    .isCloseTo(0.75 * commitment, within(1e-6));
            assertThat(commitment).isPositive();
        }
    }

    /**
     * Over all 4^4 = 256 code grids the prior's probabilities sum to 1 (an exact, normalised
     * likelihood over grids), and one grid's log-probability equals the sum over positions of a
     * log-softmax of the prior's logits at the true code, computed here in double arithmetic;
     * for both prior input encodings. Planted bugs caught: the family leaving the prior's input
     * at intensities when {@code oneHot} is asked for, codes scaled by 1/K instead of 1/(K-1) (every grid refused or
     * misread), a mean instead of a sum over positions.
     */
    @Test
    void priorLikelihoodOverCodeGridsIsExact() {
        for (PixelCnnInputEncoding encoding : PixelCnnInputEncoding.values()) {
            priorLikelihoodOverCodeGridsIsExact(encoding);
        }
        try (NDManager manager = NDManager.newBaseManager();
             VqVae uniform = (VqVae) Models.create(tiny().build(), 3)) {
            NDArray codes = manager.zeros(new Shape(2, 2, 2)).toType(ai.djl.ndarray.types.DataType.INT64, false);
            assertThat((double) uniform.codeLogProb(codes, manager, new Rng(0)).getFloat(0))
                    .isCloseTo(-4 * Math.log(4), within(1e-5));
        }
    }

    private static void priorLikelihoodOverCodeGridsIsExact(PixelCnnInputEncoding encoding) {
        try (NDManager manager = NDManager.newBaseManager();
             VqVae model = (VqVae) Models.create(tiny().priorChannels(8).priorLayers(2).priorStartStep(1)
                     .priorInputEncoding(encoding).build(), 3)) {
            assertThat(model.prior().orElseThrow().config().inputEncoding()).isEqualTo(encoding);
            long[] grids = new long[256 * 4];
            for (int g = 0; g < 256; g++) {
                for (int p = 0; p < 4; p++) {
                    grids[g * 4 + p] = (g >> (2 * p)) & 3;
                }
            }
            NDArray codes = manager.create(grids, new Shape(256, 2, 2));
            float[] logProb = model.codeLogProb(codes, manager, new Rng(0)).toFloatArray();
            double total = 0;
            for (float lp : logProb) {
                total += Math.exp(lp);
            }
            assertThat(total).isCloseTo(1.0, within(1e-4));
            int g = 141;
            float[] logits = model.prior().orElseThrow()
                    .logits(Batch.of(model.asPriorImages(codes.get(g + ":" + (g + 1)))), manager).toFloatArray();
            double expected = 0;
            for (int p = 0; p < 4; p++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < 4; k++) {
                    max = Math.max(max, logits[k * 4 + p]);
                }
                double z = 0;
                for (int k = 0; k < 4; k++) {
                    z += Math.exp(logits[k * 4 + p] - max);
                }
                expected += logits[(int) grids[g * 4 + p] * 4 + p] - max - Math.log(z);
            }
            assertThat((double) logProb[g]).as("%s", encoding).isCloseTo(expected, within(1e-4));
        }
    }

    /**
     * Steps 0..2 train the VQ-VAE (EMA codebook, k-means start, restarts) and leave the prior
     * untouched; steps 3..4 train only the prior and leave the VQ-VAE bit for bit as it was after
     * step 2. Planted bug caught: a phase run outside its step window.
     */
    @Test
    void twoStagesTrainTheVqVaeThenOnlyThePrior() {
        VqVaeConfig config = tiny().emaDecay(0.9).kmeansInit(true).deadCodeThreshold(0.5).priorChannels(8)
                .priorLayers(2).priorStartStep(3).build();
        try (NDManager manager = NDManager.newBaseManager();
             VqVae fresh = (VqVae) Models.create(config, 9);
             VqVae three = (VqVae) Models.create(config, 9);
             VqVae five = (VqVae) Models.create(config, 9)) {
            train(three, 3, new ArrayList<>());
            List<StepMetrics> steps = new ArrayList<>();
            train(five, 5, steps);
            VqVaeNetwork f = (VqVaeNetwork) fresh.network();
            VqVaeNetwork t = (VqVaeNetwork) three.network();
            VqVaeNetwork v = (VqVaeNetwork) five.network();
            assertThat(values(t.encoder())).isNotEqualTo(values(f.encoder()));
            assertThat(values(t.prior())).isEqualTo(values(f.prior()));
            assertThat(values(v.encoder())).isEqualTo(values(t.encoder()));
            assertThat(values(v.decoder())).isEqualTo(values(t.decoder()));
            assertThat(values(v.quantizer())).isEqualTo(values(t.quantizer()));
            assertThat(values(v.prior())).isNotEqualTo(values(t.prior()));
            assertThat(three.quantizer().isInitialised()).isTrue();
            assertThat(steps.get(2).values()).containsKeys("vqvae/loss", "vqvae/perplexity", "vqvae/codesUsed")
                    .doesNotContainKey("prior/loss");
            assertThat(steps.get(4).values()).containsKeys("prior/loss", "prior/bitsPerDim")
                    .doesNotContainKey("vqvae/loss");
            assertThat(steps.get(4).loss()).isEqualTo(steps.get(4).values().get("prior/loss"));
            NDArray samples = five.generate(3, manager, new Rng(4));
            assertThat(samples.getShape()).isEqualTo(new Shape(3, 1, 8, 8));
            assertThat(samples.min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(samples.max().getFloat()).isLessThanOrEqualTo(1f);
            NDArray codes = five.encodeToIndices(samples, manager);
            assertThat(codes.getShape()).isEqualTo(new Shape(3, 2, 2));
            assertThat(five.reconstruct(samples, manager).getShape()).isEqualTo(new Shape(3, 1, 8, 8));
        }
    }

    /**
     * measure() over 3 batches of 8: reconstruction error of the clipped reconstructions, codes
     * used and perplexity of the counts over all 96 grid positions, and the prior's bits per code,
     * each recomputed here from encodeToIndices, reconstruct and codeLogProb in plain Java; without
     * a learned prior the bits per code are exactly log2(4) = 2. Planted bugs caught: perplexity or
     * codes used of the last batch only, nats reported as bits, the mean taken per batch of a sum.
     */
    @Test
    void measuresCountOverTheWholePass() {
        RandomImages data = new RandomImages(8, 3);
        try (NDManager manager = NDManager.newBaseManager();
             VqVae model = (VqVae) Models.create(tiny().priorChannels(8).priorLayers(2).priorStartStep(1).build(), 4);
             VqVae uniform = (VqVae) Models.create(tiny().build(), 4)) {
            train(model, 3, new ArrayList<>());
            Map<String, Double> got = model.measure(data, new Rng(0));
            double squares = 0;
            double nats = 0;
            long[] counts = new long[4];
            EpochIterator it = data.epoch(0);
            while (it.hasNext()) {
                NDArray x = it.next(manager).x();
                float[] in = x.toFloatArray();
                float[] out = model.reconstruct(x, manager).toFloatArray();
                for (int i = 0; i < in.length; i++) {
                    squares += (in[i] - out[i]) * (double) (in[i] - out[i]);
                }
                NDArray codes = model.encodeToIndices(x, manager);
                for (long k : codes.toLongArray()) {
                    counts[(int) k]++;
                }
                for (float lp : model.codeLogProb(codes, manager, new Rng(0)).toFloatArray()) {
                    nats -= lp;
                }
            }
            double entropy = 0;
            int used = 0;
            for (long c : counts) {
                if (c > 0) {
                    used++;
                    entropy -= c / 96.0 * Math.log(c / 96.0);
                }
            }
            assertThat(got.get("reconstruction_mse")).isCloseTo(squares / (24 * 64), within(1e-6));
            assertThat(got.get("codes_used")).isEqualTo((double) used);
            assertThat(got.get("codes_used_fraction")).isEqualTo(used / 4.0);
            assertThat(got.get("codebook_perplexity")).isCloseTo(Math.exp(entropy), within(1e-9));
            assertThat(got.get("code_nll")).isCloseTo(nats / 24, within(1e-4));
            assertThat(got.get("code_bits_per_dim")).isCloseTo(nats / 24 / 4 / Math.log(2), within(1e-5));
            assertThat(uniform.measure(data, new Rng(0)).get("code_bits_per_dim")).isCloseTo(2.0, within(1e-6));
        }
    }

    private static void train(VqVae model, int steps, List<StepMetrics> sink) {
        TrainerConfig trainer = TrainerConfig.builder().epochs(1).maxSteps(steps).batchSize(16).seed(1)
                .optimizer(OptimizerConfig.adam(1e-2)).validateEvery(0).logEvery(1000).build();
        Callback record = new Callback() {
            @Override
            public void onStepEnd(TrainingSession session, StepMetrics metrics) {
                sink.add(metrics);
            }
        };
        new Trainer(trainer, List.of(record)).fit(model, new RandomImages(16, 5), null);
    }

    private static Map<String, List<Float>> values(Block block) {
        Map<String, List<Float>> out = new TreeMap<>();
        block.getParameters().forEach(pair -> {
            List<Float> v = new ArrayList<>();
            for (float f : pair.getValue().getArray().toFloatArray()) {
                v.add(f);
            }
            out.put(pair.getKey(), v);
        });
        return out;
    }

    static float[] binaryImages(SplittableRandom r, int n) {
        float[] x = new float[n * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(3) == 0 ? 1f : 0f;
        }
        return x;
    }

    /** Random binary 8x8 images, a fresh seeded draw per (epoch, batch). */
    record RandomImages(int batchSize, int batches) implements BatchSource {
        @Override
        public int size() {
            return batchSize * batches;
        }

        @Override
        public int batchesPerEpoch() {
            return batches;
        }

        @Override
        public Shape exampleShape() {
            return new Shape(1, 8, 8);
        }

        @Override
        public EpochIterator epoch(long epoch) {
            return new EpochIterator() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < batches;
                }

                @Override
                public Batch next(NDManager manager) {
                    SplittableRandom r = new SplittableRandom(epoch * 1000 + next++);
                    return Batch.of(manager.create(binaryImages(r, batchSize), new Shape(batchSize, 1, 8, 8)));
                }
            };
        }
    }
}
