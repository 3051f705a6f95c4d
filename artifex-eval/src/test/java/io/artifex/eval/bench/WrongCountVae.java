package io.artifex.eval.bench;

import io.artifex.core.config.ModelConfig;

/** The VAE entry with a deliberately wrong expected parameter count. */
final class WrongCountVae extends VariantBenchmark {

    private final VaeBenchmark vae;
    private final long expected;

    WrongCountVae(long expected) {
        this(new VaeBenchmark(), expected);
    }

    private WrongCountVae(VaeBenchmark vae, long expected) {
        super(vae);
        this.vae = vae;
        this.expected = expected;
    }

    @Override
    public String id() {
        return vae.id();
    }

    @Override
    public String description() {
        return vae.description();
    }

    @Override
    public ModelConfig config() {
        return vae.config();
    }

    @Override
    public long expectedParameters() {
        return expected;
    }
}
