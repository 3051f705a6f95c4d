package io.artifex.examples.custom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/custom-model.md shows the custom family's classes as text (DocSnippetsTest compiles
 * statements, not class declarations); this checks that each class, from its Javadoc to its
 * end, appears in the guide exactly as it is compiled and tested here.
 */
class CustomModelGuideTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @ParameterizedTest
    @ValueSource(strings = {"GaussianConfig", "GaussianParameters", "GaussianModel", "GaussianFamily", "GaussianPoints"})
    void theGuideShowsTheTestedClassUnchanged(String type) throws IOException {
        String source = Files.readString(ROOT.resolve(
                "artifex-examples/src/test/java/io/artifex/examples/custom/" + type + ".java"));
        String declaration = source.substring(source.indexOf("\n/**") + 1);
        String guide = Files.readString(ROOT.resolve("docs/custom-model.md"));

        assertThat(guide).as("docs/custom-model.md shows %s.java as compiled", type).contains(declaration);
    }
}
