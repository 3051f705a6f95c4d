package io.artifex.examples.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.model.ConditionalModel;
import io.artifex.core.model.ConditionalPreviewSampling;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.GuidedSampling;
import io.artifex.core.model.GuidedSteppedSampling;
import io.artifex.core.model.PreviewSampling;
import io.artifex.core.model.SteppedSampling;
import io.artifex.core.model.TemperatureSampling;
import io.artifex.core.model.TruncatedSampling;
import io.artifex.core.random.Rng;
import java.util.Map;

/**
 * The sampler settings of {@code sample} and {@code evaluate} ({@code --steps}, {@code --guidance},
 * {@code --temperature}, {@code --truncation}, {@code --preview}), applied through the model's
 * capabilities: {@link SteppedSampling}, {@link GuidedSampling} / {@link GuidedSteppedSampling},
 * {@link TemperatureSampling}, {@link TruncatedSampling}, {@link PreviewSampling}. A setting the
 * model has no capability for is refused with the option and the families that have it.
 *
 * @param steps sampler steps, or null for the model's own
 * @param guidance classifier-free guidance scale for labelled samples, or null for the model's default
 * @param temperature sampling temperature, or null for 1
 * @param truncation truncation bound of the latent prior, or null for none
 * @param preview whether to use the model's cheaper preview sampler where it has one
 */
record SamplingOptions(Integer steps, Double guidance, Double temperature, Double truncation, boolean preview) {

    /** The families (type ids) whose models have each option's capability; checked by a test against the models. */
    static final Map<String, String> FAMILIES = Map.of(
            "--steps", "ddpm, mlp-diffusion",
            "--guidance", "ddpm with numClasses > 0 (class-conditional), with --classes-in-turn",
            "--temperature", "realnvp, glow, maf, pixelcnn (unconditional)",
            "--truncation", "dcgan, mlp-gan");

    /** Checks that the options fit together and that {@code model} has what they ask for. */
    void check(GenerativeModel model, boolean labelled) {
        int given = (steps != null ? 1 : 0) + (temperature != null ? 1 : 0) + (truncation != null ? 1 : 0)
                + (preview ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException("--steps, --temperature, --truncation and --preview each choose the sampler;"
                    + " give at most one of them");
        }
        String family = model.getClass().getSimpleName() + " '" + model.config().name() + "'";
        if (steps != null) {
            require(labelled ? model instanceof GuidedSteppedSampling : model instanceof SteppedSampling, "--steps", family);
            if (steps < 1) {
                throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
            }
        }
        if (temperature != null) {
            require(model instanceof TemperatureSampling && !labelled, "--temperature", family);
            if (!(temperature > 0) || temperature.isInfinite()) {
                throw new IllegalArgumentException("--temperature must be a positive number, got " + temperature);
            }
        }
        if (truncation != null) {
            require(model instanceof TruncatedSampling && !labelled, "--truncation", family);
            if (!(truncation > 0) || truncation.isInfinite()) {
                throw new IllegalArgumentException("--truncation must be a positive number, got " + truncation);
            }
        }
        if (guidance != null) {
            require(model instanceof GuidedSampling, "--guidance", family);
            if (!labelled) {
                throw new IllegalArgumentException("--guidance weighs the class condition of labelled samples; add "
                        + "--classes-in-turn");
            }
            if (!Double.isFinite(guidance) || guidance < 0) {
                throw new IllegalArgumentException("--guidance must be a finite number >= 0, got " + guidance);
            }
        }
        if (labelled && !(model instanceof ConditionalModel)) {
            throw new IllegalArgumentException("--classes-in-turn needs a class-conditional model; " + family
                    + " is unconditional");
        }
    }

    private static void require(boolean has, String option, String family) {
        if (!has) {
            throw new IllegalArgumentException(option + " does not apply to " + family + "; it applies to "
                    + FAMILIES.get(option));
        }
    }

    /** {@code n} unlabelled samples with these settings (call {@link #check} first). */
    NDArray draw(GenerativeModel model, int n, NDManager manager, Rng rng) {
        if (steps != null) {
            return ((SteppedSampling) model).generate(n, steps, manager, rng);
        }
        if (temperature != null) {
            return ((TemperatureSampling) model).generate(n, temperature, manager, rng);
        }
        if (truncation != null) {
            return ((TruncatedSampling) model).generate(n, truncation, manager, rng);
        }
        return preview ? PreviewSampling.previewOf(model, n, manager, rng) : model.generate(n, manager, rng);
    }

    /** One sample per label with these settings (call {@link #check} with {@code labelled} first). */
    NDArray draw(ConditionalModel model, NDArray labels, NDManager manager, Rng rng) {
        if (steps != null) {
            GuidedSteppedSampling stepped = (GuidedSteppedSampling) model;
            return stepped.generate(labels, guidance != null ? guidance : stepped.defaultGuidanceScale(), steps,
                    manager, rng);
        }
        if (guidance != null) {
            GuidedSampling guided = (GuidedSampling) model;
            return preview ? guided.generatePreview(labels, guidance, manager, rng)
                    : guided.generate(labels, guidance, manager, rng);
        }
        return preview ? ConditionalPreviewSampling.previewOf(model, labels, manager, rng)
                : model.generate(labels, manager, rng);
    }
}
