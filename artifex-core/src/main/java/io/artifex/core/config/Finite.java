package io.artifex.core.config;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a floating-point config field that must be a finite number: NaN and the infinities
 * (written {@code .nan}, {@code .inf}, {@code NaN} or {@code Infinity} in a file) are refused
 * with "must be a finite number". Null is left to {@code @NotNull}.
 *
 * <p>Thread-safety: an annotation, immutable; safe to share between threads.
 */
@Documented
@Constraint(validatedBy = FiniteValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Finite {

    /** The message of a violation. */
    String message() default "must be a finite number";

    /** Validation groups, as Bean Validation requires. */
    Class<?>[] groups() default {};

    /** Payload, as Bean Validation requires. */
    Class<? extends Payload>[] payload() default {};
}
