package io.artifex.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell commands of a markdown page: every line of its {@code ```bash}, {@code ```sh} and
 * {@code ```shell} blocks, with backslash continuations joined and {@code #} comments removed,
 * split into words the way the shell would (single and double quotes, backslash escapes;
 * {@code $VARIABLES} are kept as written). Leading {@code NAME=value} words are the command's
 * environment. The line just before a block may mark all of its commands:
 * {@code <!-- command: long -->} (runs as printed, but too long for the test suite: only
 * parse-checked there, run by {@code .ci/doc-commands}) or {@code <!-- command: manual -->}
 * (needs files of the reader's own: parse-checked only, never run). A block without a language
 * that holds an {@code ./artifex} or {@code ./mvnw} line is refused, so no command escapes the
 * checks. Used by {@link DocCommandsTest}.
 */
final class DocCommands {

    /** How a block was marked. */
    enum Marker {
        /** No marker: the suite runs the command as printed. */
        NONE,
        /** {@code <!-- command: long -->}: parse-checked in the suite, run by the release script. */
        LONG,
        /** {@code <!-- command: manual -->}: parse-checked only (needs the reader's own files). */
        MANUAL
    }

    /**
     * One command as printed.
     *
     * @param where {@code file:line} of its first line
     * @param text the command line as the shell reads it (continuations joined, comment removed)
     * @param env leading {@code NAME=value} assignments, in order
     * @param words the program and its arguments, unquoted
     * @param marker the block's marker
     */
    record Command(String where, String text, Map<String, String> env, List<String> words, Marker marker) {

        /** The program, or "" for a line of assignments only. */
        String program() {
            return words.isEmpty() ? "" : words.get(0);
        }
    }

    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*(\\S*)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*command:\\s*(\\S+)\\s*-->\\s*$");
    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", Pattern.DOTALL);

    private DocCommands() {
    }

    /** The commands of {@code file}, named relative to {@code root}. */
    static List<Command> of(Path root, Path file) throws IOException {
        return parse(root.relativize(file).toString(), Files.readString(file));
    }

    /**
     * The commands of a markdown text.
     *
     * @param name the name used in {@link Command#where()}
     * @param markdown the page
     * @return its commands in page order
     * @throws IllegalArgumentException for an unknown marker or an unclosed quote or block, naming the line
     */
    static List<Command> parse(String name, String markdown) {
        String[] lines = markdown.split("\n", -1);
        List<Command> out = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            Matcher fence = FENCE.matcher(lines[i]);
            if (!fence.matches()) {
                i++;
                continue;
            }
            String language = fence.group(1);
            Marker marker = markerBefore(name, lines, i);
            int start = i + 1;
            int end = start;
            while (end < lines.length && !FENCE.matcher(lines[end]).matches()) {
                end++;
            }
            if (end == lines.length) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": code block is never closed");
            }
            if (language.equals("bash") || language.equals("sh") || language.equals("shell")) {
                commands(name, lines, start, end, marker, out);
            } else if (language.isEmpty() && java.util.Arrays.stream(lines, start, end).map(String::strip)
                    .anyMatch(l -> l.startsWith("./artifex ") || l.startsWith("./mvnw "))) {
                throw new IllegalArgumentException(name + ":" + (i + 1)
                        + ": a block without a language holds a command; write it as ```bash so that it is checked");
            } else if (marker != Marker.NONE) {
                throw new IllegalArgumentException(name + ":" + i + ": a command marker must stand before a bash/sh/shell block");
            }
            i = end + 1;
        }
        return out;
    }

    private static final Pattern INLINE = Pattern.compile("`(\\./(?:artifex|mvnw) [^`\n]*)`");
    private static final Pattern STAND_IN = Pattern.compile("(^|\\s)[A-Z][A-Z_]+(\\s|$)");

    /**
     * The commands written inline in the prose of a markdown text ({@code `./artifex ...`} and
     * {@code `./mvnw ...`} code spans outside code blocks), to be parse-checked like the block
     * commands (they are not run). A span that only sketches a command, with {@code ...} or an
     * upper-case stand-in word such as {@code SUB}, is left out.
     *
     * @param name the name used in {@link Command#where()}
     * @param markdown the page
     * @return its inline commands in page order, marked {@link Marker#LONG}
     */
    static List<Command> inline(String name, String markdown) {
        String[] lines = markdown.split("\n", -1);
        List<Command> out = new ArrayList<>();
        boolean inBlock = false;
        for (int i = 0; i < lines.length; i++) {
            if (FENCE.matcher(lines[i]).matches()) {
                inBlock = !inBlock;
                continue;
            }
            if (inBlock) {
                continue;
            }
            Matcher m = INLINE.matcher(lines[i]);
            while (m.find()) {
                String text = m.group(1);
                if (text.contains("...") || STAND_IN.matcher(text).find()) {
                    continue;
                }
                List<String> words = new ArrayList<>();
                words(name + ":" + (i + 1), text, words);
                out.add(new Command(name + ":" + (i + 1), text, Map.of(), List.copyOf(words), Marker.LONG));
            }
        }
        return out;
    }

    private static Marker markerBefore(String name, String[] lines, int fence) {
        if (fence == 0) {
            return Marker.NONE;
        }
        Matcher m = MARKER.matcher(lines[fence - 1]);
        if (!m.matches()) {
            return Marker.NONE;
        }
        return switch (m.group(1)) {
            case "long" -> Marker.LONG;
            case "manual" -> Marker.MANUAL;
            default -> throw new IllegalArgumentException(name + ":" + fence + ": unknown command marker '" + m.group(1)
                    + "' (expected long or manual)");
        };
    }

    private static void commands(String name, String[] lines, int start, int end, Marker marker, List<Command> out) {
        int i = start;
        while (i < end) {
            int first = i;
            StringBuilder joined = new StringBuilder(lines[i]);
            while (joined.toString().endsWith("\\") && i + 1 < end) {
                joined.setLength(joined.length() - 1);
                i++;
                joined.append(' ').append(lines[i].strip());
            }
            i++;
            String where = name + ":" + (first + 1);
            List<String> words = new ArrayList<>();
            String text = words(where, joined.toString(), words);
            if (words.isEmpty()) {
                continue;
            }
            Map<String, String> env = new LinkedHashMap<>();
            while (!words.isEmpty()) {
                Matcher a = ASSIGNMENT.matcher(words.get(0));
                if (!a.matches()) {
                    break;
                }
                env.put(a.group(1), a.group(2));
                words.remove(0);
            }
            out.add(new Command(where, text, env, List.copyOf(words), marker));
        }
    }

    /** Splits {@code line} into {@code words}; returns the line without its comment. */
    private static String words(String where, String line, List<String> words) {
        StringBuilder word = null;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                i++;
            } else if (c == '#' && word == null) {
                return line.substring(0, i).strip();
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '\'') {
                    int close = line.indexOf('\'', i + 1);
                    if (close < 0) {
                        throw new IllegalArgumentException(where + ": unclosed single quote");
                    }
                    word.append(line, i + 1, close);
                    i = close + 1;
                } else if (c == '"') {
                    i++;
                    while (i < line.length() && line.charAt(i) != '"') {
                        if (line.charAt(i) == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                            i++;
                        }
                        word.append(line.charAt(i));
                        i++;
                    }
                    if (i >= line.length()) {
                        throw new IllegalArgumentException(where + ": unclosed double quote");
                    }
                    i++;
                } else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(i + 1));
                    i += 2;
                } else {
                    word.append(c);
                    i++;
                }
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return line.strip();
    }
}
