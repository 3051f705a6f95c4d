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
        TrainerConfig c = TrainerConfig.builder().build();
        assertThat(violations(c)).isEmpty();
        assertThat(c.epochs()).isEqualTo(1);
        assertThat(c.optimizers()).containsOnlyKeys("default");
        assertThat(c.optimizerFor("generator").type()).isEqualTo(OptimizerType.ADAM);
        assertThat(c.scheduleFor("default").type()).isEqualTo(ScheduleType.CONSTANT);
        assertThat(c.checkpoint().enabled()).isFalse();
        assertThat(OptimizerConfig.of(OptimizerType.ADAMW, 1e-3).weightDecay()).isEqualTo(0.01);
        assertThat(OptimizerConfig.of(OptimizerType.SGD, 1e-3).weightDecay()).isEqualTo(0.0);
        assertThat(LrScheduleConfig.builder().type(ScheduleType.EXPONENTIAL).build().gamma()).isEqualTo(0.999);
        assertThat(LrScheduleConfig.builder().type(ScheduleType.STEP).build().gamma()).isEqualTo(0.1);
    }

    @Test
    void badValuesAreReportedByField() {
        OptimizerConfig badOpt = OptimizerConfig.builder().type(OptimizerType.SGD).learningRate(-1).beta1(1).eps(0)
                .weightDecay(-0.1).momentum(1.5).gradientClipNorm(-2).build();
        assertThat(violations(badOpt)).extracting(s -> s.substring(0, s.indexOf(':')))
                .containsExactlyInAnyOrder("learningRate", "beta1", "eps", "weightDecay", "momentum", "gradientClipNorm");
        Map<String, OptimizerConfig> noDefault = new HashMap<>();
        noDefault.put("generator", badOpt);
        TrainerConfig c = TrainerConfig.builder().epochs(0).maxSteps(-1).optimizers(noDefault)
                .schedule("default", LrScheduleConfig.builder().warmupSteps(-1).minFraction(2).stepSize(0).build())
                .emaDecay(1).checkpoint(CheckpointConfig.builder().enabled(true).directory("").keepLast(0).build())
                .build();
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
        TrainerConfig c = TrainerConfig.builder().epochs(3).maxSteps(100).batchSize(32).seed(7)
                .optimizer(OptimizerConfig.adam(2e-4, 0.5, 0.999))
                .optimizer("critic", OptimizerConfig.of(OptimizerType.RMSPROP, 5e-5))
                .schedule("default", LrScheduleConfig.warmupCosine(10, 100, 0.1)).emaDecay(0.999).validateEvery(1)
                .checkpoint(CheckpointConfig.builder().enabled(true).directory("ckpt").everySteps(50).everyEpochs(1)
                        .keepLast(2).saveBest(true).monitor("validation_loss").mode(MonitorMode.MAX).build())
                .earlyStopping(EarlyStoppingConfig.disabled()).logEvery(10).build();
        String json = mapper.writeValueAsString(c);
        assertThat(json).contains("\"warmup_cosine\"").contains("\"rmsprop\"").contains("\"max\"")
                .doesNotContain("optimizersHaveDefault").doesNotContain("builder").doesNotContain("Builder");
        assertThat(mapper.readValue(json, TrainerConfig.class)).isEqualTo(c);
        assertThatThrownBy(() -> MonitorMode.fromId("average"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min, max");
    }

    @Test
    void builderDefaultsEqualTheDefaultsOfAnEmptyConfigFile() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertThat(TrainerConfig.builder().build()).isEqualTo(mapper.readValue("{}", TrainerConfig.class));
        assertThat(OptimizerConfig.builder().build()).isEqualTo(mapper.readValue("{}", OptimizerConfig.class));
        assertThat(LrScheduleConfig.builder().build()).isEqualTo(mapper.readValue("{}", LrScheduleConfig.class));
        assertThat(CheckpointConfig.builder().build()).isEqualTo(mapper.readValue("{}", CheckpointConfig.class));
        assertThat(EarlyStoppingConfig.builder().build()).isEqualTo(mapper.readValue("{}", EarlyStoppingConfig.class));
        // a default that depends on another field is computed by the record, from Java as from a file
        assertThat(OptimizerConfig.builder().type(OptimizerType.ADAMW).build())
                .isEqualTo(mapper.readValue("{\"type\":\"adamw\"}", OptimizerConfig.class))
                .extracting(OptimizerConfig::weightDecay).isEqualTo(0.01);
        assertThat(LrScheduleConfig.exponential(0.5, 0.25))
                .isEqualTo(mapper.readValue("{\"type\":\"exponential\",\"gamma\":0.5,\"minFraction\":0.25}",
                        LrScheduleConfig.class));
    }

    @Test
    void buildersSetEveryFieldByNameAndToBuilderCopiesEveryField() {
        OptimizerConfig o = OptimizerConfig.builder().type(OptimizerType.SGD).learningRate(0.5).beta1(0.1).beta2(0.2)
                .eps(0.3).weightDecay(0.4).weightDecayOn(WeightDecayScope.MATRICES).momentum(0.6).nesterov(true).rho(0.7)
                .gradientClipNorm(100).build();
        assertThat(o).isEqualTo(new OptimizerConfig(OptimizerType.SGD, 0.5, 0.1, 0.2, 0.3, 0.4, WeightDecayScope.MATRICES,
                0.6, true, 0.7, 100.0));
        assertThat(o.toBuilder().build()).isEqualTo(o);
        assertThat(o.toBuilder().gradientClipNorm(1).build().gradientClipNorm()).isEqualTo(1.0);
        assertThat(OptimizerConfig.sgd(0.1, 0.9)).extracting(OptimizerConfig::type, OptimizerConfig::momentum)
                .containsExactly(OptimizerType.SGD, 0.9);
        assertThat(OptimizerConfig.adam(1e-3)).isEqualTo(OptimizerConfig.of(OptimizerType.ADAM, 1e-3));

        LrScheduleConfig l = LrScheduleConfig.builder().type(ScheduleType.STEP).warmupSteps(1).totalSteps(2)
                .minFraction(0.3).stepSize(4).gamma(0.5).build();
        assertThat(l).isEqualTo(new LrScheduleConfig(ScheduleType.STEP, 1, 2, 0.3, 4, 0.5));
        assertThat(l.toBuilder().build()).isEqualTo(l);
        assertThat(LrScheduleConfig.step(4, 0.5)).extracting(LrScheduleConfig::stepSize, LrScheduleConfig::gamma)
                .containsExactly(4, 0.5);

        CheckpointConfig k = CheckpointConfig.builder().enabled(true).directory("d").everySteps(3).everyEpochs(0)
                .keepLast(5).saveBest(false).monitor("loss").mode(MonitorMode.MAX).build();
        assertThat(k).isEqualTo(new CheckpointConfig(true, "d", 3, 0, 5, false, "loss", MonitorMode.MAX));
        assertThat(k.toBuilder().build()).isEqualTo(k);
        assertThat(CheckpointConfig.in("d")).extracting(CheckpointConfig::enabled, CheckpointConfig::directory)
                .containsExactly(true, "d");

        EarlyStoppingConfig e = EarlyStoppingConfig.builder().enabled(true).monitor("loss").mode(MonitorMode.MAX)
                .patience(7).minDelta(0.5).build();
        assertThat(e).isEqualTo(new EarlyStoppingConfig(true, "loss", MonitorMode.MAX, 7, 0.5));
        assertThat(e.toBuilder().build()).isEqualTo(e);
        assertThat(EarlyStoppingConfig.on("loss", MonitorMode.MAX, 7)).isEqualTo(e.toBuilder().minDelta(0).build());

        TrainerConfig t = TrainerConfig.builder().epochs(2).maxSteps(9).batchSize(8).seed(5)
                .optimizer(OptimizerConfig.adam(1e-2)).optimizer("generator", o).schedule("generator", l).emaDecay(0.5)
                .validateEvery(3).checkpoint(k).earlyStopping(e).logEvery(4).build();
        assertThat(t).isEqualTo(new TrainerConfig(2, 9L, 8, 5L, Map.of("default", OptimizerConfig.adam(1e-2),
                "generator", o), Map.of("generator", l), 0.5, 3, k, e, 4));
        assertThat(t.toBuilder().build()).isEqualTo(t);
        TrainerConfig shorter = t.toBuilder().maxSteps(20).build();
        assertThat(shorter.maxSteps()).isEqualTo(20L);
        assertThat(shorter.toBuilder().maxSteps(9).build()).isEqualTo(t);
    }
}
