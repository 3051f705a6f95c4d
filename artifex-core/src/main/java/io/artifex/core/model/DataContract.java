package io.artifex.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.image.ValueRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data a model expects, declared by the model ({@link GenerativeModel#dataContract()}) and
 * checked on the first batch by the trainer and the evaluators: the range of values, the shape
 * of one example, whether the values are continuous, discrete levels or dequantised 8-bit
 * pixels, and which {@link Preprocessing} of {@link DataConfig} turns 8-bit images into such
 * data (the first one is what {@code preprocessing: auto} applies).
 *
 * <p><b>The rules</b> {@link #mismatch} applies to a batch {@code (N, ...)}:
 * <ul>
 *   <li>every value is finite;</li>
 *   <li>{@code N >= 1} and each example holds as many values as {@link #exampleShape()} (the
 *       families accept {@code (N, shape)} and the flat {@code (N, D)});</li>
 *   <li>every value lies in {@code [low, high]} (with a tolerance of {@value #RELATIVE_TOLERANCE}
 *       of the width);</li>
 *   <li>a range whose finite lower bound is below zero (e.g. [-1, 1]) sees a negative value unless the batch is
 *       all zeros: a batch with values in [0, max] and no negative one is [0, 1] data
 *       ({@code scale01}, {@code binarize} or {@code dequantize}) given to a model of [-1, 1];</li>
 *   <li>{@link Kind#DISCRETE}: every value is within 0.01 of a level {@code k / (levels - 1)};</li>
 *   <li>{@link Kind#DEQUANTIZED}: not every value lies on the 8-bit grid {@code k / 255} (that is
 *       {@code scale01} or {@code binarize} output, not dequantised data);</li>
 *   <li>{@link Kind#TOKENS}: the batch is {@code (N, T)} with {@code 2 <= T <=} the example length
 *       (shorter windows are accepted), and every value is an integer id in {@code [0, levels)}.</li>
 * </ul>
 * The check reads one batch to the host; it is meant for the first batch of a run, not every step.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public final class DataContract {

    /** The share of the range's width by which a value may stray outside it (float rounding). */
    public static final double RELATIVE_TOLERANCE = 1e-5;
    /** How far (in levels) a value of a {@link Kind#DISCRETE} contract may be from a level. */
    public static final double LEVEL_TOLERANCE = 0.01;

    private static final Logger LOG = LoggerFactory.getLogger(DataContract.class);
    private static final double GRID_8BIT_TOLERANCE = 1e-3;

    /** What kind of values a model reads. */
    public enum Kind {
        /** Continuous values in the range (any real number for an unbounded range). */
        REAL,
        /** Discrete levels {@code k / (levels - 1)}, {@code k = 0 .. levels - 1}, in [0, 1]. */
        DISCRETE,
        /** Dequantised 8-bit pixels {@code (pixel + u) / 256}, {@code u ~ U[0, 1)}, in [0, 1). */
        DEQUANTIZED,
        /** Integer token ids {@code 0 .. levels - 1} in windows {@code (N, T)} of at most the example length. */
        TOKENS
    }

    private final double low;
    private final double high;
    private final Shape exampleShape;
    private final Kind kind;
    private final int levels;
    private final List<Preprocessing> preprocessing;

    private DataContract(double low, double high, Shape exampleShape, Kind kind, int levels,
                         List<Preprocessing> preprocessing) {
        if (Double.isNaN(low) || Double.isNaN(high) || !(low < high)) {
            throw new IllegalArgumentException("a data contract needs low < high, got [" + low + ", " + high + "]");
        }
        if (exampleShape != null && (exampleShape.dimension() == 0 || exampleShape.size() < 1)) {
            throw new IllegalArgumentException("a data contract's example shape must have at least one value, got "
                    + exampleShape);
        }
        for (Preprocessing p : preprocessing) {
            if (p == null || p == Preprocessing.AUTO) {
                throw new IllegalArgumentException("a data contract declares concrete preprocessings, got " + p);
            }
        }
        this.low = low;
        this.high = high;
        this.exampleShape = exampleShape;
        this.kind = kind;
        this.levels = levels;
        this.preprocessing = List.copyOf(preprocessing);
    }

    /** No declaration: any finite real values of any shape (the default of {@link GenerativeModel}). */
    public static DataContract any() {
        return new DataContract(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, null, Kind.REAL, 0, List.of());
    }

    /** Any finite real values (toy 2-D points, tabular data, a Gaussian likelihood), examples of {@code exampleShape}. */
    public static DataContract real(Shape exampleShape) {
        return new DataContract(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, requireShape(exampleShape),
                Kind.REAL, 0, List.of());
    }

    /**
     * Continuous values in {@code [low, high]}, examples of {@code exampleShape}; {@code preprocessing}
     * lists the data preprocessings that produce such values from 8-bit images, the preferred first
     * (none when no built-in one does).
     */
    public static DataContract bounded(double low, double high, Shape exampleShape, Preprocessing... preprocessing) {
        return new DataContract(low, high, requireShape(exampleShape), Kind.REAL, 0, Arrays.asList(preprocessing));
    }

    /** Continuous values in an image {@link ValueRange}: {@code [0, 1]} ({@code scale01}) or {@code [-1, 1]} ({@code scale11}). */
    public static DataContract of(ValueRange range, Shape exampleShape) {
        Preprocessing p = range == ValueRange.MINUS_ONE_ONE ? Preprocessing.SCALE11 : Preprocessing.SCALE01;
        return bounded(range.low(), range.high(), exampleShape, p);
    }

    /**
     * Discrete levels {@code k / (levels - 1)} in [0, 1] (e.g. 8-bit pixels / 255 for 256 levels),
     * examples of {@code exampleShape}; {@code preprocessing} as for {@link #bounded}.
     */
    public static DataContract discrete(int levels, Shape exampleShape, Preprocessing... preprocessing) {
        if (levels < 2) {
            throw new IllegalArgumentException("a discrete data contract needs at least 2 levels, got " + levels);
        }
        return new DataContract(0, 1, requireShape(exampleShape), Kind.DISCRETE, levels, Arrays.asList(preprocessing));
    }

    /** Dequantised 8-bit pixels {@code (pixel + u) / 256} in [0, 1) ({@code dequantize}), examples of {@code exampleShape}. */
    public static DataContract dequantized(Shape exampleShape) {
        return new DataContract(0, 1, requireShape(exampleShape), Kind.DEQUANTIZED, 256,
                List.of(Preprocessing.DEQUANTIZE));
    }

    /**
     * Integer token ids in {@code [0, vocabularySize)}, windows {@code (N, T)} of {@code 2 <= T <= maxLength}
     * tokens (text batches carry int32 ids); no image preprocessing produces them. The example shape is
     * {@code (maxLength)}, the longest window.
     */
    public static DataContract tokens(int vocabularySize, int maxLength) {
        if (vocabularySize < 2) {
            throw new IllegalArgumentException("a token data contract needs a vocabulary of at least 2 ids, got "
                    + vocabularySize);
        }
        if (maxLength < 2) {
            throw new IllegalArgumentException("a token data contract needs windows of at least 2 tokens, got maxLength "
                    + maxLength);
        }
        return new DataContract(0, vocabularySize - 1, new Shape(maxLength), Kind.TOKENS, vocabularySize, List.of());
    }

    private static Shape requireShape(Shape shape) {
        if (shape == null) {
            throw new IllegalArgumentException("a data contract's example shape must not be null; use DataContract.any()"
                    + " for a model that accepts any shape");
        }
        return shape;
    }

    /** The lower bound of every value ({@code -infinity} when unbounded). */
    public double low() {
        return low;
    }

    /** The upper bound of every value ({@code +infinity} when unbounded). */
    public double high() {
        return high;
    }

    /** Whether both bounds are finite. */
    public boolean isBounded() {
        return Double.isFinite(low) && Double.isFinite(high);
    }

    /** The shape of one example, without the batch axis; empty when any shape is accepted. */
    public Optional<Shape> exampleShape() {
        return Optional.ofNullable(exampleShape);
    }

    /** Continuous, discrete or dequantised values. */
    public Kind kind() {
        return kind;
    }

    /**
     * The number of levels of a {@link Kind#DISCRETE} contract (256 for {@link Kind#DEQUANTIZED}, the
     * vocabulary size for {@link Kind#TOKENS}); 0 for {@link Kind#REAL}.
     */
    public int levels() {
        return levels;
    }

    /** The data preprocessings that produce this data from 8-bit images, preferred first; empty when none does. */
    public List<Preprocessing> preprocessing() {
        return preprocessing;
    }

    /** The image range of this contract, for pictures: present for [0, 1] and [-1, 1]. */
    public Optional<ValueRange> valueRange() {
        for (ValueRange r : ValueRange.values()) {
            if (r.low() == low && r.high() == high) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code config} with {@code preprocessing: auto} replaced by this contract's preferred
     * preprocessing ({@code scale01}, the default, for a contract that declares none); any other
     * config is returned unchanged.
     */
    public DataConfig resolve(DataConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("data config must not be null");
        }
        if (config.preprocessing() != Preprocessing.AUTO) {
            return config;
        }
        Preprocessing chosen = preprocessing.isEmpty() ? Preprocessing.SCALE01 : preprocessing.get(0);
        LOG.info("data preprocessing 'auto' resolved to '{}' for a model of {}", chosen.id(), describe());
        return config.toBuilder().preprocessing(chosen).build();
    }

    /** What this contract accepts, in words, e.g. {@code values in [-1, 1], examples of shape (1, 28, 28) or flat (784)}. */
    public String describe() {
        String values = switch (kind) {
            case REAL -> Double.isInfinite(low) && Double.isInfinite(high) ? "any finite real values"
                    : "values in [" + number(low) + ", " + number(high) + "]";
            case DISCRETE -> "discrete values k / " + (levels - 1) + " in [0, 1] (" + levels + " levels)";
            case DEQUANTIZED -> "dequantised 8-bit values (pixel + u) / 256 in [0, 1)";
            case TOKENS -> "integer token ids in [0, " + levels + ")";
        };
        if (kind == Kind.TOKENS) {
            return values + ", windows (N, T) of 2 to " + exampleShape.size() + " tokens";
        }
        if (exampleShape == null) {
            return values + ", examples of any shape";
        }
        return values + ", examples of shape " + exampleShape
                + (exampleShape.dimension() > 1 ? " or flat (" + exampleShape.size() + ")" : "");
    }

    /**
     * What is wrong with batch {@code x} {@code (N, ...)} under this contract (see the class
     * notes), naming what was found (shape, min/max); empty when it conforms. Reads {@code x} to
     * the host; creates no array that outlives the call except on {@code x}'s manager.
     */
    public Optional<String> mismatch(NDArray x) {
        return problem(x).map(Problem::text);
    }

    /** Why a batch was refused: the remedy depends on it. */
    private enum Cause { SHAPE, NOT_FINITE, VALUES }

    private record Problem(Cause cause, String text) {
    }

    private Optional<Problem> problem(NDArray x) {
        if (x == null) {
            return Optional.of(new Problem(Cause.NOT_FINITE, "is null"));
        }
        Shape s = x.getShape();
        if (s.dimension() < 2 || s.get(0) < 1) {
            return Optional.of(new Problem(Cause.SHAPE, "has shape " + s + ", not (N, ...) with at least one example"));
        }
        long perExample = s.size() / s.get(0);
        if (kind == Kind.TOKENS) {
            if (s.dimension() != 2 || s.get(1) < 2 || s.get(1) > exampleShape.size()) {
                return Optional.of(new Problem(Cause.SHAPE, "has shape " + s + ", not (N, T) with 2 <= T <= "
                        + exampleShape.size()));
            }
        } else if (exampleShape != null && perExample != exampleShape.size()) {
            return Optional.of(new Problem(Cause.SHAPE, "has shape " + s + " (" + perExample
                    + " values per example, not " + exampleShape.size() + ")"));
        }
        float[] v = (x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false)).toFloatArray();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean allOnByteGrid = true;
        long offLevel = 0;
        long notInteger = 0;
        for (float f : v) {
            if (!Float.isFinite(f)) {
                return Optional.of(new Problem(Cause.NOT_FINITE, "contains " + f + " (shape " + s
                        + "); every value must be finite"));
            }
            min = Math.min(min, f);
            max = Math.max(max, f);
            if (allOnByteGrid) {
                double scaled = f * 255.0;
                allOnByteGrid = Math.abs(scaled - Math.rint(scaled)) <= GRID_8BIT_TOLERANCE;
            }
            if (kind == Kind.DISCRETE) {
                double scaled = f * (double) (levels - 1);
                if (Math.abs(scaled - Math.rint(scaled)) > LEVEL_TOLERANCE) {
                    offLevel++;
                }
            }
            if (kind == Kind.TOKENS && f != Math.rint(f)) {
                notInteger++;
            }
        }
        String found = "has values in [" + number(min) + ", " + number(max) + "] (shape " + s + ")";
        if (kind == Kind.TOKENS) {
            if (notInteger > 0 || min < 0 || max > high) {
                return values(found + (notInteger > 0 ? " with " + notInteger + " of " + v.length + " values not integers"
                        : ", outside the ids [0, " + levels + ")"));
            }
            return Optional.empty();
        }
        double tolerance = isBounded() ? RELATIVE_TOLERANCE * (high - low) : 0;
        if (min < low - tolerance || max > high + tolerance) {
            String raw = max > 2 && high <= 1 ? ": raw 0..255 intensities?" : "";
            return values(found + ", outside [" + number(low) + ", " + number(high) + "]" + raw);
        }
        if (Double.isFinite(low) && low < 0 && high > 0 && min >= 0 && max > 0) {
            return values(found + " and none below 0 although the model's range reaches " + number(low)
                    + ": this is [0, 1] data (preprocessing scale01, binarize or dequantize)");
        }
        if (kind == Kind.DISCRETE && offLevel > 0) {
            return values(found + " with " + offLevel + " of " + v.length + " values off the levels k / "
                    + (levels - 1) + " (dequantised or rescaled data?)");
        }
        if (kind == Kind.DEQUANTIZED && allOnByteGrid) {
            return values(found + " with every value on the 8-bit grid k / 255: discrete pixels"
                    + " (preprocessing scale01 or binarize), not dequantised ones");
        }
        return Optional.empty();
    }

    private static Optional<Problem> values(String text) {
        return Optional.of(new Problem(Cause.VALUES, text));
    }

    /**
     * Refuses batch {@code x} when it does not conform (see {@link #mismatch}).
     *
     * @param x the batch inputs {@code (N, ...)}
     * @param model names the model in the message, e.g. {@code DiffusionModel 'ddpm'}
     * @param where names the batch in the message, e.g. {@code the first training batch}
     * @throws DataContractException naming the model, the contract, what was found and the preprocessing to use
     */
    public void check(NDArray x, String model, String where) {
        Optional<Problem> problem = problem(x);
        if (problem.isPresent()) {
            throw new DataContractException(model + " expects " + describe() + "; " + where + " "
                    + problem.get().text() + ". " + remedy(problem.get().cause()));
        }
    }

    /**
     * Refuses batch {@code x} when it does not match {@code model}'s contract; the message names
     * the model by class and config name.
     *
     * @param where names the batch in the message, e.g. {@code the first test batch}
     * @throws DataContractException as {@link #check(NDArray, String, String)}
     */
    public static void requireMatch(GenerativeModel model, NDArray x, String where) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        model.dataContract().check(x, model.getClass().getSimpleName() + " '" + model.config().name() + "'", where);
    }

    /** The fix to suggest: the preprocessing(s) and transform(s) that produce this data, or what to change. */
    private String remedy(Cause cause) {
        if (kind == Kind.TOKENS && cause != Cause.NOT_FINITE) {
            return cause == Cause.SHAPE
                    ? "Serve token windows (N, T) no longer than " + exampleShape.size()
                    + " (the data's maxLength), or raise the model's context length"
                    : "Serve token ids of a tokenizer with at most " + levels
                    + " ids (the model's vocabSize), or set vocabSize to the tokenizer's";
        }
        if (cause == Cause.SHAPE) {
            return exampleShape == null ? "Serve batches shaped (N, ...)"
                    : "Use a data set whose examples have shape " + exampleShape + " (DataConfig.dataset, directory),"
                    + " or change the model config's shape to the data's";
        }
        if (cause == Cause.NOT_FINITE) {
            return "Check the data source";
        }
        if (preprocessing.isEmpty()) {
            return "Scale the data into this range yourself (no built-in preprocessing produces it)";
        }
        String names = preprocessing.stream().map(p -> "'" + p.id() + "'").collect(Collectors.joining(" or "));
        List<String> methods = new ArrayList<>();
        for (Preprocessing p : preprocessing) {
            p.transformMethod().ifPresent(m -> methods.add(Preprocessing.TRANSFORMS_CLASS + "." + m));
        }
        return "Use the data preprocessing " + names + " (DataConfig.preprocessing, in files 'preprocessing: "
                + preprocessing.get(0).id() + "'; in code " + String.join(" or ", methods)
                + " on raw 8-bit pixels), or 'preprocessing: auto' to apply the model's own";
    }

    private static String number(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }

    @Override
    public String toString() {
        return "DataContract[" + describe() + (preprocessing.isEmpty() ? "" : ", preprocessing "
                + preprocessing.stream().map(Preprocessing::id).toList()) + "]";
    }
}
