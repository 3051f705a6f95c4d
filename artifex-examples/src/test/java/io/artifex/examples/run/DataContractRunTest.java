package io.artifex.examples.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.artifex.examples.TinyConfigs;
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

    /** The shared tiny VAE, 2 steps, with the preprocessing left to fill in. */
    private static final String TINY_VAE =
            TinyConfigs.TINY_VAE.replace("preprocessing: binarize", "preprocessing: PREPROCESSING")
                    .replace("maxSteps: 3", "maxSteps: 2");

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
