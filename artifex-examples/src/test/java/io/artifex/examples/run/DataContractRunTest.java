package io.artifex.examples.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.model.DataContractException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment runner applies the model's preprocessing for {@code preprocessing: auto} and
 * refuses a preprocessing that does not match the model.
 */
class DataContractRunTest {

    private static final String TINY_VAE = """
            schemaVersion: 1
            name: tiny-vae
            model:
              type: vae
              name: tiny
              encoder: { name: encoder, inputShape: [28, 28, 1], latentDim: 2, hiddenDims: [8] }
              decoder: { name: decoder, latentDim: 2, outputShape: [28, 28, 1], hiddenDims: [8] }
            data: { dataset: mnist, preprocessing: PREPROCESSING }
            training:
              epochs: 1
              maxSteps: 2
              batchSize: 32
              optimizers: { default: { type: adam, learningRate: 0.001 } }
            """;

    private static ExperimentConfig vae(String preprocessing) {
        return ConfigIO.fromYaml(TINY_VAE.replace("PREPROCESSING", preprocessing), ExperimentConfig.class);
    }

    @Test
    void autoTrainsABernoulliVaeOnBinarisedDigitsAndRecordsIt(@TempDir Path dir) throws Exception {
        ExperimentRunner.Outcome outcome = new ExperimentRunner(null).run(vae("auto"), dir);
        assertThat(outcome.training().steps()).isEqualTo(2);
        ExperimentConfig recorded = ConfigIO.read(outcome.run().experimentFile(), ExperimentConfig.class);
        assertThat(recorded.data().preprocessing()).isEqualTo(Preprocessing.BINARIZE);
        assertThat(Files.readString(outcome.run().experimentFile())).contains("preprocessing: binarize");
    }

    @Test
    void symmetricDataForABernoulliVaeIsRefusedNamingTheTransform(@TempDir Path dir) {
        assertThatThrownBy(() -> new ExperimentRunner(null).run(vae("scale11"), dir))
                .isInstanceOf(DataContractException.class)
                .hasMessageContaining("Vae 'tiny' expects values in [0, 1]")
                .hasMessageContaining("the first training batch has values in [-1, 1]")
                .hasMessageContaining("'binarize' or 'scale01'");
    }
}
