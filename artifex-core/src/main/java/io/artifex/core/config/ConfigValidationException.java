package io.artifex.core.config;

import io.artifex.core.io.OneLine;
import java.util.List;

/**
 * A configuration broke one or more rules. The message lists every violation as
 * {@code path: rule}, e.g. {@code decoder.latentDim: must equal encoder.latentDim (128)}: a first
 * line, then one line per violation (control characters a value brought in are escaped, so each
 * stays on its line).
 *
 * <p>Thread-safety: its fields are final; safe to read from several threads once thrown.
 */
public class ConfigValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> violations;

    /** Creates the exception for the given {@code path: rule} lines (sorted for stable messages). */
    public ConfigValidationException(String configName, List<String> violations) {
        super("invalid " + OneLine.escape(configName) + " configuration:\n  - " + String.join("\n  - ", lines(violations)));
        this.violations = lines(violations);
    }

    /**
     * Creates the exception for a configuration read from {@code source} (a file name), so the
     * message says where the faulty values came from.
     */
    public ConfigValidationException(String configName, String source, List<String> violations) {
        super("invalid " + OneLine.escape(configName) + " configuration in " + OneLine.escape(source) + ":\n  - "
                + String.join("\n  - ", lines(violations)));
        this.violations = lines(violations);
    }

    /** The violations sorted, each on one line. */
    private static List<String> lines(List<String> violations) {
        return violations.stream().map(OneLine::escape).sorted().toList();
    }

    /** The violations, each {@code path: rule}, sorted. */
    public List<String> violations() {
        return violations;
    }
}
