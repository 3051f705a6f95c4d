package io.artifex.training.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.artifex.core.config.training.LrScheduleConfig;
import org.junit.jupiter.api.Test;

/**
 * The edges of every schedule's argument ranges: the documented closed ends are accepted (and
 * give the value the formula gives there), the open ends are refused with the argument's name.
 * Catches a {@code <} written for {@code <=} (or the reverse) in any of the checks.
 */
class ScheduleArgumentsTest {

    @Test
    void constantNeedsAPositiveRate() {
        assertThat(new ConstantSchedule(1e-9).at(5)).isEqualTo(1e-9);
        assertThatThrownBy(() -> new ConstantSchedule(0)).hasMessageContaining("baseLr must be > 0");
    }

    @Test
    void exponentialAcceptsGammaOneAndFractionsZeroAndOne() {
        assertThat(new ExponentialSchedule(0.1, 1.0, 0.0).at(100)).isEqualTo(0.1);
        // minFraction 1: the floor is the base rate itself
        assertThat(new ExponentialSchedule(0.1, 0.5, 1.0).at(3)).isEqualTo(0.1);
        assertThat(new ExponentialSchedule(0.1, 0.5, 0.0).at(3)).isCloseTo(0.0125, within(1e-15));
        assertThatThrownBy(() -> new ExponentialSchedule(0, 0.5, 0)).hasMessageContaining("baseLr");
        assertThatThrownBy(() -> new ExponentialSchedule(0.1, 0.0, 0)).hasMessageContaining("gamma must be in (0, 1]");
        assertThatThrownBy(() -> new ExponentialSchedule(0.1, 1.0 + 1e-12, 0)).hasMessageContaining("gamma");
        assertThatThrownBy(() -> new ExponentialSchedule(0.1, 0.5, -1e-12)).hasMessageContaining("minFraction");
        assertThatThrownBy(() -> new ExponentialSchedule(0.1, 0.5, 1.0 + 1e-12)).hasMessageContaining("minFraction");
    }

    @Test
    void stepAcceptsStepSizeOneAndGammaOne() {
        StepSchedule everyStep = new StepSchedule(1.0, 1, 0.5);
        assertThat(everyStep.at(0)).isEqualTo(1.0);
        assertThat(everyStep.at(3)).isEqualTo(0.125);
        assertThat(new StepSchedule(1.0, 2, 1.0).at(9)).isEqualTo(1.0);
        assertThatThrownBy(() -> new StepSchedule(0, 1, 0.5)).hasMessageContaining("baseLr");
        assertThatThrownBy(() -> new StepSchedule(1.0, 0, 0.5)).hasMessageContaining("stepSize must be >= 1");
        assertThatThrownBy(() -> new StepSchedule(1.0, 1, 0.0)).hasMessageContaining("gamma");
        assertThatThrownBy(() -> new StepSchedule(1.0, 1, 1.0 + 1e-12)).hasMessageContaining("gamma");
    }

    @Test
    void warmupCosineAcceptsNoWarmupAndTheEndsOfMinFraction() {
        // no warm-up: cosine from the first step; half way (step 5 of 10) at (base + min) / 2
        WarmupCosineSchedule none = new WarmupCosineSchedule(1.0, 0, 10, 0.0);
        assertThat(none.at(0)).isEqualTo(1.0);
        assertThat(none.at(5)).isCloseTo(0.5, within(1e-12));
        assertThat(new WarmupCosineSchedule(1.0, 0, 10, 1.0).at(7)).isCloseTo(1.0, within(1e-12));
        // the shortest decay: one step after the warm-up
        assertThat(new WarmupCosineSchedule(1.0, 4, 5, 0.2).at(5)).isCloseTo(0.2, within(1e-12));
        assertThatThrownBy(() -> new WarmupCosineSchedule(0, 0, 10, 0)).hasMessageContaining("baseLr");
        assertThatThrownBy(() -> new WarmupCosineSchedule(1, -1, 10, 0)).hasMessageContaining("warmupSteps must be >= 0");
        assertThatThrownBy(() -> new WarmupCosineSchedule(1, 5, 5, 0)).hasMessageContaining("must exceed warmupSteps");
        assertThatThrownBy(() -> new WarmupCosineSchedule(1, 0, 10, -1e-12)).hasMessageContaining("minFraction");
        assertThatThrownBy(() -> new WarmupCosineSchedule(1, 0, 10, 1 + 1e-12)).hasMessageContaining("minFraction");
    }

    /** A config totalSteps of 0 means the run's length; a positive one is taken as given. */
    @Test
    void aWarmupCosineConfigWithoutTotalStepsSpansTheRun() {
        LrSchedule run = LrSchedules.create(LrScheduleConfig.warmupCosine(0, 0, 0.0), 1.0, 10);
        assertThat(run.at(5)).isCloseTo(0.5, within(1e-12));
        LrSchedule own = LrSchedules.create(LrScheduleConfig.warmupCosine(0, 20, 0.0), 1.0, 10);
        assertThat(own.at(10)).isCloseTo(0.5, within(1e-12));
        assertThatThrownBy(() -> LrSchedules.create(LrScheduleConfig.warmupCosine(10, 0, 0.0), 1.0, 10))
                .hasMessageContaining("schedule totalSteps (10) must exceed warmupSteps (10)");
    }
}
