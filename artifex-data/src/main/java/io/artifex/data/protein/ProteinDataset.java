package io.artifex.data.protein;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protein backbones read from a directory of PDB files ({@code .pdb}, {@code .ent}, optionally
 * gzip-compressed), the Java counterpart of the seed's
 * {@code ProteinDataset(pdb_dir, with_constraints=True)}. Every chain of the chosen model
 * becomes one example; malformed records are collected in {@link #report()} and never stop the
 * rest of the directory from loading. With constraints on, the measured geometry of each chain
 * ({@link #constraints}) and its deviation from ideal ({@link #score}) are available.
 *
 * <pre>{@code
 * ProteinDataset ds = ProteinDataset.load(Path.of("data/pdb"), true);
 * BatchSource src = ds.batches().batchSize(8).maxLength(128).seed(1).build();
 * }</pre>
 *
 * <p>Thread-safety: immutable; safe to share between threads. Its {@code Builder} is not
 * thread-safe: use one builder per thread.
 */
public final class ProteinDataset {

    private static final Logger LOG = LoggerFactory.getLogger(ProteinDataset.class);

    /** The file name endings read (lower case). */
    public static final List<String> EXTENSIONS = List.of(".pdb", ".ent", ".pdb.gz", ".ent.gz");

    private final Path directory;
    private final List<ProteinChain> chains;
    private final LoadReport report;
    private final boolean withConstraints;
    private final List<BackboneGeometry.Measures> measures;

    private ProteinDataset(Path directory, List<ProteinChain> chains, LoadReport report, boolean withConstraints) {
        this.directory = directory;
        this.chains = List.copyOf(chains);
        this.report = report;
        this.withConstraints = withConstraints;
        this.measures = withConstraints ? chains.stream().map(BackboneGeometry::measure).toList() : List.of();
    }

    /** Loads the first model of every file in {@code dir}. */
    public static ProteinDataset load(Path dir, boolean withConstraints) throws IOException {
        return builder(dir).withConstraints(withConstraints).load();
    }

    /** A loader with options. */
    public static Builder builder(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("pdb directory must not be null");
        }
        return new Builder(dir);
    }

    /** The directory read. */
    public Path directory() {
        return directory;
    }

    /** The chains, in file (sorted by name) then chain order. */
    public List<ProteinChain> chains() {
        return chains;
    }

    /** The number of chains. */
    public int size() {
        return chains.size();
    }

    /** The problems met while reading. */
    public LoadReport report() {
        return report;
    }

    /** Whether geometry constraints were computed. */
    public boolean withConstraints() {
        return withConstraints;
    }

    /** The measured bonds, angles and torsions of chain {@code i} (needs constraints on). */
    public BackboneGeometry.Measures constraints(int i) {
        if (!withConstraints) {
            throw new IllegalArgumentException("constraints were not computed; load with withConstraints(true)");
        }
        return measures.get(i);
    }

    /** The deviation of chain {@code i} from ideal geometry (needs constraints on). */
    public BackboneScore score(int i) {
        return BackboneScore.of(constraints(i));
    }

    /** A batch source builder over these chains. */
    public ProteinBatchSource.Builder batches() {
        return ProteinBatchSource.builder(chains);
    }

    /** Options of a PDB directory load. */
    public static final class Builder {
        private final Path dir;
        private boolean withConstraints = true;
        private int model;
        private int minLength = 1;
        private long maxRecords = PdbReader.DEFAULT_MAX_RECORDS;

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** Whether to compute geometry constraints (default true). */
        public Builder withConstraints(boolean on) {
            this.withConstraints = on;
            return this;
        }

        /** Which model of multi-model files (0 = first, the default). */
        public Builder model(int model) {
            if (model < 0) {
                throw new IllegalArgumentException("model index must be >= 0, got " + model);
            }
            this.model = model;
            return this;
        }

        /** Chains shorter than this are left out and reported (default 1). */
        public Builder minLength(int minLength) {
            if (minLength < 1) {
                throw new IllegalArgumentException("minLength must be >= 1, got " + minLength);
            }
            this.minLength = minLength;
            return this;
        }

        /**
         * The most lines read from one file (default {@link PdbReader#DEFAULT_MAX_RECORDS}); a file
         * with more before its model ends is left out and reported.
         */
        public Builder maxRecords(long maxRecords) {
            if (maxRecords < 1) {
                throw new IllegalArgumentException("maxRecords must be >= 1, got " + maxRecords);
            }
            this.maxRecords = maxRecords;
            return this;
        }

        /** Reads every PDB file of the directory. */
        public ProteinDataset load() throws IOException {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("pdb directory " + dir + " does not exist or is not a directory");
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(Files::isRegularFile).filter(p -> EXTENSIONS.stream()
                        .anyMatch(p.getFileName().toString().toLowerCase(Locale.ROOT)::endsWith)).sorted().toList();
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("pdb directory " + dir + " holds no PDB files " + EXTENSIONS);
            }
            LoadReport report = new LoadReport();
            List<ProteinChain> chains = new ArrayList<>();
            for (Path file : files) {
                List<ProteinChain> read;
                try {
                    read = PdbReader.read(file, model, report, maxRecords);
                } catch (PdbFormatException e) {
                    report.add(file, e.line(), e.reason());
                    continue;
                } catch (IOException | RuntimeException e) {
                    report.add(file, 0, "cannot be read: " + e.getMessage());
                    continue;
                }
                List<ProteinChain> kept = new ArrayList<>();
                for (ProteinChain c : read) {
                    if (c.length() < minLength) {
                        report.add(file, 0, "chain " + c.name() + " has " + c.length() + " residues, fewer than minLength "
                                + minLength + "; left out");
                    } else {
                        kept.add(c);
                    }
                }
                if (kept.isEmpty()) {
                    report.add(file, 0, "no protein chain with backbone atoms in model " + model);
                } else {
                    report.countFile(kept.size());
                }
                chains.addAll(kept);
            }
            if (!report.ignoredAtoms().isEmpty()) {
                LOG.info("pdb directory {}: {}", dir, report.ignoredSummary());
            }
            if (!report.problems().isEmpty()) {
                LOG.warn("pdb directory {}: {} problem(s), e.g. {}", dir, report.problems().size(), report.problems().get(0));
            }
            if (chains.isEmpty()) {
                throw new IllegalArgumentException("pdb directory " + dir + ": no chain could be loaded from "
                        + files.size() + " file(s); first problem: " + report.problems().get(0));
            }
            LOG.debug("pdb directory {}: {}", dir, report);
            return new ProteinDataset(dir, chains, report, withConstraints);
        }
    }
}
