package io.artifex.training.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.artifex.core.config.training.LrScheduleConfig;
import org.junit.jupiter.api.Test;

class LrSchedulesTest {

    @Test
    void constant() {
        LrSchedule s = LrSchedules.create(LrScheduleConfig.constant(), 0.1, 100);
        assertThat(s.at(0)).isEqualTo(0.1);
        assertThat(s.at(1_000_000)).isEqualTo(0.1);
    }

    @Test
    void warmupCosineAtKeySteps() {
        LrSchedule s = LrSchedules.create(LrScheduleConfig.warmupCosine(10, 110, 0.1), 1.0, 999);
        assertThat(s.at(0)).isCloseTo(0.1, within(1e-12));
        assertThat(s.at(4)).isCloseTo(0.5, within(1e-12));
        assertThat(s.at(9)).isCloseTo(1.0, within(1e-12));
        assertThat(s.at(10)).isCloseTo(1.0, within(1e-12));
        assertThat(s.at(60)).isCloseTo(0.1 + 0.9 * 0.5, within(1e-12)); // half way: cos(pi/2) = 0
        assertThat(s.at(35)).isCloseTo(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI / 4)), within(1e-12));
        assertThat(s.at(110)).isCloseTo(0.1, within(1e-12));
        assertThat(s.at(500)).isCloseTo(0.1, within(1e-12));
        // totalSteps 0 takes the run's length
        LrSchedule run = LrSchedules.create(LrScheduleConfig.warmupCosine(0, 0, 0), 2.0, 50);
        assertThat(run.at(25)).isCloseTo(1.0, within(1e-12));
        assertThatThrownBy(() -> LrSchedules.create(LrScheduleConfig.warmupCosine(60, 0, 0), 2.0, 50))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warmupSteps");
    }

    @Test
    void stepAndExponential() {
        LrSchedule step = LrSchedules.create(LrScheduleConfig.step(30, 0.5), 0.8, 0);
        assertThat(step.at(29)).isEqualTo(0.8);
        assertThat(step.at(30)).isEqualTo(0.4);
        assertThat(step.at(95)).isEqualTo(0.1);
        LrSchedule exp = LrSchedules.create(LrScheduleConfig.exponential(0.5, 0.25), 1.0, 0);
        assertThat(exp.at(0)).isEqualTo(1.0);
        assertThat(exp.at(1)).isEqualTo(0.5);
        assertThat(exp.at(2)).isEqualTo(0.25);
        assertThat(exp.at(3)).isEqualTo(0.25); // floored at minFraction
    }
}
