package io.artifex.models.common;

import io.artifex.core.registry.ParameterEstimate;
import java.util.List;

/**
 * Adds up the learned parameters of a network layer by layer, from config values alone, for a
 * family's {@link io.artifex.core.registry.ModelFamily#estimateParameters}. Each layer is one
 * term described by the config fields that size it ({@code path=value}); the estimate names the
 * largest term, the one to shrink when a config is refused for its memory. Counts saturate at
 * {@link Long#MAX_VALUE} instead of overflowing.
 *
 * <p>The layer formulas match DJL's and the library's blocks: a dense layer has {@code in x out}
 * weights and {@code out} biases; a convolution (or transposed one) {@code in x out x kh x kw}
 * weights and {@code out} biases; a normalisation layer (batch, group, layer norm, ActNorm) a
 * scale and a shift per channel, its running statistics not being learned.
 *
 * <p>Thread-safety: not thread-safe; use one tally per estimate.
 */
public final class ParameterTally {

    private long total;
    private long buffers;
    private long largest = -1;
    private String largestTerm;
    private boolean exact = true;

    /** {@code path=value}, the way a term names a config field. */
    public static String field(String path, Object value) {
        return path + "=" + value;
    }

    /** An image shape field, {@code path=[h, w, c] (n values)}. */
    public static String image(String path, List<Integer> hwc) {
        long values = 1;
        for (int side : hwc) {
            values = times(values, side);
        }
        return field(path, hwc) + " (" + values + " values)";
    }

    /** A dense layer with bias: {@code in x out + out}. */
    public ParameterTally dense(long in, String inWhat, long out, String outWhat) {
        return add(plus(times(in, out), out), inWhat + " x " + outWhat);
    }

    /** A dense layer without bias: {@code in x out}. */
    public ParameterTally denseNoBias(long in, String inWhat, long out, String outWhat) {
        return add(times(in, out), inWhat + " x " + outWhat);
    }

    /**
     * Dense layers of the given widths after an input of {@code in} features, as
     * {@link Mlp}: layer {@code i} maps the previous width to {@code widths[i]}, named
     * {@code widthsPath[i]}.
     *
     * @return the last width (the MLP's output size)
     */
    public long mlp(long in, String inWhat, List<Integer> widths, String widthsPath) {
        long previous = in;
        String previousWhat = inWhat;
        for (int i = 0; i < widths.size(); i++) {
            String what = field(widthsPath + "[" + i + "]", widths.get(i));
            dense(previous, previousWhat, widths.get(i), what);
            previous = widths.get(i);
            previousWhat = what;
        }
        return previous;
    }

    /** A 2-D convolution (or transposed convolution) with bias and a {@code kh x kw} kernel. */
    public ParameterTally conv(long in, String inWhat, long out, String outWhat, long kh, long kw) {
        return add(plus(times(times(in, out), times(kh, kw)), out), inWhat + " x " + outWhat + " x " + kh + "x" + kw);
    }

    /** A 2-D convolution without bias. */
    public ParameterTally convNoBias(long in, String inWhat, long out, String outWhat, long kh, long kw) {
        return add(times(times(in, out), times(kh, kw)), inWhat + " x " + outWhat + " x " + kh + "x" + kw);
    }

    /** A normalisation layer with a learned scale and shift per channel: {@code 2 x channels}. */
    public ParameterTally norm(long channels, String what) {
        return add(times(2, channels), "norm of " + what);
    }

    /** Any other term of {@code count} parameters, described by {@code what}. */
    public ParameterTally add(long count, String what) {
        total = plus(total, count);
        if (count > largest) {
            largest = count;
            largestTerm = what;
        }
        return this;
    }

    /**
     * An array of {@code values} floats the model keeps besides its learned parameters (a replay
     * buffer): counted once in memory, never in the parameter count.
     */
    public ParameterTally buffer(long values, String what) {
        buffers = plus(buffers, values);
        if (values > largest) {
            largest = values;
            largestTerm = what;
        }
        return this;
    }

    /** Adds every term of {@code other}, keeping its largest term as a candidate for this one's. */
    public ParameterTally addAll(ParameterTally other) {
        total = plus(total, other.total);
        buffers = plus(buffers, other.buffers);
        if (other.largest > largest) {
            largest = other.largest;
            largestTerm = other.largestTerm;
        }
        exact &= other.exact;
        return this;
    }

    /** Marks the count as an upper bound rather than exact (the family documents how loose it is). */
    public ParameterTally upperBound() {
        exact = false;
        return this;
    }

    /** The count so far. */
    public long total() {
        return total;
    }

    /** The estimate: the total, the buffer values, whether it is exact, and the largest term as its drivers. */
    public ParameterEstimate estimate() {
        return new ParameterEstimate(total, buffers, exact, largestTerm == null ? "no layer" : largestTerm);
    }

    /** {@code a x b}, saturated at {@link Long#MAX_VALUE}. */
    public static long times(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    /** {@code a + b}, saturated at {@link Long#MAX_VALUE}. */
    public static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
