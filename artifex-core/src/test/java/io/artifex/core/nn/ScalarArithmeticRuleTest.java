package io.artifex.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project rule behind {@link Scalars}: no main source of any module multiplies, divides,
 * raises, or takes the maximum or minimum of an NDArray by a plain number through DJL's
 * {@code Number} overloads (whose constant autograd may read after it was freed). In-place
 * forms ({@code muli}, {@code divi}) by a number are allowed only in the training module,
 * whose optimizer and weight-average updates never run under gradient recording.
 *
 * <p>The check reads the source text: an argument counts as a number when it is a numeric
 * literal, a cast to a primitive, a {@code floatValue()}/{@code doubleValue()} call, or a name
 * declared with a primitive type in the same file.
 */
class ScalarArithmeticRuleTest {

    private static final Pattern CALL = Pattern.compile("\\.(mul|div|pow|maximum|minimum|muli|divi|powi)\\(");

    @Test
    void noMainSourceUsesTheEngineNumberOverloads() throws IOException {
        Path root = repositoryRoot();
        List<String> offences = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(ScalarArithmeticRuleTest::isMainSource).toList()) {
                scanned++;
                offences.addAll(offences(root, file));
            }
        }
        assertThat(scanned).as("main sources found under " + root).isGreaterThan(100);
        assertThat(offences).as("use io.artifex.core.nn.Scalars for arithmetic with a number").isEmpty();
    }

    @Test
    void theCheckRecognisesNumbersAndLeavesArraysAlone() {
        String source = "class A { float beta; NDArray m;\n"
                + " void f(NDArray x) { x.mul(0.5f); x.div((float) n); x.pow(beta); x.mul(c.alpha().floatValue());"
                + " x.mul(m); Scalars.mul(x, 2); Math.pow(2, 3); x.muli(2f); } }";
        List<String> found = offences("artifex-models/A.java", source);
        assertThat(found).hasSize(5);
        assertThat(found.get(0)).contains(".mul(0.5f)");
        assertThat(found.get(4)).contains(".muli(2f)");
        assertThat(offences("artifex-training/A.java", source)).hasSize(4);
    }

    private static boolean isMainSource(Path file) {
        String path = file.toString().replace('\\', '/');
        return path.endsWith(".java") && path.contains("/src/main/java/") && !path.contains("/target/")
                && !path.endsWith("/io/artifex/core/nn/Scalars.java");
    }

    private static List<String> offences(Path root, Path file) {
        try {
            return offences(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> offences(String name, String source) {
        List<String> out = new ArrayList<>();
        boolean training = name.startsWith("artifex-training/");
        Matcher m = CALL.matcher(source);
        while (m.find()) {
            String before = source.substring(Math.max(0, m.start() - 10), m.start());
            if (before.endsWith("Math") || before.endsWith("Scalars")) {
                continue;
            }
            String op = m.group(1);
            String argument = argument(source, m.end());
            boolean inPlace = op.endsWith("i");
            if (isNumber(argument, source) && !(inPlace && training)) {
                int line = 1 + (int) source.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                out.add(name + ":" + line + ": ." + op + "(" + argument + ")");
            }
        }
        return out;
    }

    private static String argument(String source, int from) {
        int depth = 1;
        int i = from;
        while (i < source.length() && depth > 0) {
            char c = source.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            i++;
        }
        return source.substring(from, i - 1).trim();
    }

    private static boolean isNumber(String argument, String source) {
        String a = argument.startsWith("-") ? argument.substring(1).trim() : argument;
        if (a.matches("\\(?\\s*[0-9.].*") || a.matches("\\((float|double|int|long)\\).*")
                || a.endsWith(".floatValue()") || a.endsWith(".doubleValue()")) {
            return true;
        }
        if (a.matches("[A-Za-z_]\\w*")) {
            return Pattern.compile("\\b(float|double|int|long|Float|Double|Number)\\s+" + a + "\\b").matcher(source).find();
        }
        return false;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("artifex-core"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root above the working directory").isNotNull();
        return dir;
    }
}
