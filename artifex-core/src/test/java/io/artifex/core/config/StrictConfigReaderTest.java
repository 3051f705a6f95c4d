package io.artifex.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.artifex.core.config.training.TrainerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per class of hostile config input: each is refused with one exact line naming the
 * file (or text), the place (line and column, or field path) and the rule, within a second.
 * Planted bugs each case catches are named on the test.
 */
class StrictConfigReaderTest {

    private static final String V = "schemaVersion: 2\n";

    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp() {
        assertThat(ConfigIO.fromYaml(V + "seed: 3\n", TrainerConfig.class).seed()).isEqualTo(3L);
    }

    /** The message of what {@code read} throws, asserting it is an IllegalArgumentException thrown within a second. */
    private static String refusal(Runnable read) {
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(read::run);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
        assertThat(millis).as("milliseconds to refuse: " + thrown.getMessage()).isLessThan(1000);
        return thrown.getMessage();
    }

    private static String yaml(String text) {
        return refusal(() -> ConfigIO.fromYaml(text, TrainerConfig.class));
    }

    private static String json(String text) {
        return refusal(() -> ConfigIO.fromJson(text, TrainerConfig.class));
    }

    /** Planted bug caught: the size check in ConfigIO.read removed (the file is then read and parsed). */
    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.write(big, (V + "seed: 1\n" + "#".repeat(2 << 20) + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(refusal(() -> ConfigIO.read(big, TrainerConfig.class)))
                .isEqualTo(big + ": config file of " + Files.size(big) + " bytes; the limit is 1048576 bytes (1 MiB)");
    }

    /** Planted bug caught: the document-length check removed (a few MB of string then take seconds in SnakeYAML). */
    @Test
    void aLongTextIsRefusedBeforeParsing() {
        String text = V + "x: \"" + "a".repeat(3_000_000) + "\"\n";
        assertThat(yaml(text)).isEqualTo("<yaml text>: the document has " + text.length()
                + " characters; the limit is 1048576 (1 MiB)");
    }

    /** Planted bug caught: the YAML line-length check removed (900 k characters on one line take SnakeYAML ~10 s). */
    @Test
    void aLongYamlLineIsRefusedBeforeParsing() {
        assertThat(yaml(V + "x: " + "a".repeat(900_000) + "\n"))
                .isEqualTo("<yaml text>: line 2 has 900003 characters; a YAML line may have at most 16384");
    }

    /** Planted bug caught: maxStringLength / the string check dropped (a long multi-line value passes the reader). */
    @Test
    void aLongStringValueIsRefusedWithItsPath() {
        String value = ("b".repeat(99) + "\n  ").repeat(800);
        assertThat(yaml(V + "checkpoint:\n directory: \"" + value + "\"\n")).isEqualTo(
                "<yaml text>: checkpoint.directory: a string may have at most 65536 characters, got 80000");
        assertThat(json("{\"schemaVersion\": 2, \"checkpoint\": {\"directory\": \"" + "c".repeat(70_000) + "\"}}"))
                .isEqualTo("<json text>: a string may have at most 65536 characters, got 70000");
    }

    /** Planted bug caught: the alias check removed ('logEvery: *b' was read as the string "b"). */
    @Test
    void aliasesAndAnchorsAreRefusedWithLineAndColumn() {
        assertThat(yaml(V + "logEvery: *b\n"))
                .isEqualTo("<yaml text>: line 2, column 11: YAML alias '*b' is not allowed (write the value itself)");
        assertThat(yaml(V + "batchSize: &b 64\nlogEvery: 5\n"))
                .isEqualTo("<yaml text>: line 2, column 12: YAML anchor '&b' is not allowed (anchors and aliases are"
                        + " not part of the config format)");
    }

    /** Planted bug caught: the merge-key check removed. */
    @Test
    void mergeKeysAreRefused() {
        assertThat(yaml(V + "checkpoint:\n  <<: {enabled: false}\n"))
                .isEqualTo("<yaml text>: line 3, column 3: YAML merge key '<<' is not allowed (write the fields"
                        + " themselves)");
    }

    /** Planted bug caught: the tag check removed (explicit tags were silently ignored). */
    @Test
    void explicitTagsAreRefused() {
        assertThat(yaml(V + "seed: !!java.lang.ProcessBuilder 0\n"))
                .isEqualTo("<yaml text>: line 2, column 7: explicit YAML tag '!!java.lang.ProcessBuilder' is not"
                        + " allowed (a config's types come from its schema and its 'type' ids)");
        assertThat(yaml(V + "optimizers: !foo\n  default: {type: adam}\n"))
                .isEqualTo("<yaml text>: line 2, column 13: explicit YAML tag '!foo' is not allowed (a config's"
                        + " types come from its schema and its 'type' ids)");
    }

    /** Planted bug caught: the .nan/.inf mapping removed (they were reported as "malformed YAML"). */
    @Test
    void nonFiniteNumbersAreRefusedWithTheFieldPath() {
        assertThat(yaml(V + "emaDecay: .nan\n"))
                .isEqualTo("<yaml text>: emaDecay: must be a finite number, got .nan");
        assertThat(yaml(V + "optimizers:\n  default:\n    learningRate: -.inf\n"))
                .isEqualTo("<yaml text>: optimizers.default.learningRate: must be a finite number, got -.inf");
        assertThat(yaml(V + "optimizers:\n  default:\n    learningRate: 1e400\n"))
                .isEqualTo("<yaml text>: optimizers.default.learningRate: must be a finite number, got Infinity");
        assertThat(json("{\"schemaVersion\": 2, \"schedules\": {\"default\": {\"gamma\": NaN}}}"))
                .isEqualTo("<json text>: schedules.default.gamma: must be a finite number, got NaN");
    }

    /** Planted bug caught: the CharsetDecoder set to REPLACE (garbage then reached the YAML parser). */
    @Test
    void binaryInputIsRefusedAsNotUtf8Text() throws IOException {
        Path binary = dir.resolve("binary.yaml");
        Files.write(binary, new byte[] {'s', 'e', 'e', 'd', (byte) 0xFF, (byte) 0xFE, 0, 1});
        assertThat(refusal(() -> ConfigIO.read(binary, TrainerConfig.class)))
                .isEqualTo(binary + ": not UTF-8 text (invalid byte 0xff at offset 4)");
        assertThat(yaml(V + "seed: 0\u0000\n"))
                .isEqualTo("<yaml text>: not UTF-8 text (character U+0000 at line 2, column 8)");
    }

    /** Planted bug caught: the nesting counter (YAML) or maxNestingDepth (JSON) removed. */
    @Test
    void deepNestingIsRefused() {
        assertThat(yaml(V + "x: " + "[".repeat(100) + "]".repeat(100) + "\n"))
                .isEqualTo("<yaml text>: line 2, column 67: nesting deeper than 64 levels is not allowed");
        assertThat(json("{\"x\": " + "[".repeat(100) + "]".repeat(100) + "}"))
                .isEqualTo("<json text>: nesting deeper than 64 levels is not allowed");
    }

    /** Planted bug caught: STRICT_DUPLICATE_DETECTION / allowDuplicateKeys(false) removed (the last value won). */
    @Test
    void duplicateKeysAreRefused() {
        assertThat(yaml(V + "seed: 1\nseed: 2\n"))
                .isEqualTo("<yaml text>: malformed YAML at line 3, column 5: Duplicate field 'seed'");
        assertThat(json("{\"schemaVersion\": 2, \"seed\": 1, \"seed\": 2}"))
                .isEqualTo("<json text>: malformed JSON at line 1, column 39: Duplicate field 'seed'");
    }

    /** Planted bug caught: @Finite removed from learningRate ("Infinity" as a string is coerced to a double). */
    @Test
    void infinityWrittenAsAWordIsRefusedByValidationNamingTheField() {
        Throwable thrown = catchThrowable(() -> ConfigIO.fromYaml(V + "optimizers:\n  default:\n    learningRate: Infinity\n",
                TrainerConfig.class));
        assertThat(thrown).isInstanceOf(ConfigValidationException.class);
        assertThat(((ConfigValidationException) thrown).violations())
                .containsExactly("optimizers[default].learningRate: must be a finite number");
    }

    @Test
    void aValidDocumentStillReads() {
        TrainerConfig read = ConfigIO.fromYaml(V + "batchSize: 32\noptimizers:\n  default: {type: adam, learningRate: 0.01}\n",
                TrainerConfig.class);
        assertThat(read.batchSize()).isEqualTo(32);
        assertThat(read.optimizerFor("default").learningRate()).isEqualTo(0.01);
    }
}
