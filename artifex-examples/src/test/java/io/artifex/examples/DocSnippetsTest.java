package io.artifex.examples;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md and docs/ compiles against the library as it is and
 * runs. A block is statements, optionally preceded by imports; every package of the library and
 * {@code java.util}, {@code java.nio.file}, {@code ai.djl}, {@code ai.djl.ndarray} and {@code ai.djl.ndarray.types}
 * are imported for it, as an IDE would. The test wraps the statements in a method, compiles the
 * result with the JDK's compiler on the test class path and calls it. A block
 * preceded by the line {@code <!-- snippet: compile-only -->} is compiled but not run (for code
 * that needs files or a long run). A snippet that stops compiling after an API change fails here,
 * so the documentation cannot drift from the code.
 */
class DocSnippetsTest {

    private static final Pattern BLOCK = Pattern.compile("(<!-- snippet: compile-only -->\\s*\\n)?```java\\n(.*?)```",
            Pattern.DOTALL);
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /**
     * artifex-spark is not on this module's class path (Spark is provided there): its packages are
     * not imported here, and the pages about it ({@code docs/distributed*.md}) are compiled and run
     * by artifex-spark's own DistributedDocSnippetsTest.
     */
    private static final String SPARK_MODULE = "artifex-spark";
    private static final String SPARK_DOCS = "distributed";

    @TempDir
    Path work;

    /** One snippet: where it is written and its text. */
    record Snippet(String where, String code, boolean compileOnly) {
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockInTheDocsCompilesAndRuns() throws IOException {
        List<Snippet> snippets = snippets();
        assertThat(snippets).as("java blocks found in README.md and docs/").hasSizeGreaterThan(5);
        return snippets.stream().map(s -> DynamicTest.dynamicTest(s.where(), () -> compileAndRun(s)));
    }

    @Test
    void aSnippetThatDoesNotCompileIsReported() {
        // negative control: the harness really compiles the code it is given
        Snippet broken = new Snippet("planted", "int x = \"not a number\";\n", true);
        assertThat(compile(broken, work).errors()).contains("incompatible types");
    }

    /** Every package of the library's main sources, plus the JDK and DJL packages snippets use. */
    private static String implicitImports() throws IOException {
        java.util.TreeSet<String> packages = new java.util.TreeSet<>(List.of("java.util", "java.nio.file",
                "ai.djl", "ai.djl.ndarray", "ai.djl.ndarray.types"));
        Pattern declaration = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("artifex-")
                    && !p.getFileName().toString().equals(SPARK_MODULE)).toList()) {
                Path sources = module.resolve("src/main/java");
                if (!Files.isDirectory(sources)) {
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

    private static List<Snippet> snippets() throws IOException {
        List<Path> documents = new ArrayList<>();
        documents.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().startsWith(SPARK_DOCS))
                    .sorted().forEach(documents::add);
        }
        List<Snippet> out = new ArrayList<>();
        for (Path document : documents) {
            String text = Files.readString(document);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                int line = 1 + (int) text.substring(0, m.start(2)).chars().filter(c -> c == '\n').count();
                out.add(new Snippet(ROOT.relativize(document) + ":" + line, m.group(2), m.group(1) != null));
            }
        }
        return out;
    }

    private record Compiled(Path classes, String className, String errors) {
    }

    private static Compiled compile(Snippet snippet, Path dir) {
        StringBuilder imports;
        try {
            imports = new StringBuilder(implicitImports());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder body = new StringBuilder();
        for (String line : snippet.code().split("\n", -1)) {
            if (line.startsWith("import ")) {
                imports.append(line).append('\n');
            } else {
                body.append("        ").append(line).append('\n');
            }
        }
        String className = "Snippet";
        String header = imports + "\npublic class " + className + " {\n    public static void run() throws Exception {\n";
        String source = header + body + "    }\n}\n";
        long headerLines = header.chars().filter(c -> c == '\n').count();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("a JDK compiler (tests run on a JDK)").isNotNull();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter output = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", dir.toString(),
                    "-proc:none", "-Xlint:none");
            boolean ok = compiler.getTask(output, files, diagnostics, options, null, List.of(unit)).call();
            StringBuilder errors = new StringBuilder(output.toString());
            diagnostics.getDiagnostics().forEach(d -> errors.append("line ").append(d.getLineNumber() - headerLines)
                    .append(": ").append(d.getMessage(Locale.ROOT)).append('\n'));
            return new Compiled(dir, className, ok ? "" : errors.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void compileAndRun(Snippet snippet) throws Exception {
        Path dir = Files.createTempDirectory(work, "snippet");
        Compiled compiled = compile(snippet, dir);
        assertThat(compiled.errors()).as(snippet.where() + " compiles").isEmpty();
        if (snippet.compileOnly()) {
            return;
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                DocSnippetsTest.class.getClassLoader())) {
            Method run = loader.loadClass(compiled.className()).getMethod("run");
            run.invoke(null);
        }
    }
}
