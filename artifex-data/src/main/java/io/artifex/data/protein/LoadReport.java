package io.artifex.data.protein;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What happened while reading PDB files: the problems found (each with its file and 1-based
 * line, 0 for problems with a whole file or residue group) and how many files and chains were
 * read. A problem never stops the other records, files or chains from loading.
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
    private int filesRead;
    private int chainsRead;

    /** An empty report. */
    public LoadReport() {
    }

    /** Records a problem. */
    public void add(Path file, int line, String message) {
        problems.add(new Problem(file, line, message));
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
