package io.artifex.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.artifex.examples.DocCommands.Command;
import io.artifex.examples.DocCommands.Marker;
import io.artifex.examples.cli.ArtifexCli;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every shell command in the {@code ```bash}/{@code ```sh}/{@code ```shell} blocks of README.md
 * and docs/ is checked against what it names ({@link DocCommands} reads them):
 * <ul>
 * <li>{@code ./artifex ...} is parsed by the real picocli command spec of {@link ArtifexCli}: an
 * unknown option, a missing required option or a value of the wrong type fails, naming file and
 * line; the input files it names ({@code --config}, {@code --checkpoint}, {@code --resume},
 * {@code --entries}, and any repository path) exist, unless they hold a {@code <name>} in angle brackets or
 * lie under {@code runs/} (written by an earlier command);</li>
 * <li>{@code ./mvnw ...}: the modules of {@code -pl} exist, {@code -Dexec.mainClass} names a class
 * with {@code public static void main(String[])}, {@code -Dtest} names a test class of those
 * modules, {@code -P} names a profile of a pom;</li>
 * <li>{@code python3 SCRIPT}: the script exists; {@code .ci/doc-commands}: its options exist;</li>
 * <li>any other program fails the test, so a new kind of command gets a check here first.</li>
 * </ul>
 * Inline {@code `./artifex ...`} and {@code `./mvnw ...`} spans of the prose get the same checks
 * ({@link DocCommands#inline}), but are not run.
 * Commands without a marker run as printed, in a subprocess from the repository root through the
 * launcher, and must exit with 0 within two minutes; so does every help request
 * ({@code ./artifex --help}, {@code ./artifex help X}) and {@code ./artifex SUB --help} for every
 * subcommand the docs use. The launcher gets the test class path in {@code ARTIFEX_CLASSPATH}, so
 * it does not start a Maven build inside this one. The release script {@code .ci/doc-commands}
 * must find the same commands, at the same lines, with the same markers. Planted bugs it catches (see the negative
 * controls below): an option the CLI does not have ({@code --confg}), a value of the wrong type, a
 * required option left out, an example class that does not exist, a missing python script, a
 * subcommand that fails.
 */
class DocCommandsTest {

    private static final Path ROOT = Launcher.ROOT;
    private static final Set<String> INPUT_OPTIONS = Set.of("--config", "--checkpoint", "--resume", "--entries");
    private static final Set<String> REPO_FOLDERS = Set.of("docs", "benchmarks", ".ci");

    static List<Command> allCommands() throws IOException {
        List<Command> all = new ArrayList<>();
        for (Path doc : DocPathsTest.documents()) {
            all.addAll(DocCommands.of(ROOT, doc));
        }
        return all;
    }

    @Test
    void everyCommandInTheDocsParsesAndNamesFilesThatExist() throws IOException {
        List<Command> commands = allCommands();
        assertThat(commands).as("shell commands in README.md and docs/").hasSizeGreaterThan(20);
        assertThat(commands.stream().filter(c -> c.program().equals("./artifex")).count()).isGreaterThan(10);
        List<String> problems = new ArrayList<>();
        for (Command command : commands) {
            problems.addAll(check(command));
        }
        List<Command> inline = new ArrayList<>();
        for (Path doc : DocPathsTest.documents()) {
            inline.addAll(DocCommands.inline(ROOT.relativize(doc).toString(), Files.readString(doc)));
        }
        assertThat(inline).as("inline ./artifex and ./mvnw commands in the prose").hasSizeGreaterThan(3);
        for (Command command : inline) {
            problems.addAll(check(command));
        }
        assertThat(problems).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> quickCommandsAndEveryHelpRunAsPrinted() throws IOException {
        List<Command> commands = allCommands();
        Set<String> runs = new LinkedHashSet<>();
        Set<String> subcommands = new LinkedHashSet<>();
        for (Command command : commands) {
            if (command.marker() == Marker.NONE || isHelp(command)) {
                runs.add(command.text());
            }
            if (command.program().equals("./artifex") && command.words().size() > 1 && !command.words().get(1).startsWith("-")
                    && !command.words().get(1).equals("help")) {
                subcommands.add(command.words().get(1));
            }
        }
        assertThat(subcommands).as("subcommands the docs use").contains("train", "sample", "evaluate", "bench");
        List<DynamicTest> tests = new ArrayList<>();
        for (String text : runs) {
            tests.add(DynamicTest.dynamicTest(text, () -> assertRuns(text, "")));
        }
        for (String sub : subcommands) {
            String text = "./artifex " + sub + " --help";
            tests.add(DynamicTest.dynamicTest(text, () -> assertRuns(text, "Usage: artifex " + sub)));
        }
        return tests.stream();
    }

    @Test
    void theReleaseScriptFindsTheSameCommandsWithTheSameMarkers() throws Exception {
        Launcher.Result r = Launcher.run(".ci/doc-commands --list", 60);
        assertThat(r.status()).as(r.err()).isZero();
        String listing = r.out();
        Pattern row = Pattern.compile("^(run|skip)\\s+(\\S+)\\s+(\\S+:\\d+)\\s\\s.*$");
        List<String> script = new ArrayList<>();
        for (String line : listing.split("\n")) {
            Matcher m = row.matcher(line);
            assertThat(m.matches()).as("listing line: " + line).isTrue();
            script.add(m.group(3) + " " + m.group(2));
        }
        List<String> fromJava = allCommands().stream()
                .map(c -> c.where() + " " + c.marker().name().toLowerCase(Locale.ROOT)).toList();
        assertThat(script).isEqualTo(fromJava);
    }

    // ---------------------------------------------------------------- negative controls

    @Test
    void plantedMistakesAreReportedWithFileAndLine() {
        String page = """
                # page
                ```bash
                ./artifex train --confg artifex-examples/src/main/resources/configs/vae-mnist.yaml
                ./artifex sample --checkpoint runs/x/model --n many
                ./artifex sample --n 4
                ./artifex train --config artifex-examples/src/main/resources/configs/no-such.yaml
                ./mvnw -q -pl artifex-examples -am compile exec:java -Dexec.mainClass=io.artifex.examples.NoSuchExample
                ./mvnw -B -pl artifex-data test -Dtest=NoSuchTest
                ./mvnw -B -P no-such-profile verify
                python3 benchmarks/no_such.py --rounds 1
                make everything
                ```
                """;
        List<String> problems = new ArrayList<>();
        DocCommands.parse("planted.md", page).forEach(c -> problems.addAll(check(c)));
        assertThat(problems).hasSize(9);
        assertThat(problems.get(0)).startsWith("planted.md:3:").contains("--confg");
        assertThat(problems.get(1)).startsWith("planted.md:4:").contains("many");
        assertThat(problems.get(2)).startsWith("planted.md:5:").contains("--checkpoint");
        assertThat(problems.get(3)).startsWith("planted.md:6:").contains("no-such.yaml");
        assertThat(problems.get(4)).startsWith("planted.md:7:").contains("NoSuchExample");
        assertThat(problems.get(5)).startsWith("planted.md:8:").contains("NoSuchTest");
        assertThat(problems.get(6)).startsWith("planted.md:9:").contains("no-such-profile");
        assertThat(problems.get(7)).startsWith("planted.md:10:").contains("benchmarks/no_such.py");
        assertThat(problems.get(8)).startsWith("planted.md:11:").contains("make");
    }

    @Test
    void theReaderJoinsContinuationsDropsCommentsAndReadsMarkersAndEnvironment() {
        String page = """
                text
                <!-- command: long -->
                ```bash
                export A="x y"
                ARTIFEX_JAVA_OPTS="$A -Dk=v" \\
                  ./artifex bench --models 'vae' --steps 1   # a comment
                ```
                ```java
                int notACommand = 1;
                ```
                ```sh
                ./artifex --help
                ```
                """;
        List<Command> commands = DocCommands.parse("p.md", page);
        assertThat(commands).hasSize(3);
        assertThat(commands.get(0).words()).containsExactly("export", "A=x y");
        assertThat(commands.get(1).where()).isEqualTo("p.md:5");
        assertThat(commands.get(1).env()).containsEntry("ARTIFEX_JAVA_OPTS", "$A -Dk=v");
        assertThat(commands.get(1).words()).containsExactly("./artifex", "bench", "--models", "vae", "--steps", "1");
        assertThat(commands.get(1).text()).doesNotContain("comment").endsWith("--steps 1");
        assertThat(commands.get(1).marker()).isEqualTo(Marker.LONG);
        assertThat(commands.get(2).marker()).isEqualTo(Marker.NONE);
        assertThatThrownBy(() -> DocCommands.parse("q.md", "<!-- command: slow -->\n```bash\nls\n```\n"))
                .hasMessageContaining("q.md:1").hasMessageContaining("slow");
    }

    @Test
    void inlineCommandsInTheProseAreReadAndSketchesLeftOut() {
        String page = """
                Run `./artifex sample --checkpoint runs/<run>/model --n many` or `./mvnw -B install -DskipTests`;
                `./artifex SUB --help` and `./mvnw ... -Dexec.mainClass=X` are sketches.
                ```bash
                ./artifex --help
                ```
                """;
        List<Command> inline = DocCommands.inline("p.md", page);
        assertThat(inline).extracting(Command::text)
                .containsExactly("./artifex sample --checkpoint runs/<run>/model --n many", "./mvnw -B install -DskipTests");
        assertThat(check(inline.get(0))).singleElement().asString().startsWith("p.md:1:").contains("many");
        assertThat(check(inline.get(1))).isEmpty();
    }

    @Test
    void aFailingCommandFailsTheRun() {
        assertThatThrownBy(() -> assertRuns("echo started; exit 2", "started")).hasMessageContaining("exit status 2");
        assertThatThrownBy(() -> assertRuns("echo started", "finished")).hasMessageContaining("finished");
    }

    // ---------------------------------------------------------------- checks

    /** What is wrong with one command, each as {@code file:line: message}; empty when nothing is. */
    static List<String> check(Command command) {
        List<String> problems = new ArrayList<>();
        List<String> words = command.words();
        switch (command.program()) {
            case "", "export" -> {
            }
            case "./artifex" -> checkArtifex(command, words.subList(1, words.size()), problems);
            case "./mvnw" -> checkMaven(command, words.subList(1, words.size()), problems);
            case ".ci/doc-commands" -> {
                for (int i = 1; i < words.size(); i++) {
                    String option = words.get(i);
                    if (option.equals("--timeout") && i + 1 < words.size() && words.get(i + 1).matches("[1-9][0-9]*")) {
                        i++;
                    } else if (!Set.of("--quick", "--here", "--list").contains(option)) {
                        problems.add(command.where() + ": .ci/doc-commands has no option '" + option + "'");
                    }
                }
            }
            case "python3", "/usr/bin/python3" -> {
                String script = words.stream().skip(1).filter(w -> !w.startsWith("-")).findFirst().orElse("");
                if (script.isEmpty() || !Files.isRegularFile(ROOT.resolve(script))) {
                    problems.add(command.where() + ": python script '" + script + "' does not exist");
                }
            }
            default -> problems.add(command.where() + ": program '" + command.program()
                    + "' has no check in DocCommandsTest; add one before documenting it");
        }
        return problems;
    }

    private static void checkArtifex(Command command, List<String> args, List<String> problems) {
        String[] rest = args.stream().filter(a -> !a.equals("--stacktrace")).toArray(String[]::new);
        try {
            new CommandLine(new ArtifexCli()).parseArgs(rest);
        } catch (CommandLine.ParameterException e) {
            problems.add(command.where() + ": " + e.getMessage().replace('\n', ' '));
            return;
        }
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            String value = null;
            if (INPUT_OPTIONS.contains(word) && i + 1 < args.size()) {
                i++;
                value = args.get(i);
            } else if (isRepoPath(word)) {
                value = word;
            }
            if (value != null && command.marker() != Marker.MANUAL && !value.contains("<") && !value.startsWith("runs/")
                    && !Files.exists(ROOT.resolve(value))) {
                problems.add(command.where() + ": " + value + " does not exist");
            }
        }
    }

    private static boolean isRepoPath(String word) {
        int slash = word.indexOf('/');
        if (slash <= 0) {
            return false;
        }
        String top = word.substring(0, slash);
        return top.startsWith("artifex-") || REPO_FOLDERS.contains(top);
    }

    private static void checkMaven(Command command, List<String> args, List<String> problems) {
        List<String> modules = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-pl") && i + 1 < args.size()) {
                for (String module : args.get(i + 1).split(",")) {
                    modules.add(module);
                    if (!Files.isRegularFile(ROOT.resolve(module).resolve("pom.xml"))) {
                        problems.add(command.where() + ": module '" + module + "' (-pl) does not exist");
                    }
                }
            }
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("-Dexec.mainClass=")) {
                checkMainClass(command, arg.substring("-Dexec.mainClass=".length()), modules, problems);
            } else if (arg.startsWith("-Dtest=")) {
                for (String test : arg.substring("-Dtest=".length()).split(",")) {
                    if (!testClassExists(modules, test)) {
                        problems.add(command.where() + ": test class '" + test + "' (-Dtest) is in none of the modules " + modules);
                    }
                }
            } else if (arg.equals("-P") || arg.startsWith("-P") && arg.length() > 2) {
                String profile = arg.equals("-P") && i + 1 < args.size() ? args.get(i + 1) : arg.substring(2);
                if (!profileExists(profile)) {
                    problems.add(command.where() + ": profile '" + profile + "' (-P) is defined in no pom.xml");
                }
            }
        }
    }

    private static void checkMainClass(Command command, String className, List<String> modules, List<String> problems) {
        if (mainInSources(modules, className)) {
            // a module this one does not depend on (artifex-spark): its source must declare the main method
            return;
        }
        try {
            Method main = Class.forName(className, false, DocCommandsTest.class.getClassLoader()).getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers()) || !Modifier.isPublic(main.getModifiers())) {
                problems.add(command.where() + ": " + className + ".main is not public static");
            }
        } catch (ClassNotFoundException e) {
            problems.add(command.where() + ": class " + className + " (-Dexec.mainClass) does not exist");
        } catch (NoSuchMethodException e) {
            problems.add(command.where() + ": class " + className + " (-Dexec.mainClass) has no main(String[])");
        }
    }

    /** Whether a {@code -pl} module other than this one has {@code className}'s source with a public static main. */
    private static boolean mainInSources(List<String> modules, String className) {
        for (String module : modules) {
            if (module.equals("artifex-examples")) {
                continue;
            }
            Path source = ROOT.resolve(module).resolve("src/main/java").resolve(className.replace('.', '/') + ".java");
            try {
                if (Files.isRegularFile(source)
                        && Files.readString(source).contains("public static void main(String[] args)")) {
                    return true;
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return false;
    }

    private static boolean testClassExists(List<String> modules, String test) {
        for (String module : modules) {
            Path sources = ROOT.resolve(module).resolve("src/test/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                if (files.anyMatch(p -> p.getFileName().toString().equals(test + ".java"))) {
                    return true;
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + sources + ": " + e.getMessage(), e);
            }
        }
        return false;
    }

    private static boolean profileExists(String profile) {
        try (Stream<Path> poms = Files.walk(ROOT, 2)) {
            for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
                if (Files.readString(pom).contains("<id>" + profile + "</id>")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the poms under " + ROOT + ": " + e.getMessage(), e);
        }
    }

    private static boolean isHelp(Command command) {
        List<String> w = command.words();
        return command.program().equals("./artifex")
                && (w.contains("--help") || w.contains("-h") || w.contains("--version") || w.size() > 1 && w.get(1).equals("help"));
    }

    /** Runs {@code text} with bash from the repository root; requires exit 0 and {@code expected} on stdout. */
    static void assertRuns(String text, String expected) throws IOException, InterruptedException {
        Launcher.Result r;
        try {
            r = Launcher.run(text, 120);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; mark its block <!-- command: long -->", e);
        }
        assertThat(r.status()).as(text + ": exit status " + r.status() + "\n" + r.err()).isZero();
        assertThat(r.out()).as(text).contains(expected);
        assertThat(r.err()).as(text + ": the launcher must not build inside the test").doesNotContain("building the project");
    }
}
