package io.artifex.eval.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.artifex.core.model.ConditionalModel;
import io.artifex.core.model.ConditionalPreviewSampling;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.model.GuidedSampling;
import io.artifex.core.model.PersistentChainSampling;
import io.artifex.core.model.PreviewSampling;
import io.artifex.core.model.TruncatedSampling;
import io.artifex.core.random.Rng;
import java.util.Locale;

/**
 * How a sampling workload or a quality sample set draws its samples, in protocol terms that the
 * model's capabilities carry out; nothing here knows a family.
 *
 * <ul>
 *   <li>{@code sampler: generate} (default) or {@code preview}: the model's ordinary sampler,
 *       or its cheaper preview sampler ({@link PreviewSampling}, {@link ConditionalPreviewSampling};
 *       e.g. 50 DDIM steps instead of 1,000 ancestral ones).</li>
 *   <li>{@code labels: in-turn}: sample {@code j} is drawn for class {@code j % numClasses}
 *       ({@link ConditionalModel}), so the classes are balanced by construction.</li>
 *   <li>{@code guidanceScale: g}: conditional samples with classifier-free guidance {@code g}
 *       ({@link GuidedSampling}); needs {@code labels: in-turn}.</li>
 *   <li>{@code truncation: t}: latents from the prior truncated at {@code |z_i| <= t}
 *       ({@link TruncatedSampling}).</li>
 *   <li>{@code start: persistent}: chains continued from the model's stored states
 *       ({@link PersistentChainSampling}); a set draws at most {@code persistentStates()}.</li>
 * </ul>
 *
 * <p>A model without the capability a sampler asks for is refused with an error that names the
 * entry, the set and the capability.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param method the ordinary or the preview sampler
 * @param labelsInTurn whether samples are drawn for classes 0, 1, ..., in turn
 * @param guidanceScale the classifier-free guidance scale, or null for the model's default
 * @param truncation the bound of the truncated prior, or null for the full prior
 * @param persistent whether chains start from the model's stored states
 */
public record Sampler(Method method, boolean labelsInTurn, Double guidanceScale, Double truncation, boolean persistent) {

    /** The ordinary or the preview sampler. */
    public enum Method {
        /** {@link GenerativeModel#generate(int, NDManager, Rng)}. */
        GENERATE,
        /** {@link PreviewSampling#generatePreview(int, NDManager, Rng)}. */
        PREVIEW;

        /** The id used in entry files: {@code generate} or {@code preview}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks that the options can be combined. */
    public Sampler {
        if (method == null) {
            throw new IllegalArgumentException("sampler method must not be null");
        }
        if (guidanceScale != null && (!Double.isFinite(guidanceScale) || guidanceScale < 0)) {
            throw new IllegalArgumentException("guidanceScale must be a finite number >= 0, got " + guidanceScale);
        }
        if (guidanceScale != null && !labelsInTurn) {
            throw new IllegalArgumentException("guidanceScale applies to conditional samples: it needs 'labels: in-turn'");
        }
        if (truncation != null && (!Double.isFinite(truncation) || truncation <= 0)) {
            throw new IllegalArgumentException("truncation must be a finite number > 0, got " + truncation);
        }
        int special = (truncation != null ? 1 : 0) + (persistent ? 1 : 0) + (labelsInTurn ? 1 : 0);
        if (special > 1) {
            throw new IllegalArgumentException("at most one of 'truncation', 'start: persistent' and 'labels: in-turn' "
                    + "can be set on one sampler");
        }
        if (method == Method.PREVIEW && (truncation != null || persistent)) {
            throw new IllegalArgumentException("'sampler: preview' cannot be combined with 'truncation' or "
                    + "'start: persistent'");
        }
    }

    /** The model's ordinary sampler, no options. */
    public static Sampler generate() {
        return plain(Method.GENERATE);
    }

    /** The model's preview sampler, no options. */
    public static Sampler preview() {
        return plain(Method.PREVIEW);
    }

    /** {@code method} with no guidance, no truncation, fresh chains and no labels. */
    private static Sampler plain(Method method) {
        Double modelsDefaultGuidance = null;
        Double fullPrior = null;
        return new Sampler(method, false, modelsDefaultGuidance, fullPrior, false);
    }

    /** This sampler drawing for classes in turn. */
    public Sampler withLabelsInTurn() {
        return new Sampler(method, true, guidanceScale, truncation, persistent);
    }

    /** This sampler with classifier-free guidance {@code scale} (labels in turn). */
    public Sampler withGuidanceScale(double scale) {
        return new Sampler(method, true, scale, truncation, persistent);
    }

    /** This sampler drawing latents from the prior truncated at {@code bound}. */
    public Sampler withTruncation(double bound) {
        return new Sampler(method, labelsInTurn, guidanceScale, bound, persistent);
    }

    /** This sampler continuing the model's stored chain states. */
    public Sampler fromPersistentStates() {
        return new Sampler(method, labelsInTurn, guidanceScale, truncation, true);
    }

    /**
     * {@code n} samples from {@code model}; labelled samplers draw for classes 0, 1, ... in
     * turn. {@code what} names the entry and set in errors.
     */
    public NDArray draw(GenerativeModel model, int n, NDManager manager, Rng rng, String what) {
        if (labelsInTurn) {
            int classes = numClasses(model, what);
            return drawFor(model, BenchQuality.labelsInTurn(n, classes, manager), manager, rng, what);
        }
        if (persistent) {
            return require(model, PersistentChainSampling.class, what, "start: persistent")
                    .generateFromPersistentStates(n, manager, rng);
        }
        if (truncation != null) {
            return require(model, TruncatedSampling.class, what, "truncation").generate(n, truncation, manager, rng);
        }
        if (method == Method.PREVIEW) {
            return require(model, PreviewSampling.class, what, "sampler: preview").generatePreview(n, manager, rng);
        }
        return model.generate(n, manager, rng);
    }

    /** One sample per entry of {@code labels} (int64) from a conditional {@code model}. */
    public NDArray drawFor(GenerativeModel model, NDArray labels, NDManager manager, Rng rng, String what) {
        if (guidanceScale != null) {
            GuidedSampling guided = require(model, GuidedSampling.class, what, "guidanceScale");
            return method == Method.PREVIEW ? guided.generatePreview(labels, guidanceScale, manager, rng)
                    : guided.generate(labels, guidanceScale, manager, rng);
        }
        if (method == Method.PREVIEW) {
            return require(model, ConditionalPreviewSampling.class, what, "sampler: preview with labels")
                    .generatePreview(labels, manager, rng);
        }
        return require(model, ConditionalModel.class, what, "labels: in-turn").generate(labels, manager, rng);
    }

    /** The number of classes of a conditional {@code model}. */
    public int numClasses(GenerativeModel model, String what) {
        return require(model, ConditionalModel.class, what, "labels: in-turn").numClasses();
    }

    /** The most samples one call can draw from {@code model}: stored states for a persistent sampler, else unlimited. */
    public int maxSamples(GenerativeModel model, String what) {
        return persistent ? require(model, PersistentChainSampling.class, what, "start: persistent").persistentStates()
                : Integer.MAX_VALUE;
    }

    private static <T> T require(GenerativeModel model, Class<T> capability, String what, String option) {
        if (!capability.isInstance(model)) {
            throw new IllegalArgumentException(what + " asks for '" + option + "', which needs a "
                    + capability.getSimpleName() + " model; " + model.getClass().getSimpleName() + " ("
                    + model.config().name() + ") is not one");
        }
        return capability.cast(model);
    }
}
