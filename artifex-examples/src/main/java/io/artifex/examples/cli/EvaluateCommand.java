package io.artifex.examples.cli;

import io.artifex.core.config.ConfigIO;
import io.artifex.core.config.ExperimentConfig;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.model.GenerativeModel;
import io.artifex.data.DataSources;
import io.artifex.examples.run.ModelLoader;
import io.artifex.examples.run.TestSetEvaluation;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code artifex evaluate --checkpoint DIR}: likelihood numbers on the test split of the data
 * the run trained on (found from the run's {@code experiment.yaml}, or given with {@code --config}).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Evaluate a trained model on its test split.")
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR", description = "A checkpoint folder or a model archive.")
    Path checkpoint;

    @Option(names = "--config", paramLabel = "FILE", description = "Experiment config giving the data (default: the run's experiment.yaml).")
    Path config;

    @Option(names = "--importance-samples", defaultValue = "0", paramLabel = "K",
            description = "Samples of the importance-weighted bound for VAEs; 0 = skip (default: ${DEFAULT-VALUE}).")
    int importanceSamples;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Evaluation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (importanceSamples < 0) {
            throw new IllegalArgumentException("--importance-samples must be >= 0, got " + importanceSamples);
        }
        DataConfig data = (config != null ? ConfigIO.read(config, ExperimentConfig.class)
                : ModelLoader.experimentOf(checkpoint).orElseThrow(() -> new IllegalArgumentException(
                        "no experiment.yaml found above " + checkpoint + "; pass --config FILE to say which data to use")))
                .data();
        try (GenerativeModel model = ModelLoader.load(checkpoint)) {
            Map<String, Double> metrics = TestSetEvaluation.evaluate(model,
                    DataSources.test(data, model.dataContract(), 500, seed),
                    importanceSamples, seed);
            if (metrics.isEmpty()) {
                spec.commandLine().getOut().println("This model has no likelihood to evaluate; use 'artifex bench --quality'"
                        + " for sample-quality metrics.");
            }
            metrics.forEach((k, v) -> spec.commandLine().getOut().printf(Locale.ROOT, "%-32s %.4f%n", k, v));
        }
        return 0;
    }
}
