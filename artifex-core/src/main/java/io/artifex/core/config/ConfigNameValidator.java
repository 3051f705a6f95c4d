package io.artifex.core.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.regex.Pattern;

/**
 * Checks a {@link ConfigName}: its length first (reported with the actual length), then its characters.
 *
 * <p>Thread-safety: stateless; safe to share between threads.
 */
public final class ConfigNameValidator implements ConstraintValidator<ConfigName, String> {

    private static final Pattern FOLDER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** Creates the validator (Bean Validation instantiates it). */
    public ConfigNameValidator() {
    }

    /** True for null, blank (left to {@code @NotBlank}) and a short folder-safe name. */
    @Override
    public boolean isValid(String name, ConstraintValidatorContext context) {
        if (name == null || name.isBlank()) {
            return true;
        }
        if (name.length() > ConfigLimits.MAX_NAME_LENGTH) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be at most " + ConfigLimits.MAX_NAME_LENGTH
                    + " characters, got " + name.length()).addConstraintViolation();
            return false;
        }
        return FOLDER_NAME.matcher(name).matches();
    }
}
