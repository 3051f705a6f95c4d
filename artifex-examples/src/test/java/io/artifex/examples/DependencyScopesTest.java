package io.artifex.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer project that imports the BOM and depends on artifex-models and artifex-training
 * resolves, offline, with no test library in compile or runtime scope. The project's POMs are
 * put into a temporary local repository (nothing is installed into the user's); third-party
 * artifacts are read from the user's repository as a read-only tail
 * ({@code maven.repo.local.tail}, Maven 3.9). Only POMs are needed: {@code dependency:tree}
 * collects the graph without downloading jars.
 */
class DependencyScopesTest {

    private static final List<String> TEST_LIBRARIES = List.of("org.junit", "junit:junit", "org.assertj",
            "net.bytebuddy", "org.opentest4j", "org.mockito", "com.code-intelligence", "org.pitest", "net.jqwik");

    @Test
    void aConsumerOfModelsAndTrainingGetsNoTestLibraryAtCompileOrRuntimeScope(@TempDir Path dir) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path repo = dir.resolve("repo");
        String version = "0.1.0-SNAPSHOT";
        put(repo, root.resolve("pom.xml"), "artifex-parent", version);
        for (String module : List.of("artifex-core", "artifex-models", "artifex-training", "artifex-bom")) {
            put(repo, root.resolve(module).resolve("pom.xml"), module, version);
        }
        Path project = dir.resolve("consumer");
        Files.createDirectories(project);
        try (InputStream in = getClass().getResourceAsStream("/consumer/pom.xml")) {
            Files.copy(in, project.resolve("pom.xml"));
        }
        String userRepo = System.getProperty("artifex.test.localRepository",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        Path tree = dir.resolve("tree.txt");
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-q", "-o",
                "-f", project.resolve("pom.xml").toString(), "-Dmaven.repo.local=" + repo,
                "-Dmaven.repo.local.tail=" + userRepo, "dependency:tree", "-DoutputFile=" + tree));
        Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mvn.log").toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("mvn dependency:tree finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("mvn.log"))).isZero();

        List<String> lines = Files.readAllLines(tree);
        // lines like "+- org.knowm.xchart:xchart:jar:3.8.8:compile"
        List<String> resolved = lines.stream().skip(1).map(l -> l.replaceFirst("^[\\s|+\\\\-]*", "")).toList();
        assertThat(resolved).anyMatch(l -> l.startsWith("io.artifex:artifex-training:jar:" + version + ":compile"));
        assertThat(resolved).anyMatch(l -> l.startsWith("org.knowm.xchart:xchart:jar:"));
        for (String l : resolved) {
            boolean shipped = l.endsWith(":compile") || l.endsWith(":runtime");
            boolean testLibrary = TEST_LIBRARIES.stream().anyMatch(l::startsWith);
            assertThat(shipped && testLibrary).as("test library on the consumer's class path: " + l).isFalse();
        }
    }

    /** Puts {@code pom} into {@code repo} as io.artifex:{@code artifactId}:{@code version}'s POM. */
    private static void put(Path repo, Path pom, String artifactId, String version) throws IOException {
        Path target = repo.resolve("io/artifex").resolve(artifactId).resolve(version)
                .resolve(artifactId + "-" + version + ".pom");
        Files.createDirectories(target.getParent());
        Files.copy(pom, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
