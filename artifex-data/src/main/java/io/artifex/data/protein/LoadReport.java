package io.artifex.data.protein;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What happened while reading PDB files: the problems found (each with its file and 1-based
 * line, 0 for problems with a whole file or residue group) and how many files and chains were
 * read. A problem never stops the other records, files or chains from loading. Water, ion and
 * capping-group records are not problems: they are counted ({@link #ignoredAtoms()}, {@link #ignoredSummary()}).
 *
 * <p>Thread-safety: not thread-safe: use one instance per thread (or synchronize externally).
 */
public final class LoadReport {

    /** One problem: a skipped line, a dropped residue, a masked atom or an unreadable file. */
    public record Problem(Path file, int line, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + ": " + message;
        }
    }

    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Long> ignored = new TreeMap<>();
    private final Set<Path> filesWithIgnored = new LinkedHashSet<>();
    private int filesRead;
    private int chainsRead;

    /** An empty report. */
    public LoadReport() {
    }

    /** Records a problem. */
    public void add(Path file, int line, String message) {
        problems.add(new Problem(file, line, message));
    }

    /** Counts one skipped water, ion or cap atom record of residue {@code residueName} in {@code file} (not a problem). */
    void countIgnored(Path file, String residueName) {
        ignored.merge(residueName.toUpperCase(java.util.Locale.ROOT), 1L, Long::sum);
        filesWithIgnored.add(file);
    }

    /** Water, ion and cap atom records skipped, by residue name (upper case, sorted). */
    public Map<String, Long> ignoredAtoms() {
        return Collections.unmodifiableMap(ignored);
    }

    /**
     * One line summing up the skipped water, ion and cap atoms, e.g.
     * {@code ignored 9 water, ion and cap atom records in 2 file(s): CL 1, HOH 6, NA 1, SOL 1}; empty when none.
     */
    public String ignoredSummary() {
        if (ignored.isEmpty()) {
            return "";
        }
        long total = ignored.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder sb = new StringBuilder("ignored " + total + " water, ion and cap atom records in "
                + filesWithIgnored.size() + " file(s): ");
        ignored.forEach((name, count) -> sb.append(name).append(' ').append(count).append(", "));
        return sb.substring(0, sb.length() - 2);
    }

    void countFile(int chains) {
        filesRead++;
        chainsRead += chains;
    }

    /** The problems in the order found. */
    public List<Problem> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** The problems of one file. */
    public List<Problem> problems(Path file) {
        return problems.stream().filter(p -> p.file().equals(file)).toList();
    }

    /** Files that yielded at least one chain. */
    public int filesRead() {
        return filesRead;
    }

    /** Chains loaded in all. */
    public int chainsRead() {
        return chainsRead;
    }

    @Override
    public String toString() {
        return "LoadReport[" + filesRead + " files, " + chainsRead + " chains, " + problems.size() + " problems]";
    }
}
