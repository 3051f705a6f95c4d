package io.artifex.examples;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The command-line options every example program takes:
 * {@code --epochs N} (passes over the data), {@code --steps N} (stop after N optimisation steps,
 * 0 = no limit; the test suite runs each example for a handful), {@code --samples N} (how many
 * samples the picture shows, 8 per row), {@code --out DIR} (where the picture goes) and
 * {@code --seed N}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param epochs passes over the training data, at least 1
 * @param steps the most optimisation steps, 0 for no limit
 * @param samples how many samples to draw for the picture, at least 1
 * @param out the folder the picture is written to
 * @param seed seeds the model's initialisation, the batch order and the sampler
 */
public record ExampleOptions(int epochs, long steps, int samples, Path out, long seed) {

    /** Checks the values; errors name the option. */
    public ExampleOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("--steps must be 0 (no limit) or positive, got " + steps);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("--samples must be at least 1, got " + samples);
        }
        if (out == null) {
            throw new IllegalArgumentException("--out must name a folder");
        }
    }

    /**
     * Parses {@code args}; options not given take the example's defaults ({@code defaultEpochs},
     * no step limit, {@code defaultSamples}, the current folder, seed 0).
     *
     * @throws IllegalArgumentException naming the option for an unknown option or a bad value
     */
    public static ExampleOptions parse(String[] args, int defaultEpochs, int defaultSamples) {
        int epochs = defaultEpochs;
        long steps = 0;
        int samples = defaultSamples;
        Path out = Path.of(".");
        long seed = 0;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.equals("--epochs") && !name.equals("--steps") && !name.equals("--out") && !name.equals("--seed")
                    && !name.equals("--samples")) {
                throw new IllegalArgumentException("unknown option '" + name + "'; the options are " + usage());
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value; the options are " + usage());
            }
            String value = args[++i];
            switch (name) {
                case "--epochs" -> epochs = (int) number(name, value);
                case "--steps" -> steps = number(name, value);
                case "--seed" -> seed = number(name, value);
                case "--samples" -> samples = (int) number(name, value);
                default -> out = Path.of(value);
            }
        }
        return new ExampleOptions(epochs, steps, samples, out, seed);
    }

    /** The options in one line, for error messages. */
    public static String usage() {
        return "--epochs N, --steps N (0 = no limit), --samples N, --out DIR, --seed N";
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value.trim().replace("_", "").toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'");
        }
    }
}
