package io.artifex.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogLinesTest {

    @Test
    void epochSummaryHasPaddedCountersFixedDecimalsAndNoLossAlias() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("discriminator/loss", 1.3862943611198906);
        values.put("lr/discriminator", 2e-4);
        values.put("generator/loss", 0.6931471805599453);
        values.put("lr/generator", 1e-3);
        values.put("loss", 1.3862943611198906);
        values.put("validation_loss", 12.5);
        String line = LogLines.epochSummary(new EpochMetrics(1, 120, values), 10, 1500);
        // written out by hand: epoch 2 of 10 (width 2), step 120 of 1500 (width 4), %10.4f values,
        // validation after the phase values, learning rates last
        assertThat(line).isEqualTo("epoch  2/10  step  120  discriminator/loss     1.3863  generator/loss     0.6931"
                + "  validation_loss    12.5000  lr/discriminator 2.00e-04  lr/generator 1.00e-03");
    }

    @Test
    void aSinglePhaseFreeMetricKeepsItsLossAndLinesOfTwoEpochsLineUp() {
        String a = LogLines.epochSummary(new EpochMetrics(0, 5, Map.of("loss", 0.5)), 3, 15);
        String b = LogLines.epochSummary(new EpochMetrics(2, 15, Map.of("loss", 123.25)), 3, 15);
        assertThat(a).isEqualTo("epoch 1/3  step  5  loss     0.5000");
        assertThat(b).isEqualTo("epoch 3/3  step 15  loss   123.2500");
        assertThat(a.length()).isEqualTo(b.length());
    }
}
