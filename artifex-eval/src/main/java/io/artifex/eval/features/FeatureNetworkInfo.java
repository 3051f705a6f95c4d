package io.artifex.eval.features;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The provenance sidecar shipped next to a trained feature network's parameters: what it was
 * trained on, how well it classifies the held-out test split, the SHA-256 of the parameter
 * file (checked on load), and the command that reproduces it.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param dataset        "mnist" or "fashion-mnist"
 * @param parametersFile the parameter file's name
 * @param sha256         lower-case hex SHA-256 of the parameter file
 * @param testAccuracy   accuracy on the test split, in [0, 1]
 * @param testSize       images in the test split
 * @param trainSize      images the network was trained on
 * @param epochs         training epochs
 * @param seed           the seed of the run
 * @param date           the ISO-8601 date of the run
 * @param command        the command that produced the file
 * @param architecture   a one-line description of the network
 */
public record FeatureNetworkInfo(String dataset, String parametersFile, String sha256, double testAccuracy,
                                 int testSize, int trainSize, int epochs, long seed, String date, String command,
                                 String architecture) {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Validates the fields that loading relies on. */
    public FeatureNetworkInfo {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("feature network info: sha256 must be 64 lower-case hex digits, got '"
                    + sha256 + "'");
        }
        if (!(testAccuracy >= 0 && testAccuracy <= 1)) {
            throw new IllegalArgumentException("feature network info: testAccuracy must be in [0, 1], got " + testAccuracy);
        }
    }

    /** Pretty-printed JSON. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise feature network info", e);
        }
    }

    /** Reads the JSON written by {@link #toJson}; {@code source} names the stream in errors. */
    public static FeatureNetworkInfo read(InputStream in, String source) {
        try {
            return MAPPER.readValue(in, FeatureNetworkInfo.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("feature network info " + source + " is not valid JSON for "
                    + "FeatureNetworkInfo: " + e.getMessage(), e);
        }
    }
}
