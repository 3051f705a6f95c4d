package io.artifex.examples.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ModelConfig;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The code of docs/custom-model.md, run: the custom family is found by its type id in a YAML
 * config, trains with the generic trainer on the custom data set, and learns the data's mean
 * and standard deviation, which are computed here from the data, not from the model.
 */
class CustomModelTest {

    @Test
    void aCustomFamilyFromYamlLearnsTheMeanAndSpreadOfItsData() {
        SplittableRandom random = new SplittableRandom(42);
        float[] points = new float[2048];
        double sum = 0;
        for (int i = 0; i < points.length; i++) {
            points[i] = (float) (3.0 + 0.5 * random.nextGaussian()); // N(3, 0.5^2)
            sum += points[i];
        }
        double dataMean = sum / points.length;
        double squares = 0;
        for (float p : points) {
            squares += (p - dataMean) * (p - dataMean);
        }
        double dataStd = Math.sqrt(squares / points.length);

        ModelConfig config = ConfigIO.fromYaml("""
                schemaVersion: 2
                type: gaussian-1d
                name: learn-a-mean
                initialMean: 0.0
                """, ModelConfig.class);
        assertThat(config).isEqualTo(GaussianConfig.builder().name("learn-a-mean").initialMean(0.0).build());
        TrainerConfig training = TrainerConfig.builder().epochs(10).batchSize(64).seed(0)
                .optimizer(OptimizerConfig.adam(0.05)).validateEvery(0).build();

        try (GenerativeModel model = Models.create(config, 0)) {
            assertThat(model).isInstanceOf(GaussianModel.class);
            TrainingResult result = new Trainer(training).fit(model, new GaussianPoints(points, 64, 0), null);

            assertThat(result.steps()).isEqualTo(10 * (2048 / 64));
            double first = result.stepHistory().get(0).loss();
            double last = result.stepHistory().get(result.stepHistory().size() - 1).loss();
            assertThat(last).isLessThan(first - 1.0); // 0.5 z^2 at mean 0, std 1 is about 4.6; at the optimum -0.2
            double mean = model.network().getParameters().get("mean").getArray().getFloat();
            double std = Math.exp(model.network().getParameters().get("logStd").getArray().getFloat());
            assertThat(mean).as("learned mean").isCloseTo(dataMean, within(0.05));
            assertThat(std).as("learned std").isCloseTo(dataStd, within(0.05));

            try (NDManager scope = model.manager().newSubManager()) {
                float[] samples = model.generate(4000, scope, new Rng(7)).toFloatArray();
                double sampleMean = 0;
                for (float s : samples) {
                    sampleMean += s / samples.length;
                }
                double sampleVar = 0;
                for (float s : samples) {
                    sampleVar += (s - sampleMean) * (s - sampleMean) / samples.length;
                }
                assertThat(sampleMean).as("sample mean").isCloseTo(dataMean, within(0.05));
                assertThat(Math.sqrt(sampleVar)).as("sample std").isCloseTo(dataStd, within(0.05));
            }
        }
    }
}
