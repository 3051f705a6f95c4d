package io.artifex.models.vae.vq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.artifex.core.config.training.CheckpointConfig;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.data.EpochIterator;
import io.artifex.core.model.Batch;
import io.artifex.core.model.StepContext;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.training.EpochMetrics;
import io.artifex.training.StepMetrics;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.TrainingSession;
import io.artifex.training.callbacks.Callback;
import io.artifex.training.callbacks.CheckpointCallback;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-stage run across its boundary: resuming from a checkpoint written in stage 1 or in
 * stage 2 gives the uninterrupted run's losses and weights, and each epoch's validation reports
 * the loss of the stage being trained, checked against values the test computes itself.
 *
 * <p>Tiny sizes: 8x8 images, 4 codes on a 2x2 grid, 5 batches of 16 an epoch, 10 steps, the
 * prior from step 5 (epoch 0 is stage 1, epoch 1 stage 2).
 */
class VqVaeStagesTest {

    private static final int STEPS = 10;
    private static final int PRIOR_START = 5;

    @TempDir
    Path dir;

    private static VqVaeConfig config() {
        return VqVaeConfig.builder().name("stages").inputShape(List.of(8, 8, 1)).hiddenChannels(8).residualChannels(4)
                .numResidualBlocks(1).numEmbeddings(4).embeddingDim(2).emaDecay(0.8).kmeansInit(true)
                .deadCodeThreshold(0.3).priorChannels(8).priorLayers(2).priorStartStep(PRIOR_START).build();
    }

    private TrainerConfig trainer(long maxSteps, int everySteps) {
        return TrainerConfig.builder().epochs(2).maxSteps(maxSteps).batchSize(16).seed(3)
                .optimizer(OptimizerConfig.adam(1e-2)).validateEvery(1).logEvery(1000)
                .checkpoint(CheckpointConfig.builder().enabled(everySteps > 0).directory(dir.resolve("ckpt").toString())
                        .everySteps(everySteps).everyEpochs(0).keepLast(2).saveBest(false).build())
                .build();
    }

    private static VqVaeTest.RandomImages train() {
        return new VqVaeTest.RandomImages(16, 5);
    }

    /** The validation images: 2 batches of 12. */
    private static VqVaeTest.RandomImages validation() {
        return new VqVaeTest.RandomImages(12, 2);
    }

    /**
     * Runs interrupted at step 3 (stage 1) and at step 7 (stage 2, after the boundary at 5 and the
     * first validation) resume into a model built with other initial weights, and give exactly the
     * uninterrupted run's step values, validation values and final weights. (An epoch's training
     * means cover only the steps of the call that finished it, so they are not compared.)
     * Planted bugs caught: the k-means flag or the codebook statistics left out of checkpoints (the
     * resumed stage 1 reinitialises or drifts), a phase window read from the steps of this call
     * rather than global steps (the stage-2 resume trains the VQ-VAE again).
     */
    @Test
    void runsInterruptedInEitherStageResumeToTheUninterruptedRun() {
        Recorder whole = new Recorder();
        Map<String, float[]> wholeWeights;
        try (VqVae model = (VqVae) Models.create(config(), 1)) {
            new Trainer(trainer(STEPS, 0), List.of(whole)).fit(model, train(), validation());
            wholeWeights = weights(model);
        }
        assertThat(whole.steps).hasSize(STEPS);
        for (int stop : new int[] {3, 7}) {
            Recorder first = new Recorder();
            TrainerConfig partial = trainer(stop, stop);
            try (VqVae model = (VqVae) Models.create(config(), 1)) {
                TrainingResult r = new Trainer(partial, List.of(first)).fit(model, train(), validation());
                assertThat(r.checkpoints()).containsExactly(CheckpointCallback.pathFor(partial.checkpoint(), stop));
            }
            Recorder second = new Recorder();
            Map<String, float[]> resumedWeights;
            try (VqVae fresh = (VqVae) Models.create(config(), 77)) {
                new Trainer(trainer(STEPS, 0), List.of(second)).resume(
                        CheckpointCallback.pathFor(partial.checkpoint(), stop), fresh, train(), validation());
                resumedWeights = weights(fresh);
            }
            List<Map<String, Double>> steps = new ArrayList<>(first.steps);
            steps.addAll(second.steps);
            assertThat(steps).as("step values, interrupted at " + stop).containsExactlyElementsOf(whole.steps);
            List<Map<String, Double>> epochs = new ArrayList<>(first.epochs);
            epochs.addAll(second.epochs);
            assertThat(epochs).as("epoch values, interrupted at " + stop).containsExactlyElementsOf(whole.epochs);
            assertThat(resumedWeights.keySet()).containsExactlyElementsOf(wholeWeights.keySet());
            wholeWeights.forEach((k, v) -> assertThat(resumedWeights.get(k)).as(k + ", interrupted at " + stop)
                    .containsExactly(v));
        }
        assertThat(whole.steps.get(PRIOR_START - 1)).containsKey("vqvae/loss").doesNotContainKey("prior/loss");
        assertThat(whole.steps.get(PRIOR_START)).containsKey("prior/loss").doesNotContainKey("vqvae/loss");
    }

