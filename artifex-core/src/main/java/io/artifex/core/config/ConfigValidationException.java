package io.artifex.core.config;

import java.util.List;

/**
 * A configuration broke one or more rules. The message lists every violation as
 * {@code path: rule}, e.g. {@code decoder.latentDim: must equal encoder.latentDim (128)}.
 */
public class ConfigValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> violations;

    /** Creates the exception for the given {@code path: rule} lines (sorted for stable messages). */
    public ConfigValidationException(String configName, List<String> violations) {
        super("invalid " + configName + " configuration:\n  - " + String.join("\n  - ", violations.stream().sorted().toList()));
        this.violations = violations.stream().sorted().toList();
    }

    /**
     * Creates the exception for a configuration read from {@code source} (a file name), so the
     * message says where the faulty values came from.
     */
    public ConfigValidationException(String configName, String source, List<String> violations) {
        super("invalid " + configName + " configuration in " + source + ":\n  - "
                + String.join("\n  - ", violations.stream().sorted().toList()));
        this.violations = violations.stream().sorted().toList();
    }

    /** The violations, each {@code path: rule}, sorted. */
    public List<String> violations() {
        return violations;
    }
}
