package io.artifex.examples.cli;

import io.artifex.core.config.ConfigValidationException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code artifex} command line: {@code train}, {@code sample}, {@code evaluate},
 * {@code bench} and {@code quickstart}. A user's mistake (bad option, bad or invalid config,
 * missing or corrupt file) prints one clear message and exits with status 2; other failures
 * exit with 1. Stack traces are shown only with {@code --stacktrace}.
 *
 * <p>Thread-safety: not designed for concurrent use: a command-line program meant to run once per
 * process.
 */
@Command(name = "artifex", mixinStandardHelpOptions = true, version = "artifex 0.1.0-SNAPSHOT",
        description = "Train, sample and evaluate generative models on the JVM.",
        subcommands = {QuickstartCommand.class, TrainCommand.class, SampleCommand.class, EvaluateCommand.class, BenchCommand.class,
                ExportCommand.class,
                CommandLine.HelpCommand.class})
public final class ArtifexCli {

    /** Exit status for a user's mistake: bad arguments, config or files. */
    public static final int USAGE_ERROR = 2;

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit status (for tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        System.setProperty("java.awt.headless", "true");
        System.setProperty("org.jboss.logging.provider", "slf4j");
        boolean stacktrace = java.util.Arrays.asList(args).contains("--stacktrace");
        String[] rest = java.util.Arrays.stream(args).filter(a -> !a.equals("--stacktrace")).toArray(String[]::new);
        CommandLine cli = new CommandLine(new ArtifexCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (stacktrace) {
                e.printStackTrace(err);
            }
            err.println("artifex " + commandLine.getCommandName() + ": " + describe(e));
            err.flush();
            return isUserError(e) ? USAGE_ERROR : 1;
        });
        return cli.execute(rest);
    }

    private static boolean isUserError(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof UncheckedIOException
                || e instanceof ConfigValidationException;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof UncheckedIOException && e.getCause() != null && message == null) {
            message = e.getCause().getMessage();
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
