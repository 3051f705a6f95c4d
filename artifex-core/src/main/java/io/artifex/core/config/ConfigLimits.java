package io.artifex.core.config;

/**
 * The finite ranges of the config schema, in one place. Every numeric field of a config
 * record carries a Bean Validation bound taken from these constants, every string a maximum
 * length, so that a value the library cannot honour (a batch of 2^30 examples, 10^9 diffusion
 * timesteps, a name longer than a folder name may be) is refused by validation, naming the
 * field, before any tensor is allocated. docs/configuration.md lists them as a table.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class ConfigLimits {

    /** Longest {@code name} of a config (it names output folders): 128 characters. */
    public static final int MAX_NAME_LENGTH = 128;
    /** Longest short text field (a dataset id, a monitored metric, an optimizer key): 256 characters. */
    public static final int MAX_TEXT_LENGTH = 256;
    /** Longest path field (a data or checkpoint directory): 4,096 characters. */
    public static final int MAX_PATH_LENGTH = 4096;
    /** Largest width of a layer: hidden sizes, latent sizes, channel counts, embedding sizes. */
    public static final int MAX_WIDTH = 16_384;
    /** Largest flat data dimension (a vector's length): 2^20, a 1024 x 1024 image. */
    public static final int MAX_DATA_DIM = 1_048_576;
    /** Largest height or width of an image shape. */
    public static final int MAX_IMAGE_SIDE = 4096;
    /** Largest channel count of an image shape. */
    public static final int MAX_IMAGE_CHANNELS = 1024;
    /**
     * Most values in one image (height x width x channels): 2^26, a 4096 x 4096 image of 4
     * channels. Keeps every per-example count within an {@code int} and a single example within
     * 256 MB of floats.
     */
    public static final long MAX_IMAGE_ELEMENTS = 1L << 26;
    /** Most layers, blocks or list entries of one network. */
    public static final int MAX_LAYERS = 1000;
    /** Most classes of a conditional model. */
    public static final int MAX_CLASSES = 100_000;
    /** Most diffusion timesteps (at least 2 are needed). */
    public static final int MAX_TIMESTEPS = 10_000;
    /** Largest batch size. */
    public static final int MAX_BATCH_SIZE = 65_536;
    /** Most epochs (and the largest epoch interval). */
    public static final int MAX_EPOCHS = 1_000_000;
    /** Largest step count or step interval. */
    public static final int MAX_STEPS = 1_000_000_000;
    /** Most MCMC steps per sample (Langevin steps, leapfrog steps). */
    public static final int MAX_MCMC_STEPS = 10_000;
    /** Most samples a replay buffer keeps. */
    public static final int MAX_BUFFER_CAPACITY = 1_000_000;
    /** Most floats a replay buffer may hold (capacity times the sample size): 2^28, 1 GiB. */
    public static final long MAX_BUFFER_ELEMENTS = 1L << 28;
    /** Most checkpoints kept. */
    public static final int MAX_KEEP = 10_000;
    /** Most importance samples or similar per-example repetitions. */
    public static final int MAX_SAMPLES = 100_000;
    /** Largest toy data set. */
    public static final int MAX_TOY_SIZE = 10_000_000;
    /** Largest kernel size or stride entry of a convolution. */
    public static final int MAX_KERNEL = 64;
    /** Most attention heads or normalisation groups. */
    public static final int MAX_GROUPS = 1024;
    /** Most quantisation levels of a discrete pixel model. */
    public static final int MAX_LEVELS = 65_536;
    /** Most token ids of a language model's vocabulary: 2^20. */
    public static final int MAX_VOCABULARY = 1_048_576;
    /** Longest context (positions attended to) of a sequence model: 65,536 tokens. */
    public static final int MAX_CONTEXT = 65_536;
    /** Most critic steps per generator step. */
    public static final int MAX_CRITIC_STEPS = 100;
    /** Upper bound (exclusive) of a learning rate, as a decimal string for {@code @DecimalMax}. */
    public static final String MAX_LEARNING_RATE = "10";
    /** Upper bound of a loss weight, penalty, scale or clip value, as a decimal string for {@code @DecimalMax}. */
    public static final String MAX_FACTOR = "1000000";
    /** Lower bound of a value whose sign is free (a domain bound), as a decimal string for {@code @DecimalMin}. */
    public static final String MIN_FACTOR = "-1000000";

    private ConfigLimits() {
    }
}
