package io.artifex.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Parsing of the lower-case names config enums use in files. The error lists every valid
 * name, so a typo in a file says what would have been accepted.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class ConfigEnums {

    private ConfigEnums() {
    }

    /**
     * Finds the constant of {@code type} whose {@code id} equals {@code text}
     * (case-insensitive, surrounding blanks ignored).
     *
     * @param type the enum class
     * @param what the field's meaning for the error, e.g. "padding"
     * @param text the name read from a file
     * @param id the file name of a constant
     * @throws IllegalArgumentException naming {@code what}, the bad text and the valid names
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String what, String text, Function<E, String> id) {
        if (text != null) {
            String key = text.trim().toLowerCase(Locale.ROOT);
            for (E constant : type.getEnumConstants()) {
                if (id.apply(constant).equals(key)) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "'; expected one of "
                + Arrays.stream(type.getEnumConstants()).map(id).collect(Collectors.joining(", ")));
    }

    /** The default file name of a constant: its Java name in lower case. */
    public static String lowerName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
