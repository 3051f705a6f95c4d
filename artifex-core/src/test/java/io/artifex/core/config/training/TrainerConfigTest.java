package io.artifex.core.config.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainerConfigTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void setUp() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void tearDown() {
        factory.close();
    }

    private static Set<String> violations(Object o) {
        return validator.validate(o).stream()
                .map((ConstraintViolation<Object> v) -> v.getPropertyPath() + ": " + v.getMessage())
                .collect(Collectors.toSet());
    }

    @Test
    void allNullsGiveValidDefaults() {
        TrainerConfig c = new TrainerConfig(null, null, null, null, null, null, null, null, null, null, null);
        assertThat(violations(c)).isEmpty();
        assertThat(c.epochs()).isEqualTo(1);
        assertThat(c.optimizers()).containsOnlyKeys("default");
        assertThat(c.optimizerFor("generator").type()).isEqualTo(OptimizerType.ADAM);
        assertThat(c.scheduleFor("default").type()).isEqualTo(ScheduleType.CONSTANT);
        assertThat(c.checkpoint().enabled()).isFalse();
        assertThat(OptimizerConfig.of(OptimizerType.ADAMW, 1e-3).weightDecay()).isEqualTo(0.01);
        assertThat(OptimizerConfig.of(OptimizerType.SGD, 1e-3).weightDecay()).isEqualTo(0.0);
        assertThat(new LrScheduleConfig(ScheduleType.EXPONENTIAL, null, null, null, null, null).gamma()).isEqualTo(0.999);
    }

    @Test
    void badValuesAreReportedByField() {
        OptimizerConfig badOpt = new OptimizerConfig(OptimizerType.SGD, -1.0, 1.0, null, 0.0, -0.1, 1.5, null, null, -2.0);
        assertThat(violations(badOpt)).extracting(s -> s.substring(0, s.indexOf(':')))
                .containsExactlyInAnyOrder("learningRate", "beta1", "eps", "weightDecay", "momentum", "gradientClipNorm");
        Map<String, OptimizerConfig> noDefault = new HashMap<>();
        noDefault.put("generator", badOpt);
        TrainerConfig c = new TrainerConfig(0, -1L, null, null, noDefault,
                Map.of("default", new LrScheduleConfig(null, -1, null, 2.0, 0, null)),
                1.0, null, new CheckpointConfig(true, "", null, null, 0, null, null, null), null, null);
        Set<String> v = violations(c);
        assertThat(v).anyMatch(s -> s.startsWith("epochs:"));
        assertThat(v).anyMatch(s -> s.startsWith("maxSteps:"));
        assertThat(v).anyMatch(s -> s.startsWith("emaDecay:"));
        assertThat(v).anyMatch(s -> s.contains("optimizers[generator].learningRate"));
        assertThat(v).anyMatch(s -> s.contains("schedules[default].warmupSteps"));
        assertThat(v).anyMatch(s -> s.contains("schedules[default].minFraction"));
        assertThat(v).anyMatch(s -> s.contains("schedules[default].stepSize"));
        assertThat(v).anyMatch(s -> s.startsWith("checkpoint.directory"));
        assertThat(v).anyMatch(s -> s.startsWith("checkpoint.keepLast"));
        assertThat(v).anyMatch(s -> s.contains("\"default\""));
    }

    @Test
    void roundTripsThroughJacksonWithLowercaseIds() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        TrainerConfig c = new TrainerConfig(3, 100L, 32, 7L,
                Map.of("default", OptimizerConfig.adam(2e-4, 0.5, 0.999), "critic", OptimizerConfig.of(OptimizerType.RMSPROP, 5e-5)),
                Map.of("default", LrScheduleConfig.warmupCosine(10, 100, 0.1)), 0.999, 1,
                new CheckpointConfig(true, "ckpt", 50, 1, 2, true, "validation_loss", MonitorMode.MAX),
                EarlyStoppingConfig.disabled(), 10);
        String json = mapper.writeValueAsString(c);
        assertThat(json).contains("\"warmup_cosine\"").contains("\"rmsprop\"").contains("\"max\"")
                .doesNotContain("optimizersHaveDefault");
        assertThat(mapper.readValue(json, TrainerConfig.class)).isEqualTo(c);
        assertThatThrownBy(() -> MonitorMode.fromId("average"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min, max");
    }
}