    /**
     * Epoch 0 ends after step 4 (stage 1): its validation reports the VQ-VAE's loss, and the codes
     * used and perplexity counted over all 24 validation images. Epoch 1 ends in stage 2: its
     * validation_loss is the prior's mean negative log-likelihood per code position of the
     * validation images' codes. Every expected value is computed here, at the epoch's end, from
     * {@code encodeToIndices}, {@code codeLogProb} and the model's loss, in plain Java sums.
     * Planted bugs caught: validation always with the stage-1 loss (epoch 1's value is the VQ
     * loss, not the prior's), the phase picked at the next step instead of the last one run
     * (epoch 0 reports the untrained prior), perplexity averaged over batches instead of counted
     * over the whole pass.
     */
    @Test
    void validationReportsTheLossOfTheStageBeingTrained() {
        Expected expected = new Expected();
        List<EpochMetrics> epochs;
        try (VqVae model = (VqVae) Models.create(config(), 1)) {
            epochs = new Trainer(trainer(STEPS, 0), List.of(expected)).fit(model, train(), validation())
                    .epochHistory();
        }
        assertThat(epochs).hasSize(2);
        Map<String, Double> stage1 = epochs.get(0).values();
        assertThat(stage1).containsKeys("validation/vqvae/loss", "validation/vqvae/reconstruction",
                "validation/vqvae/perplexity", "validation/vqvae/codesUsed").doesNotContainKey("validation/prior/loss");
        assertThat(stage1.get("validation_loss")).isCloseTo(expected.modelLoss.get(0), within(1e-6));
        assertThat(stage1.get("validation/vqvae/loss")).isEqualTo(stage1.get("validation_loss"));
        assertThat(stage1.get("validation/vqvae/codesUsed")).isEqualTo(expected.codesUsed.get(0));
        assertThat(stage1.get("validation/vqvae/perplexity")).isCloseTo(expected.perplexity.get(0), within(1e-9));
        Map<String, Double> stage2 = epochs.get(1).values();
        assertThat(stage2).containsKeys("validation/prior/loss", "validation/prior/bitsPerDim")
                .doesNotContainKey("validation/vqvae/loss");
        assertThat(stage2.get("validation_loss")).isCloseTo(expected.priorNats.get(1), within(1e-5))
                .isNotCloseTo(expected.modelLoss.get(1), within(1e-3));
        assertThat(stage2.get("validation/prior/bitsPerDim")).isCloseTo(expected.priorNats.get(1) / Math.log(2),
                within(1e-5));
    }

    /** At each epoch's end, the values a validation should report, computed from the model's public methods. */
    private static final class Expected implements Callback {
        final List<Double> modelLoss = new ArrayList<>();
        final List<Double> codesUsed = new ArrayList<>();
        final List<Double> perplexity = new ArrayList<>();
        final List<Double> priorNats = new ArrayList<>();

        @Override
        public void onEpochEnd(TrainingSession session, EpochMetrics metrics) {
            VqVae model = (VqVae) session.model();
            double loss = 0;
            double nats = 0;
            long examples = 0;
            long[] counts = new long[4];
            try (NDManager manager = model.manager().newSubManager()) {
                EpochIterator it = validation().epoch(0);
                while (it.hasNext()) {
                    Batch batch = it.next(manager);
                    StepContext ctx = StepContext.inference(manager, new Rng(0));
                    loss += model.loss(batch, model.forward(batch, ctx), ctx).total().getFloat() * batch.size();
                    NDArray codes = model.encodeToIndices(batch.x(), manager);
                    for (long k : codes.toLongArray()) {
                        counts[(int) k]++;
                    }
                    for (float lp : model.codeLogProb(codes, manager, new Rng(0)).toFloatArray()) {
                        nats -= lp;
                    }
                    examples += batch.size();
                }
            }
            long total = 0;
            long used = 0;
            for (long c : counts) {
                total += c;
                used += c > 0 ? 1 : 0;
            }
            double entropy = 0;
            for (long c : counts) {
                if (c > 0) {
                    entropy -= (double) c / total * Math.log((double) c / total);
                }
            }
            modelLoss.add(loss / examples);
            codesUsed.add((double) used);
            perplexity.add(Math.exp(entropy));
            priorNats.add(nats / examples / 4);
        }
    }

    /** Step and epoch values of a run, in order. */
    private static final class Recorder implements Callback {
        final List<Map<String, Double>> steps = new ArrayList<>();
        final List<Map<String, Double>> epochs = new ArrayList<>();

        @Override
        public void onStepEnd(TrainingSession session, StepMetrics metrics) {
            Map<String, Double> v = new LinkedHashMap<>(metrics.values());
            v.put("step", (double) metrics.step());
            steps.add(v);
        }

        @Override
        public void onEpochEnd(TrainingSession session, EpochMetrics metrics) {
            if (!metrics.complete()) {
                return; // an interrupted run's closing validation of the epoch maxSteps cut, which the whole run never has
            }
            Map<String, Double> v = new LinkedHashMap<>();
            metrics.values().forEach((k, value) -> {
                if (k.startsWith("validation")) {
                    v.put(k, value);
                }
            });
            v.put("epoch", (double) metrics.epoch());
            epochs.add(v);
        }
    }

    private static Map<String, float[]> weights(VqVae model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : model.network().getParameters()) {
            out.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return out;
    }
}
