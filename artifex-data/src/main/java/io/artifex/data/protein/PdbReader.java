package io.artifex.data.protein;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads protein backbones from PDB-format text (fixed columns of the wwPDB 3.3 format):
 * {@code ATOM}/{@code HETATM} records of one model (the first by default; {@code MODEL}/
 * {@code ENDMDL} delimit models), grouped into chains by chain identifier (column 22) and into
 * residues by residue number and insertion code (columns 23-27), in file order.
 *
 * <p>Alternate locations (column 17): for each atom the location with the highest occupancy
 * is kept, the first one on ties. Residues without a CA atom are dropped; residues missing N, C
 * or O are kept with that atom masked; both are reported. {@code HETATM} groups with none of the
 * backbone atoms (water, ligands) are ignored silently. Malformed records (shorter than 54
 * characters, unparsable numbers) are reported with file and line and skipped.
 *
 * <p>Thread-safety: thread-safe, as long as each call has its own {@link LoadReport}.
 */
public final class PdbReader {

    private static final int MIN_LINE = 54;

    private PdbReader() {
    }

    /** Reads model {@code model} (0 = the first) of {@code file} ({@code .gz} is decompressed). */
    public static List<ProteinChain> read(Path file, int model, LoadReport report) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)), file, model, report);
        }
    }

    /** Reads model {@code model} of PDB text; {@code file} only names the source in the report. */
    public static List<ProteinChain> read(BufferedReader reader, Path file, int model, LoadReport report)
            throws IOException {
        if (model < 0) {
            throw new IllegalArgumentException("model index must be >= 0, got " + model);
        }
        Map<String, Map<String, Residue>> chains = new LinkedHashMap<>();
        int currentModel = 0;
        boolean sawModel = false;
        boolean inModel = true;
        String line;
        int n = 0;
        while ((line = reader.readLine()) != null) {
            n++;
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
            if (!record.equals("ATOM  ") && !record.equals("HETATM") || currentModel != model || !inModel) {
                continue;
            }
            if (line.length() < MIN_LINE) {
                report.add(file, n, record.trim() + " record is " + line.length() + " characters, needs at least "
                        + MIN_LINE + " (coordinates end at column 54); skipped");
                continue;
            }
            Backbone atom = Backbone.of(line.substring(12, 16));
            String resName = line.substring(17, 20).trim();
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
            final int lineNo = n;
            final int number = resSeq;
            Residue res = chains.computeIfAbsent(chainId, c -> new LinkedHashMap<>())
                    .computeIfAbsent(resSeq + "|" + iCode, k -> new Residue(resName, number, iCode, record, lineNo));
            if (atom != null) {
                res.offer(atom, xyz, occupancy);
            }
        }
        List<ProteinChain> out = new ArrayList<>();
        String base = file.getFileName().toString();
        for (Map.Entry<String, Map<String, Residue>> e : chains.entrySet()) {
            ProteinChain chain = build(base + ":" + e.getKey().trim(), e.getKey(), e.getValue().values(), file, report);
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

        Residue(String resName, int resSeq, char iCode, String record, int firstLine) {
            this.resName = resName;
            this.resSeq = resSeq;
            this.iCode = iCode;
            this.record = record;
            this.firstLine = firstLine;
        }

        void offer(Backbone atom, double[] xyz, double occ) {
            int a = atom.ordinal();
            if (!present[a] || occ > occupancy[a]) {
                present[a] = true;
                occupancy[a] = occ;
                System.arraycopy(xyz, 0, coords, a * 3, 3);
            }
        }
    }
}
