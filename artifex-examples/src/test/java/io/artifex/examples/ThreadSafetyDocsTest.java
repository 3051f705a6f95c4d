package io.artifex.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The type-level Javadoc of every public top-level type in every module's {@code src/main/java}
 * (artifex-spark included: files are scanned, no class is loaded) says whether the type is
 * thread-safe, in a paragraph starting {@code Thread-safety:} (issue #20 item 6). Planted bug it
 * catches: removing that sentence from {@code ImageGrid}'s Javadoc fails with
 * {@code artifex-core/.../ImageGrid.java:24 lacks 'Thread-safety:'}; and a scanner that skips
 * import lines on its way up takes a file's earlier comment for the type's Javadoc (the second
 * test fails).
 */
class ThreadSafetyDocsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String MARKER = "Thread-safety:";
    /** A public top-level type: the declaration starts in column 0. */
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public (?:(?:final|abstract|sealed|non-sealed|static|strictfp) )*(?:class|record|interface|enum|@interface) .*");
    private static final Pattern IMPORT_OR_PACKAGE = Pattern.compile("^(?:import|package) .*");

    @Test
    void everyPublicTypeSaysWhetherItIsThreadSafe() throws IOException {
        List<Path> sourceRoots = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.filter(p -> p.getFileName().toString().startsWith("artifex-"))
                    .map(p -> p.resolve("src/main/java")).filter(Files::isDirectory).sorted()
                    .forEach(sourceRoots::add);
        }
        assertThat(sourceRoots).extracting(p -> ROOT.relativize(p).getName(0).toString())
                .contains("artifex-core", "artifex-data", "artifex-models", "artifex-training", "artifex-eval",
                        "artifex-examples", "artifex-spark");
        List<String> undocumented = new ArrayList<>();
        int types = 0;
        int sparkTypes = 0;
        for (Path sourceRoot : sourceRoots) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(sourceRoot)) {
                files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            }
            for (Path file : files) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (!PUBLIC_TYPE.matcher(lines.get(i)).matches()) {
                        continue;
                    }
                    types++;
                    if (ROOT.relativize(file).startsWith("artifex-spark")) {
                        sparkTypes++;
                    }
                    Optional<String> doc = typeJavadoc(lines, i);
                    if (doc.isEmpty() || !doc.get().contains(MARKER)) {
                        undocumented.add(ROOT.relativize(file) + ":" + (i + 1)
                                + (doc.isEmpty() ? " has no type-level Javadoc" : " lacks '" + MARKER + "'"));
                    }
                }
            }
        }
        assertThat(types).as("public top-level types scanned").isGreaterThan(400);
        assertThat(sparkTypes).as("artifex-spark types scanned").isGreaterThan(10);
        assertThat(undocumented).as("public types whose Javadoc does not say '" + MARKER + "'").isEmpty();
    }

    @Test
    void theJavadocIsTheCommentRightBeforeTheDeclarationAndItsAnnotations() {
        List<String> annotated = List.of("package a;", "/** File note. Thread-safety: wrong comment. */",
                "import b.C;", "/**", " * The type.", " * <p>Thread-safety: immutable.", " */",
                "@Command(name = \"x\",", "        subcommands = {A.class})", "public final class X {", "}");
        assertThat(typeJavadoc(annotated, 9)).hasValueSatisfying(doc -> assertThat(doc)
                .contains("The type.").contains("immutable").doesNotContain("File note"));
        List<String> undocumented = List.of("package a;", "/** File note. Thread-safety: wrong comment. */",
                "import b.C;", "", "public record R(int x) {", "}");
        assertThat(typeJavadoc(undocumented, 4)).isEmpty();
    }

    /**
     * The last Javadoc comment before line {@code declaration} (0-based), if only annotations
     * and blank lines come between them (no import or package line, no other code).
     */
    static Optional<String> typeJavadoc(List<String> lines, int declaration) {
        int end = declaration - 1;
        while (end >= 0 && !lines.get(end).trim().endsWith("*/")) {
            String line = lines.get(end).trim();
            if (IMPORT_OR_PACKAGE.matcher(line).matches() || line.endsWith(";")) {
                return Optional.empty();
            }
            end--;
        }
        if (end < 0) {
            return Optional.empty();
        }
        int start = end;
        while (start >= 0 && !lines.get(start).trim().startsWith("/**")) {
            if (lines.get(start).trim().startsWith("/*")) {
                return Optional.empty();
            }
            start--;
        }
        if (start < 0) {
            return Optional.empty();
        }
        return Optional.of(String.join("\n", lines.subList(start, end + 1)));
    }
}
