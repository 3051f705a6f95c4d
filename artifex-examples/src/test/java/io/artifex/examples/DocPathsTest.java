package io.artifex.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code --config PATH} and every repository file path printed in README.md and docs/*.md
 * exists, so a command copied from the docs finds its files from a fresh clone. Planted bug
 * it catches: the old README line {@code --config artifex-examples/configs/vae-mnist.yaml}
 * (a folder that does not exist).
 */
class DocPathsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** {@code --config X}, and paths that start at a top-level folder of the repository. */
    private static final Pattern CONFIG = Pattern.compile("--config\\s+([^\\s`'\")\\]]+)");
    private static final Pattern REPO_PATH = Pattern.compile(
            "(?<![\\w/.-])((?:artifex-[a-z]+|docs)/[A-Za-z0-9_./-]*[A-Za-z0-9_-](?:\\.[A-Za-z0-9]+)?)");

    static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> walk = Files.walk(ROOT.resolve("docs"))) {
            walk.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    @Test
    void everyConfigAndFilePathInTheDocsExists() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Path doc : documents()) {
            String text = Files.readString(doc);
            Matcher config = CONFIG.matcher(text);
            while (config.find()) {
                String path = config.group(1);
                if (path.contains("<") || path.matches("[A-Z_.]+")) {
                    continue;
                }
                checked++;
                if (!Files.exists(ROOT.resolve(path))) {
                    missing.add(ROOT.relativize(doc) + ": --config " + path);
                }
            }
            Matcher file = REPO_PATH.matcher(text);
            while (file.find()) {
                String path = file.group(1);
                checked++;
                if (!Files.exists(ROOT.resolve(path))) {
                    missing.add(ROOT.relativize(doc) + ": " + path);
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(missing).isEmpty();
    }
}
