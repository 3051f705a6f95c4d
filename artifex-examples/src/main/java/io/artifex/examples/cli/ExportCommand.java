package io.artifex.examples.cli;

import io.artifex.core.io.SafeTensorsExport;
import io.artifex.core.model.GenerativeModel;
import io.artifex.examples.run.ModelLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code artifex export --checkpoint DIR --out DIR}: writes a trained model's weights as
 * {@code model.safetensors} (PyTorch-style names) with its {@code config.yaml} beside them; see docs/interop.md.
 *
 * <p>Thread-safety: not thread-safe: picocli fills its option fields before {@code call}; use one
 * instance per command line.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a model's weights as safetensors (PyTorch-style names) with its config.yaml.")
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR", description = "A checkpoint folder or a model archive.")
    Path checkpoint;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for model.safetensors and config.yaml.")
    Path out;

    @Override
    public Integer call() {
        try (GenerativeModel model = ModelLoader.load(checkpoint)) {
            Path weights = SafeTensorsExport.save(model, out);
            spec.commandLine().getOut().println("Wrote " + weights.toAbsolutePath() + " and "
                    + out.resolve(SafeTensorsExport.CONFIG_FILE).toAbsolutePath());
        }
        return 0;
    }
}
