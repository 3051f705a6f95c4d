package io.artifex.core.config;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code name} of a config, which may name an output folder: at most
 * {@value ConfigLimits#MAX_NAME_LENGTH} characters of letters, digits, {@code .}, {@code _} and
 * {@code -}, starting with a letter or digit (so no path separators, no {@code ..}, no hidden
 * folder, no spaces). Null and blank are left to {@code @NotBlank}.
 *
 * <p>Thread-safety: an annotation, immutable; safe to share between threads.
 */
@Documented
@Constraint(validatedBy = ConfigNameValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ConfigName {

    /** The message when the name has a character a folder name must not have. */
    String message() default "must be usable as a folder name: letters, digits, '.', '_' and '-', "
            + "starting with a letter or digit";

    /** Validation groups, as Bean Validation requires. */
    Class<?>[] groups() default {};

    /** Payload, as Bean Validation requires. */
    Class<? extends Payload>[] payload() default {};
}
