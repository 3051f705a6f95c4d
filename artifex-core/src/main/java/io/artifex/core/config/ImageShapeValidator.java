package io.artifex.core.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.List;

/**
 * Checks an {@link ImageShape} field: three entries in (height, width, channels) order. A
 * shape whose first entry is 1 or 3 and whose last is above 4 is taken to be (channels,
 * height, width) and refused; a real image with height 1 or 3 and more than 4 channels is
 * rare enough that the clear error is worth it.
 *
 * <p>Thread-safety: stateless; safe to share between threads.
 */
public final class ImageShapeValidator implements ConstraintValidator<ImageShape, List<Integer>> {

    /** The largest channel count the order check accepts as the last entry of a shape. */
    static final int MAX_CHANNELS_BESIDE_THIN_IMAGE = 4;

    /** Creates the validator (Bean Validation instantiates it). */
    public ImageShapeValidator() {
    }

    /** True for null (left to {@code @NotNull}) and for three entries in (height, width, channels) order. */
    @Override
    public boolean isValid(List<Integer> shape, ConstraintValidatorContext context) {
        if (shape == null) {
            return true;
        }
        if (shape.size() != 3) {
            return false;
        }
        if (tooLarge(shape)) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be at most [" + ConfigLimits.MAX_IMAGE_SIDE + ", "
                            + ConfigLimits.MAX_IMAGE_SIDE + ", " + ConfigLimits.MAX_IMAGE_CHANNELS
                            + "] (height, width, channels), got " + shape)
                    .addConstraintViolation();
            return false;
        }
        long elements = elements(shape);
        if (elements > ConfigLimits.MAX_IMAGE_ELEMENTS) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must hold at most " + ConfigLimits.MAX_IMAGE_ELEMENTS
                            + " values (height x width x channels), got " + elements + " for " + shape)
                    .addConstraintViolation();
            return false;
        }
        if (!looksChannelsFirst(shape)) {
            return true;
        }
        int channels = shape.get(0);
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate("looks like (channels, height, width) " + shape
                        + "; (height, width, channels) expected, e.g. [" + shape.get(1) + ", " + shape.get(2) + ", "
                        + channels + "]")
                .addConstraintViolation();
        return false;
    }

    /** height x width x channels, with a null entry counted as 1 (left to {@code @NotNull}). */
    private static long elements(List<Integer> shape) {
        long product = 1;
        for (Integer side : shape) {
            product *= side == null ? 1 : Math.max(1, side);
        }
        return product;
    }

    /** Whether a side is above {@link ConfigLimits#MAX_IMAGE_SIDE} or the channels above {@link ConfigLimits#MAX_IMAGE_CHANNELS}. */
    private static boolean tooLarge(List<Integer> shape) {
        Integer height = shape.get(0);
        Integer width = shape.get(1);
        Integer channels = shape.get(2);
        return height != null && height > ConfigLimits.MAX_IMAGE_SIDE
                || width != null && width > ConfigLimits.MAX_IMAGE_SIDE
                || channels != null && channels > ConfigLimits.MAX_IMAGE_CHANNELS;
    }

    /**
     * Whether {@code shape} (three entries) is evidently (channels, height, width): its first
     * entry is 1 or 3 and its last is above {@value #MAX_CHANNELS_BESIDE_THIN_IMAGE}.
     */
    public static boolean looksChannelsFirst(List<Integer> shape) {
        if (shape == null || shape.size() != 3 || shape.get(0) == null || shape.get(2) == null) {
            return false;
        }
        int first = shape.get(0);
        return (first == 1 || first == 3) && shape.get(2) > MAX_CHANNELS_BESIDE_THIN_IMAGE;
    }
}
