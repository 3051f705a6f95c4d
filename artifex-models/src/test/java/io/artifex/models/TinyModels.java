package io.artifex.models;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.model.Batch;
import io.artifex.core.model.ConditionalModel;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One tiny config of every family and variant (unconditional and class-conditional), written as
 * a user writes a config file, for tests that must cover every model the library builds.
 */
public final class TinyModels {

    private static final Map<String, String> YAML = new LinkedHashMap<>();

    static {
        String vae = """
                schemaVersion: 1
                type: vae
                name: tiny-vae
                encoder: {name: encoder, inputShape: [4, 4, 1], latentDim: 2, hiddenDims: [8], activation: relu}
                decoder: {name: decoder, latentDim: 2, outputShape: [4, 4, 1], hiddenDims: [8], activation: relu}
                """;
        YAML.put("vae", vae);
        YAML.put("vae-conditional", vae + "numClasses: 3\n");
        String dcgan = """
                schemaVersion: 1
                type: dcgan
                name: tiny-dcgan
                generator: {name: generator, latentDim: 4, hiddenDims: [16, 8, 4], outputShape: [1, 12, 12]}
                discriminator: {name: discriminator, hiddenDims: [4, 8], inputShape: [1, 12, 12]}
                """;
        YAML.put("dcgan", dcgan);
        YAML.put("dcgan-conditional", dcgan + "numClasses: 3\n");
        String mlpGan = """
                schemaVersion: 1
                type: mlp-gan
                name: tiny-mlp-gan
                latentDim: 3
                dataDim: 2
                generatorHiddenDims: [8]
                discriminatorHiddenDims: [8]
                """;
        YAML.put("mlp-gan", mlpGan);
        YAML.put("mlp-gan-conditional", mlpGan + "numClasses: 3\n");
        String ddpm = """
                schemaVersion: 1
                type: ddpm
                name: tiny-ddpm
                inputShape: [8, 8, 1]
                backbone: {name: unet, inChannels: 1, outChannels: 1, hiddenDims: [8, 16], channelMult: [1, 2],
                           activation: silu, numResBlocks: 1, attentionResolutions: [4], numHeads: 2,
                           groupNormGroups: 4, timeEmbeddingDim: 16}
                noiseSchedule: {name: schedule, scheduleType: linear, numTimesteps: 4}
                """;
        YAML.put("ddpm", ddpm);
        YAML.put("ddpm-conditional", ddpm + "numClasses: 3\n");
        YAML.put("mlp-diffusion", """
                schemaVersion: 1
                type: mlp-diffusion
                name: tiny-mlp-diffusion
                dataDim: 2
                hiddenDims: [8]
                timeEmbeddingDim: 8
                noiseSchedule: {name: schedule, scheduleType: linear, numTimesteps: 4}
                """);
        YAML.put("realnvp", """
                schemaVersion: 1
                type: realnvp
                name: tiny-realnvp
                inputDim: 4
                numCouplingLayers: 2
                couplingNetwork: {name: coupling, hiddenDims: [8], activation: relu}
                dequantize: false
                """);
        YAML.put("maf", """
                schemaVersion: 1
                type: maf
                name: tiny-maf
                inputDim: 3
                numLayers: 2
                hiddenDims: [8, 8]
                """);
        YAML.put("glow", """
                schemaVersion: 1
                type: glow
                name: tiny-glow
                inputShape: [4, 4, 1]
                numScales: 1
                stepsPerScale: 1
                checkerboardCouplings: 1
                hiddenChannels: 4
                """);
        YAML.put("ebm", """
                schemaVersion: 1
                type: ebm
                name: tiny-ebm
                inputDim: 2
                energyNetwork: {name: energy, hiddenDims: [8], activation: silu}
                mcmc: {name: mcmc, nSteps: 2, stepSize: 0.01}
                sampleBuffer: {name: buffer, capacity: 16}
                """);
        String pixelCnn = """
                schemaVersion: 1
                type: pixelcnn
                name: tiny-pixelcnn
                imageShape: [3, 3, 1]
                hiddenChannels: 4
                residualChannels: 4
                numLayers: 2
                numLevels: 4
                """;
        YAML.put("pixelcnn", pixelCnn);
        YAML.put("pixelcnn-conditional", pixelCnn + "numClasses: 2\n");
        YAML.put("transformer", """
                schemaVersion: 2
                type: transformer
                name: tiny-transformer
                vocabSize: 7
                contextLength: 6
                numLayers: 1
                numHeads: 2
                width: 8
                padTokenId: 6
                """);
        String wavenet = """
                schemaVersion: 2
                type: wavenet
                name: tiny-wavenet
                residualChannels: 4
                dilationChannels: 4
                skipChannels: 8
                numLayers: 3
                dilationCycle: 2
                numLevels: 256
                sampleLength: 12
                """;
        YAML.put("wavenet", wavenet);
        YAML.put("wavenet-conditional", wavenet + "numClasses: 2\n");
        YAML.put("vqvae", """
                schemaVersion: 2
                type: vqvae
                name: tiny-vqvae
                inputShape: [8, 8, 1]
                hiddenChannels: 4
                residualChannels: 2
                numResidualBlocks: 1
                numEmbeddings: 4
                embeddingDim: 2
                priorChannels: 4
                priorLayers: 2
                priorStartStep: 2
                """);
    }

    private TinyModels() {
    }

    /** The names of the tiny configs, e.g. "vae", "dcgan-conditional". */
    public static Iterable<String> names() {
        return YAML.keySet();
    }

    /** The tiny config of that name, read from its YAML text. */
    public static ModelConfig config(String name) {
        String yaml = YAML.get(name);
        if (yaml == null) {
            throw new IllegalArgumentException("no tiny config named '" + name + "'; known: " + YAML.keySet());
        }
        return ConfigIO.fromYaml(yaml, ModelConfig.class);
    }

    /**
     * A batch of {@code n} examples in the model's own data space (its samples), with labels
     * 0, 1, ... for a class-conditional model, on {@code manager}.
     */
    public static Batch batch(GenerativeModel model, int n, NDManager manager, Rng rng) {
        if (!(model instanceof ConditionalModel conditional)) {
            return Batch.of(model.generate(n, manager, rng));
        }
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % conditional.numClasses();
        }
        return Batch.of(model.generate(n, manager, rng), manager.create(labels));
    }
}
