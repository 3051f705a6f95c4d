package io.artifex.core.config;

/**
 * Rules that relate several fields of a config record (e.g. the decoder's latent size must
 * equal the encoder's). {@link ConfigValidator} calls {@link #check} on the validated record
 * and on every nested record that implements this interface, after the per-field Bean
 * Validation constraints, and reports both kinds together.
 *
 * <p>A rule must tolerate null fields (a missing field is already reported as
 * {@code must not be null}) and must not throw; it reports through the context.
 *
 * <p>Thread-safety: implementations need not be thread-safe; use one instance per thread unless an
 * implementation says otherwise.
 */
public interface CrossFieldRules {

    /** Reports every broken rule of this record to {@code ctx}, with paths relative to this record. */
    void check(RuleContext ctx);
}
