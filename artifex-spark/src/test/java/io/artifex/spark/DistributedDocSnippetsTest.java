package io.artifex.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of {@code docs/distributed*.md} compiles against this module (with
 * Spark on the class path) and runs, as artifex-examples' DocSnippetsTest does for the other
 * pages, which leaves these to this module. A block is statements, optionally preceded by
 * imports; every package of the library, {@code java.util}, {@code java.nio.file} and
 * {@code org.apache.spark.sql} are imported for it. A block after the line
 * {@code <!-- snippet: compile-only -->} is compiled but not run.
 */
class DistributedDocSnippetsTest {

    private static final Pattern BLOCK = Pattern.compile("(<!-- snippet: compile-only -->\\s*\\n)?```java\\n(.*?)```",
            Pattern.DOTALL);
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path work;

    private record Snippet(String where, String code, boolean compileOnly) {
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockOfTheDistributedPagesCompilesAndRuns() throws IOException {
        List<Snippet> snippets = new ArrayList<>();
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            for (Path page : docs.filter(p -> p.getFileName().toString().startsWith("distributed")
                    && p.toString().endsWith(".md")).sorted().toList()) {
                String text = Files.readString(page);
                Matcher m = BLOCK.matcher(text);
                while (m.find()) {
                    int line = 1 + (int) text.substring(0, m.start(2)).chars().filter(c -> c == '\n').count();
                    snippets.add(new Snippet(ROOT.relativize(page) + ":" + line, m.group(2), m.group(1) != null));
                }
            }
        }
        assertThat(snippets).as("java blocks in docs/distributed*.md").isNotEmpty();
        String imports = implicitImports();
        return snippets.stream().map(s -> DynamicTest.dynamicTest(s.where(), () -> compileAndRun(s, imports)));
    }

    private static String implicitImports() throws IOException {
        TreeSet<String> packages = new TreeSet<>(List.of("java.util", "java.nio.file", "org.apache.spark.sql"));
        Pattern declaration = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("artifex-")).toList()) {
                Path sources = module.resolve("src/main/java");
                if (!Files.isDirectory(sources) || module.getFileName().toString().equals("artifex-examples")) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(sources)) {
                    for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        Matcher m = declaration.matcher(Files.readString(file));
                        if (m.find()) {
                            packages.add(m.group(1));
                        }
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder();
        packages.forEach(p -> out.append("import ").append(p).append(".*;\n"));
        return out.toString();
    }

    private void compileAndRun(Snippet snippet, String implicitImports) throws Exception {
        StringBuilder imports = new StringBuilder(implicitImports);
        StringBuilder body = new StringBuilder();
        for (String line : snippet.code().split("\n", -1)) {
            (line.startsWith("import ") ? imports : body.append("        ")).append(line).append('\n');
        }
        String header = imports + "\npublic class Snippet {\n    public static void run() throws Exception {\n";
        String source = header + body + "    }\n}\n";
        long headerLines = header.chars().filter(c -> c == '\n').count();
        Path dir = Files.createTempDirectory(work, "snippet");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("a JDK compiler (tests run on a JDK)").isNotNull();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter output = new StringWriter();
        boolean ok;
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///Snippet.java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            ok = compiler.getTask(output, files, diagnostics, List.of("-classpath", System.getProperty("java.class.path"),
                    "-d", dir.toString(), "-proc:none", "-Xlint:none"), null, List.of(unit)).call();
        }
        StringBuilder errors = new StringBuilder(output.toString());
        diagnostics.getDiagnostics().forEach(d -> errors.append("line ").append(d.getLineNumber() - headerLines)
                .append(": ").append(d.getMessage(Locale.ROOT)).append('\n'));
        assertThat(ok ? "" : errors.toString()).as(snippet.where() + " compiles").isEmpty();
        if (snippet.compileOnly()) {
            return;
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                DistributedDocSnippetsTest.class.getClassLoader())) {
            Method run = loader.loadClass("Snippet").getMethod("run");
            run.invoke(null);
        }
    }
}
