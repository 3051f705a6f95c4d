package io.artifex.core.config;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a config field that holds one image's shape, written (height, width, channels) as in
 * every Artifex config (tensors themselves are (N, C, H, W); only configs use this order). The
 * field must have exactly three entries, each side at most {@value ConfigLimits#MAX_IMAGE_SIDE} and
 * at most {@value ConfigLimits#MAX_IMAGE_CHANNELS} channels, and a shape that is evidently in (channels, height,
 * width) order, such as {@code [1, 28, 28]} or {@code [3, 32, 32]} (first entry 1 or 3, last
 * entry above 4), is refused with "(height, width, channels) expected, e.g. [28, 28, 1]".
 * A null list is left to {@code @NotNull}; entries are checked by their own constraints.
 *
 * <p>Thread-safety: an annotation, immutable; safe to share between threads.
 */
@Documented
@Constraint(validatedBy = ImageShapeValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface ImageShape {

    /** The message when the list does not have three entries. */
    String message() default "must have 3 entries (height, width, channels)";

    /** Validation groups, as Bean Validation requires. */
    Class<?>[] groups() default {};

    /** Payload, as Bean Validation requires. */
    Class<? extends Payload>[] payload() default {};
}
