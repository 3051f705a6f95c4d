package io.artifex.data.protein;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads protein backbones from PDB-format text (fixed columns of the wwPDB 3.3 format):
 * {@code ATOM}/{@code HETATM} records of one model (the first by default; {@code MODEL}/
 * {@code ENDMDL} delimit models), grouped into chains by chain identifier (column 22; a
 * {@code TER} record ends a chain, so chains that share a blank identifier, as GROMACS writes
 * them, stay apart) and into residues by residue number and insertion code (columns 23-27), in
 * file order. Residue names are read from columns 18-21 (molecular dynamics programs write
 * four-letter names such as {@code TIP3} or {@code NALA}) and mapped by {@link ResidueTypes}.
 *
 * <p>Files written by molecular dynamics programs load as they are: protonation variants
 * ({@code HIE}, {@code HSD}, {@code CYX}, {@code ASH}, ...) are their standard residues; a
 * residue without an {@code O} takes its terminal carboxyl oxygen ({@code OC1}, {@code OT1},
 * {@code O1}, {@code OXT}, {@code OC2}, {@code OT2}, {@code O2}, in that order of preference) as
 * the backbone O; waters, ions ({@link ResidueTypes#isWaterOrIon}) and capping groups
 * ({@link ResidueTypes#isCap}: {@code ACE}, {@code NME}, ...) are skipped whether written as
 * {@code ATOM} or {@code HETATM}, counted in the {@link LoadReport} rather than reported one by one.
 *
 * <p>Alternate locations (column 17): for each atom the location with the highest occupancy
 * is kept, the first one on ties. Residues without a CA atom are dropped; residues missing N, C
 * or O are kept with that atom masked; both are reported. {@code HETATM} groups with none of the
 * backbone atoms (ligands) are ignored silently. Malformed records (shorter than 54
 * characters, unparsable numbers) are reported with file and line and skipped.
 *
 * <p>Limits, checked as the text is read: a line longer than {@value #MAX_LINE_LENGTH}
 * characters (binary data, not PDB text) or more than {@code maxRecords} lines before the
 * requested model ends stop the file with a {@link PdbFormatException} naming file and line.
 *
 * <p>Thread-safety: thread-safe, as long as each call has its own {@link LoadReport}.
 */
public final class PdbReader {

    /** The longest line read; PDB records are 80 characters. */
    public static final int MAX_LINE_LENGTH = 1024;

    /** The most lines read from one file unless a caller gives another ceiling. */
    public static final long DEFAULT_MAX_RECORDS = 10_000_000L;

    private static final int MIN_LINE = 54;

    /** Atom names that stand for the backbone O when a residue has no {@code O}, best first. */
    private static final List<String> TERMINAL_OXYGENS = List.of("OC1", "OT1", "O1", "OXT", "OC2", "OT2", "O2");

    private PdbReader() {
    }

    /** Reads model {@code model} (0 = the first) of {@code file} ({@code .gz} is decompressed), up to {@link #DEFAULT_MAX_RECORDS} lines. */
    public static List<ProteinChain> read(Path file, int model, LoadReport report) throws IOException {
        return read(file, model, report, DEFAULT_MAX_RECORDS);
    }

    /** Reads model {@code model} of {@code file}, refusing it after {@code maxRecords} lines. */
    public static List<ProteinChain> read(Path file, int model, LoadReport report, long maxRecords) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)), file, model, report,
                    maxRecords);
        }
    }

    /** Reads model {@code model} of PDB text; {@code file} only names the source in the report. */
    public static List<ProteinChain> read(BufferedReader reader, Path file, int model, LoadReport report)
            throws IOException {
        return read(reader, file, model, report, DEFAULT_MAX_RECORDS);
    }

    /**
     * Reads model {@code model} of PDB text, refusing it after {@code maxRecords} lines;
     * {@code file} only names the source in the report and in errors.
     *
     * @throws PdbFormatException naming file and line for a line longer than
     *         {@value #MAX_LINE_LENGTH} characters or more than {@code maxRecords} lines
     */
    public static List<ProteinChain> read(BufferedReader reader, Path file, int model, LoadReport report,
                                          long maxRecords) throws IOException {
        if (model < 0) {
            throw new IllegalArgumentException("model index must be >= 0, got " + model);
        }
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, got " + maxRecords);
        }
        Map<String, Map<String, Residue>> chains = new LinkedHashMap<>();
        Map<String, Integer> segments = new LinkedHashMap<>();
        Set<String> terminated = new HashSet<>();
        String lastChain = null;
        int currentModel = 0;
        boolean sawModel = false;
        boolean inModel = true;
        BoundedLines lines = new BoundedLines(reader, file);
        String line;
        int n = 0;
        while ((line = lines.next(n + 1)) != null) {
            n++;
            if (n > maxRecords) {
                throw new PdbFormatException(file, n, "more than " + maxRecords + " lines before model " + model
                        + " ended; refused (the record ceiling, maxRecords)");
            }
            String record = (line + "      ").substring(0, 6);
            if (record.startsWith("MODEL")) {
                currentModel = sawModel ? currentModel + 1 : 0;
                sawModel = true;
                inModel = true;
                continue;
            }
            if (record.startsWith("ENDMDL")) {
                inModel = false;
                if (currentModel >= model) {
                    break;
                }
                continue;
            }
            if (record.startsWith("TER") && lastChain != null) {
                terminated.add(lastChain);
                continue;
            }
            if (!record.equals("ATOM  ") && !record.equals("HETATM") || currentModel != model || !inModel) {
                continue;
            }
            if (line.length() < MIN_LINE) {
                report.add(file, n, record.trim() + " record is " + line.length() + " characters, needs at least "
                        + MIN_LINE + " (coordinates end at column 54); skipped");
                continue;
            }
            String resName = line.substring(17, 21).trim();
            if (ResidueTypes.isWaterOrIon(resName) || ResidueTypes.isCap(resName)) {
                report.countIgnored(file, resName);
                continue;
            }
            String atomName = line.substring(12, 16).trim();
            Backbone atom = Backbone.of(atomName);
            int priority = 0;
            if (atom == null && TERMINAL_OXYGENS.contains(atomName)) {
                atom = Backbone.O;
                priority = 1 + TERMINAL_OXYGENS.indexOf(atomName);
            }
            String chainId = line.substring(21, 22);
            char iCode = line.charAt(26);
            int resSeq;
            double[] xyz = new double[3];
            double occupancy = 1.0;
            try {
                resSeq = Integer.parseInt(line.substring(22, 26).trim());
            } catch (NumberFormatException e) {
                report.add(file, n, "bad residue number '" + line.substring(22, 26) + "' (columns 23-26); skipped");
                continue;
            }
            String[] axes = {"x", "y", "z"};
            boolean ok = true;
            for (int k = 0; k < 3 && ok; k++) {
                String field = line.substring(30 + 8 * k, 38 + 8 * k);
                try {
                    xyz[k] = Double.parseDouble(field.trim());
                    ok = Double.isFinite(xyz[k]);
                } catch (NumberFormatException e) {
                    ok = false;
                }
                if (!ok) {
                    report.add(file, n, "bad " + axes[k] + " coordinate '" + field + "' (columns " + (31 + 8 * k)
                            + "-" + (38 + 8 * k) + "); skipped");
                }
            }
            if (!ok) {
                continue;
            }
            if (line.length() >= 60 && !line.substring(54, 60).isBlank()) {
                try {
                    occupancy = Double.parseDouble(line.substring(54, 60).trim());
                } catch (NumberFormatException e) {
                    report.add(file, n, "bad occupancy '" + line.substring(54, 60) + "' (columns 55-60); skipped");
                    continue;
                }
            }
            if (terminated.remove(chainId)) {
                segments.merge(chainId, 1, Integer::sum);
            }
            lastChain = chainId;
            String chainKey = chainId + "#" + segments.getOrDefault(chainId, 0);
            final int lineNo = n;
            final int number = resSeq;
            Residue res = chains.computeIfAbsent(chainKey, c -> new LinkedHashMap<>())
                    .computeIfAbsent(resSeq + "|" + iCode, k -> new Residue(resName, number, iCode, record, lineNo));
            if (atom != null) {
                res.offer(atom, priority, xyz, occupancy);
            }
        }
        List<ProteinChain> out = new ArrayList<>();
        String base = file.getFileName().toString();
        for (Map.Entry<String, Map<String, Residue>> e : chains.entrySet()) {
            String chainId = e.getKey().substring(0, 1);
            int segment = Integer.parseInt(e.getKey().substring(2));
            String name = base + ":" + chainId.trim() + (segment == 0 ? "" : "#" + (segment + 1));
            ProteinChain chain = build(name, chainId, e.getValue().values(), file, report);
            if (chain != null) {
                out.add(chain);
            }
        }
        if (sawModel && currentModel < model) {
            report.add(file, 0, "has " + (currentModel + 1) + " model(s); model index " + model + " does not exist");
        }
        return out;
    }

    private static ProteinChain build(String name, String chainId, Iterable<Residue> residues, Path file,
                                      LoadReport report) {
        List<Residue> kept = new ArrayList<>();
        for (Residue r : residues) {
            boolean any = false;
            for (boolean b : r.present) {
                any |= b;
            }
            if (!any && r.record.equals("HETATM")) {
                continue;
            }
            String where = r.resName + " " + r.resSeq + (r.iCode == ' ' ? "" : String.valueOf(r.iCode))
                    + " of chain '" + chainId + "'";
            if (!r.present[Backbone.CA.ordinal()]) {
                report.add(file, r.firstLine, "residue " + where + " has no CA atom; dropped");
                continue;
            }
            for (Backbone a : Backbone.values()) {
                if (!r.present[a.ordinal()]) {
                    report.add(file, r.firstLine, "residue " + where + " is missing backbone atom " + a + "; masked");
                }
            }
            kept.add(r);
        }
        if (kept.isEmpty()) {
            return null;
        }
        int l = kept.size();
        double[] coords = new double[l * 12];
        boolean[] mask = new boolean[l * 4];
        int[] types = new int[l];
        int[] numbers = new int[l];
        char[] codes = new char[l];
        for (int i = 0; i < l; i++) {
            Residue r = kept.get(i);
            System.arraycopy(r.coords, 0, coords, i * 12, 12);
            System.arraycopy(r.present, 0, mask, i * 4, 4);
            types[i] = ResidueTypes.index(r.resName);
            numbers[i] = r.resSeq;
            codes[i] = r.iCode;
        }
        return new ProteinChain(name, chainId, coords, mask, types, numbers, codes);
    }

    /** The backbone atoms of one residue while reading. */
    private static final class Residue {
        final String resName;
        final int resSeq;
        final char iCode;
        final String record;
        final int firstLine;
        final double[] coords = new double[12];
        final double[] occupancy = new double[4];
        final boolean[] present = new boolean[4];
        final int[] priority = new int[4];

        Residue(String resName, int resSeq, char iCode, String record, int firstLine) {
            this.resName = resName;
            this.resSeq = resSeq;
            this.iCode = iCode;
            this.record = record;
            this.firstLine = firstLine;
        }

        /**
         * Offers an atom position; {@code priority} 0 is the atom's own name, higher numbers are
         * stand-ins (terminal oxygens for O). A better priority wins, then a higher occupancy.
         */
        void offer(Backbone atom, int priority, double[] xyz, double occ) {
            int a = atom.ordinal();
            if (!present[a] || priority < this.priority[a] || priority == this.priority[a] && occ > occupancy[a]) {
                present[a] = true;
                occupancy[a] = occ;
                this.priority[a] = priority;
                System.arraycopy(xyz, 0, coords, a * 3, 3);
            }
        }
    }

    /** Lines of at most {@value #MAX_LINE_LENGTH} characters, without their line terminator. */
    private static final class BoundedLines {
        private final Reader in;
        private final Path file;
        private final char[] buffer = new char[8192];
        private int pos;
        private int len;

        BoundedLines(Reader in, Path file) {
            this.in = in;
            this.file = file;
        }

        /** The next line (number {@code lineNo}, for the error), or null at the end. */
        String next(int lineNo) throws IOException {
            StringBuilder sb = new StringBuilder(96);
            boolean any = false;
            while (true) {
                if (pos == len) {
                    len = in.read(buffer);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        return any ? strip(sb) : null;
                    }
                }
                any = true;
                int start = pos;
                while (pos < len && buffer[pos] != '\n') {
                    pos++;
                }
                sb.append(buffer, start, pos - start);
                if (sb.length() > MAX_LINE_LENGTH + 1) {
                    throw new PdbFormatException(file, lineNo, "line is longer than " + MAX_LINE_LENGTH
                            + " characters: not PDB text; file skipped");
                }
                if (pos < len) {
                    pos++;
                    return strip(sb);
                }
            }
        }

        private static String strip(StringBuilder sb) {
            int end = sb.length();
            if (end > 0 && sb.charAt(end - 1) == '\r') {
                end--;
            }
            return sb.substring(0, end);
        }
    }
}
