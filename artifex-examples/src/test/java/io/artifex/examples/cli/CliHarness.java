package io.artifex.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Runs the {@code artifex} command line in-process and reads what a run wrote (shared by the CLI tests). */
final class CliHarness {

    /** What a command printed and returned. */
    record Result(int status, String out, String err) {
    }

    private CliHarness() {
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = ArtifexCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    /** Runs {@code args} and requires status 0. */
    static Result ok(String... args) {
        Result r = cli(args);
        assertThat(r.status()).as(String.join(" ", args) + "\n" + r.err()).isZero();
        return r;
    }

    /** Writes {@code yaml} to {@code dir/name}. */
    static Path write(Path dir, String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    /** The only run folder under {@code runs}. */
    static Path onlyRun(Path runs) throws IOException {
        try (Stream<Path> list = Files.list(runs)) {
            List<Path> all = list.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    /**
     * The step rows of a run's metrics.csv, each as column name to value (sorted by name: the
     * column order follows the first step's metric map, which two JVMs may order differently).
     */
    static List<Map<String, String>> csvRows(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",", -1);
            assertThat(values).as(line).hasSameSizeAs(header);
            Map<String, String> row = new TreeMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], values[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The step lines of a run's metrics.jsonl. */
    static List<String> jsonStepLines(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.jsonl")).stream().filter(l -> l.contains("\"type\":\"step\"")).toList();
    }
}
