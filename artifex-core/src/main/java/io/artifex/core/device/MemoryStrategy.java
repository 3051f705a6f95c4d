package io.artifex.core.device;

/**
 * How much of the default device's memory the library plans to use, as in the Python seed's
 * {@code MemoryStrategy}. On this engine the figure caps nothing while a model runs: PyTorch's
 * caching allocator cannot be capped through DJL. It is reported, and a model config whose
 * parameters would not fit in it is refused before the model is built
 * ({@link io.artifex.core.registry.ModelRegistry#requireMemoryFits}).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum MemoryStrategy {
    /** Plan for half of the device memory. */
    CONSERVATIVE(0.50),
    /** Plan for three quarters of the device memory (the default). */
    BALANCED(0.75),
    /** Plan for nine tenths of the device memory. */
    AGGRESSIVE(0.90);

    private final double fraction;

    MemoryStrategy(double fraction) {
        this.fraction = fraction;
    }

    /** The planned share of device memory, in (0, 1]. */
    public double fraction() {
        return fraction;
    }

    /**
     * Parses a strategy name in any case ({@code conservative}, {@code balanced}, {@code aggressive});
     * null means BALANCED.
     *
     * @param source where the value came from, for the error message
     * @throws IllegalArgumentException naming {@code source} and the accepted values
     */
    public static MemoryStrategy fromProperty(String value, String source) {
        if (value == null) {
            return BALANCED;
        }
        for (MemoryStrategy s : values()) {
            if (s.name().equalsIgnoreCase(value.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("invalid memory strategy '" + value + "' from " + source
                + ": expected conservative, balanced or aggressive");
    }

    /** {@code fraction * totalBytes}, or -1 when the total is unknown (negative). */
    public long budget(long totalBytes) {
        return totalBytes < 0 ? -1 : (long) (fraction * totalBytes);
    }
}
