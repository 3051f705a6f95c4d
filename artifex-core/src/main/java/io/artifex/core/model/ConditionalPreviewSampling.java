package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.random.Rng;

/**
 * A {@link ConditionalModel} that is also a {@link PreviewSampling} model and draws preview
 * samples for chosen classes too, with the same cheaper sampler (e.g. a class-conditional
 * diffusion model: 50 guided DDIM steps instead of 1,000 guided ancestral steps).
 * {@link #previewOf(ConditionalModel, NDArray, NDManager, Rng)} picks it when a model has one.
 *
 * <p>Thread-safety: implementations must allow concurrent calls of these methods, each with its own
 * {@code Rng} (and its own arrays, manager or batch source where the method takes them), as
 * {@link GenerativeModel} requires; none may overlap training.
 */
public interface ConditionalPreviewSampling extends ConditionalModel, PreviewSampling {

    /** One sample per entry of {@code labels} (int64, shape {@code (n)}) by the preview sampler. */
    NDArray generatePreview(NDArray labels, NDManager manager, Rng rng);

    /** {@code model}'s labelled preview samples if it has a preview sampler, otherwise its ordinary ones. */
    static NDArray previewOf(ConditionalModel model, NDArray labels, NDManager manager, Rng rng) {
        return model instanceof ConditionalPreviewSampling preview ? preview.generatePreview(labels, manager, rng)
                : model.generate(labels, manager, rng);
    }
}
