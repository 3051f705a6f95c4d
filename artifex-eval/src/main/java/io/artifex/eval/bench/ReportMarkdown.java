package io.artifex.eval.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Renders a {@link BenchmarkReport} as Markdown. */
final class ReportMarkdown {

    /** Printed under any table that shows FID, KID, precision/recall or a classifier score. */
    static final String FEATURE_CAVEAT = "FID, KID, precision/recall and the classifier score use Artifex's own MNIST "
            + "feature network, not Inception: they are not comparable with published (Inception) numbers.";

    private ReportMarkdown() {
    }

    static String render(BenchmarkReport r) {
        StringBuilder sb = new StringBuilder();
        Environment e = r.environment();
        BenchmarkOptions o = r.options();
        sb.append("# Artifex benchmark\n\n");
        sb.append("- Command: `").append(r.commandLine().isBlank() ? "(library call)" : r.commandLine()).append("`\n");
        sb.append("- Date: ").append(r.date()).append('\n');
        sb.append("- Machine: ").append(e.cpuModel()).append(", ").append(e.cpuCores()).append(" logical CPUs (")
                .append(e.availableProcessors()).append(" available to the JVM), ").append(e.os()).append('\n');
        sb.append("- JVM: ").append(e.jvm()).append('\n');
        sb.append("- Engine: ").append(e.engine()).append(' ').append(e.engineVersion()).append(" (DJL ")
                .append(e.djlVersion()).append("), device ").append(e.device()).append(", threads intra-op ")
                .append(count(e.intraOpThreads())).append(" / inter-op ").append(count(e.interOpThreads())).append('\n');
        sb.append("- Protocol: batch ").append(o.batchSize()).append(", ").append(o.steps())
                .append(" timed training steps after ").append(o.warmup()).append(" warm-up steps, median of ")
                .append(o.repeats()).append(" repeat(s); seed ").append(o.seed()).append("\n\n");
        sb.append("| Model | Params (expected / actual) | Train ex/s (median, min–max) | Sampling (median wall time) "
                + "| RSS before / after (MiB) | Heap after (MiB) | Threads |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (ModelResult m : r.models()) {
            ParameterCheck p = m.parameters();
            TrainingSpeed t = m.training();
            sb.append("| ").append(m.id())
                    .append(" | ").append(fmt("%,d", p.expected())).append(" / ").append(fmt("%,d", p.actual()))
                    .append(p.passed() ? " ✓" : " ✗")
                    .append(" | ").append(fmt("%,.0f", t.median())).append(" (").append(fmt("%,.0f", t.min()))
                    .append("–").append(fmt("%,.0f", t.max())).append(')')
                    .append(" | ").append(sampling(m.sampling()))
                    .append(" | ").append(mib(m.memoryBefore().rssMib())).append(" / ").append(mib(m.memoryAfter().rssMib()))
                    .append(" | ").append(mib(m.memoryAfter().heapUsedMib()))
                    .append(" | ").append(count(e.intraOpThreads())).append(" |\n");
        }
        appendQuality(sb, r.models());
        List<String> failed = r.failedChecks();
        sb.append("\nFailed checks: ").append(failed.isEmpty() ? "none" : failed.size()).append('\n');
        failed.forEach(f -> sb.append("- ✗ ").append(f).append('\n'));
        return sb.toString();
    }

    private static void appendQuality(StringBuilder sb, List<ModelResult> models) {
        List<ModelResult> withQuality = models.stream().filter(m -> m.quality() != null).toList();
        if (withQuality.isEmpty()) {
            return;
        }
        sb.append("\n## Quality\n\n");
        Set<String> notes = new LinkedHashSet<>();
        boolean featureMetrics = false;
        for (ModelResult m : withQuality) {
            QualityResult q = m.quality();
            sb.append("**").append(m.id()).append("**: ").append(q.budget()).append("; ")
                    .append(fmt("%,d", q.trainExamples())).append(" training / ").append(fmt("%,d", q.testExamples()))
                    .append(" test examples.\n\n");
            Set<String> names = new LinkedHashSet<>();
            q.points().forEach(pt -> names.addAll(pt.metrics().keySet()));
            List<String> header = new ArrayList<>(List.of("Epochs", "Steps", "Train time (s)"));
            header.addAll(names);
            sb.append("| ").append(String.join(" | ", header)).append(" |\n");
            sb.append("|").append("---|".repeat(header.size())).append('\n');
            for (QualityPoint pt : q.points()) {
                sb.append("| ").append(pt.epochs()).append(" | ").append(pt.steps()).append(" | ")
                        .append(fmt("%.1f", pt.trainSeconds()));
                for (String n : names) {
                    Double v = pt.metrics().get(n);
                    sb.append(" | ").append(v == null ? "" : fmt("%.3f", v));
                }
                sb.append(" |\n");
            }
            sb.append('\n');
            notes.addAll(q.notes());
            featureMetrics |= names.stream().anyMatch(ReportMarkdown::isFeatureMetric);
        }
        if (featureMetrics) {
            notes.add(FEATURE_CAVEAT);
        }
        notes.forEach(n -> sb.append("- ").append(n).append('\n'));
    }

    static boolean isFeatureMetric(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("fid") || n.contains("kid") || n.contains("precision") || n.contains("recall")
                || n.contains("classifier_score");
    }

    private static String sampling(List<SamplingSpeed> sampling) {
        List<String> parts = new ArrayList<>();
        for (SamplingSpeed s : sampling) {
            // below 10 samples a second a rate rounds badly ("0/s"): give the time per sample instead
            String rate = s.samplesPerSecond() >= 10 ? fmt("%,.0f", s.samplesPerSecond()) + "/s"
                    : seconds(s.medianSeconds() / s.samples()) + " per sample";
            parts.add(s.workload() + " ×" + s.samples() + ": " + seconds(s.medianSeconds()) + " (" + rate + ")");
        }
        return parts.isEmpty() ? "–" : String.join("; ", parts);
    }

    private static String seconds(double s) {
        return s < 1 ? fmt("%.1f ms", s * 1000) : fmt("%.2f s", s);
    }

    private static String mib(double v) {
        return v < 0 ? "n/a" : fmt("%,.0f", v);
    }

    private static String count(int n) {
        return n < 0 ? "unknown" : Integer.toString(n);
    }

    private static String fmt(String format, Object value) {
        return String.format(Locale.ROOT, format, value);
    }
}
