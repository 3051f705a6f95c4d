package io.artifex.core.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks a {@link Finite} field: true for null and for every number but NaN and the infinities.
 *
 * <p>Thread-safety: stateless; safe to share between threads.
 */
public final class FiniteValidator implements ConstraintValidator<Finite, Number> {

    /** Creates the validator (Bean Validation instantiates it). */
    public FiniteValidator() {
    }

    /** True for null and for a finite value. */
    @Override
    public boolean isValid(Number value, ConstraintValidatorContext context) {
        return value == null || Double.isFinite(value.doubleValue());
    }
}
