package io.artifex.examples;

/** The tiny experiment and benchmark-entry files the command-line tests share (a step takes milliseconds). */
public final class TinyConfigs {

    /** A dense VAE 784-16, latent 4, on the embedded digits, for 3 steps of batch 32. */
    public static final String TINY_VAE = """
            schemaVersion: 2
            name: tiny-vae
            model:
              type: vae
              name: tiny
              encoder: { name: encoder, inputShape: [28, 28, 1], latentDim: 4, hiddenDims: [16] }
              decoder: { name: decoder, latentDim: 4, outputShape: [28, 28, 1], hiddenDims: [16] }
            data: { dataset: mnist, preprocessing: binarize }
            training:
              epochs: 1
              maxSteps: 3
              batchSize: 32
              optimizers: { default: { type: adam, learningRate: 0.001 } }
            """;

    /**
     * A bench entry for the same VAE: 784*16+16 + 2*(16*4+4) + 4*16+16 + 16*784+784 = 26,104
     * weights.
     */
    public static final String TINY_VAE_ENTRY = """
            schemaVersion: 1
            id: tiny-vae
            description: "a tiny dense VAE"
            parameters: 26104
            model:
              type: vae
              name: tiny
              encoder: { name: encoder, inputShape: [28, 28, 1], latentDim: 4, hiddenDims: [16] }
              decoder: { name: decoder, latentDim: 4, outputShape: [28, 28, 1], hiddenDims: [16] }
            data: { dataset: mnist, preprocessing: binarize }
            training:
              optimizers: { default: { type: adam, learningRate: 0.001 } }
            sampling:
              - { name: prior, samples: 4, description: 4 prior samples }
            quality:
              budget: "{epochs} epochs"
              likelihood: importance-weighted
            """;

    private TinyConfigs() {
    }
}
