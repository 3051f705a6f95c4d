package io.artifex.data.protein;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.artifex.data.fuzz.FuzzContract;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the PDB reader. Its contract is stronger than the other readers': text never
 * makes it throw (malformed records are reported and skipped), and every chain it returns is
 * consistent (finite coordinates, a CA atom in every residue). The first byte picks the model
 * index, the rest is the file. Seeds in {@code PdbReaderFuzzTestInputs/}.
 */
class PdbReaderFuzzTest {

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void readAnyPdbText(FuzzedDataProvider data) throws Exception {
        int model = data.consumeInt(0, 2);
        byte[] text = data.consumeRemainingAsBytes();
        LoadReport report = new LoadReport();
        FuzzContract.check(() -> {
            List<ProteinChain> chains = PdbReader.read(new BufferedReader(new InputStreamReader(
                    new ByteArrayInputStream(text), StandardCharsets.US_ASCII)), Path.of("fuzz.pdb"), model, report);
            for (ProteinChain chain : chains) {
                assertThat(chain.length()).isPositive();
                for (double c : chain.coordinates()) {
                    assertThat(Double.isFinite(c)).as("coordinate is finite").isTrue();
                }
                for (int i = 0; i < chain.length(); i++) {
                    assertThat(chain.hasAtom(i, Backbone.CA)).as("residue %d has its CA", i).isTrue();
                }
            }
        });
        for (LoadReport.Problem problem : report.problems()) {
            assertThat(problem.toString()).isNotBlank();
        }
    }
}
