package io.artifex.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak runner on the VAE with tiny settings: readings land at the steps the options ask for,
 * the sampling threads really sample, and the report round-trips. Growth figures of such short
 * runs mean nothing, so the tolerance is wide; the rule itself is tested in {@link SoakResultTest}.
 */
class MemorySoakTest {

    @Test
    void trainingAndSamplingSoaksReadMemoryWhereAsked(@TempDir Path dir) throws Exception {
        SoakOptions options = SoakOptions.builder().models("vae").trainingSteps(6).readings(3).samplingThreads(2)
                .samplingMinutes(0.03).samplesPerCall(4).tolerancePercent(500).commandLine("artifex bench --soak-steps 6")
                .build();
        SoakReport report = new MemorySoak().run(options);

        assertThat(report.soaks()).hasSize(2);
        SoakResult training = report.soaks().get(0);
        assertThat(training.kind()).isEqualTo("training");
        assertThat(training.done()).isEqualTo(6);
        // a reading at the start and one every 6 / 3 = 2 steps
        assertThat(training.readings()).extracting(MemoryReading::position).containsExactly(0L, 2L, 4L, 6L);
        assertThat(training.readings()).allSatisfy(r -> assertThat(r.rssBytes()).isPositive());
        assertThat(training.flat()).isTrue();

        SoakResult sampling = report.soaks().get(1);
        assertThat(sampling.kind()).isEqualTo("sampling");
        assertThat(sampling.threads()).isEqualTo(2);
        assertThat(sampling.done()).isGreaterThanOrEqualTo(2);
        List<Long> positions = sampling.readings().stream().map(MemoryReading::position).toList();
        assertThat(positions.get(0)).isZero();
        assertThat(positions).isSorted();
        assertThat(positions.get(positions.size() - 1)).isEqualTo(sampling.done());
        assertThat(sampling.seconds()).isGreaterThanOrEqualTo(0.03 * 60 * 0.9);

        assertThat(SoakReport.fromJson(report.toJson())).isEqualTo(report);
        assertThat(report.toMarkdown()).contains("- Command: `artifex bench --soak-steps 6`")
                .contains("| vae | training | 6 steps | 1 |").contains("| vae | sampling |")
                .contains("Failed checks: none")
                .contains(report.heapPreTouched() ? "- Heap: resident from the start" : "- Heap: NOT pre-touched");
        List<Path> written = report.writeTo(dir);
        assertThat(written).allSatisfy(p -> assertThat(Files.size(p)).isPositive());
    }
}
