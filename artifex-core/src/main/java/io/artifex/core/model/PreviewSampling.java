package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.random.Rng;

/**
 * A model whose {@link GenerativeModel#generate} is expensive (many network evaluations per
 * sample, e.g. 1,000 ancestral diffusion steps) and which offers a cheaper sampler of the same
 * distribution, or a close approximation of it, for previews: the grids drawn during training
 * and quick looks at a trained model. {@link #previewOf} picks it when a model has one.
 *
 * <p>Thread-safety: implementations must allow concurrent calls of these methods, each with its own
 * {@code Rng} (and its own arrays, manager or batch source where the method takes them), as
 * {@link GenerativeModel} requires; none may overlap training.
 */
public interface PreviewSampling extends GenerativeModel {

    /** {@code n} samples by the cheaper sampler, shaped like {@link #generate}'s. */
    NDArray generatePreview(int n, NDManager manager, Rng rng);

    /** What the preview sampler is, for logs and reports (e.g. "DDIM, 50 steps, eta 0"). */
    String previewSampler();

    /** {@code model}'s preview samples if it has a preview sampler, otherwise its ordinary samples. */
    static NDArray previewOf(GenerativeModel model, int n, NDManager manager, Rng rng) {
        return model instanceof PreviewSampling preview ? preview.generatePreview(n, manager, rng)
                : model.generate(n, manager, rng);
    }
}
