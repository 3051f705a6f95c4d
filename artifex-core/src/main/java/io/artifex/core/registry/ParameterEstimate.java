package io.artifex.core.registry;

/**
 * How many learned parameters a model config implies, computed from the config alone (no tensor
 * is allocated), and the other arrays it keeps, as {@link ModelFamily#estimateParameters} returns it.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param parameters the number of learned parameters (saturated at {@link Long#MAX_VALUE})
 * @param bufferValues float values of arrays a model keeps besides its learned parameters, held
 *     once whatever the use (no gradient, no optimizer state), e.g. an energy model's replay buffer
 * @param exact true when {@code parameters} is the exact count of the built model, false when it
 *     is an upper bound (the family's Javadoc states how far above the real count it may be)
 * @param drivers the config fields behind the largest share of the count, with their values, e.g.
 *     {@code model.encoder.hiddenDims[0]=16384 x model.encoder.inputShape=[256, 256, 1]}
 */
public record ParameterEstimate(long parameters, long bufferValues, boolean exact, String drivers) {

    /** Checks the count is not negative and the drivers are named. */
    public ParameterEstimate {
        if (parameters < 0 || bufferValues < 0) {
            throw new IllegalArgumentException("parameters and bufferValues must be >= 0, got " + parameters + " and "
                    + bufferValues);
        }
        if (drivers == null || drivers.isBlank()) {
            throw new IllegalArgumentException("drivers must name the config fields behind the count");
        }
    }
}
