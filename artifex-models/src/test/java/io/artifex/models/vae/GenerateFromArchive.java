package io.artifex.models.vae;

import ai.djl.ndarray.NDManager;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.ModelArchive;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper run in a fresh JVM: loads a saved model and writes generated samples as floats. */
public final class GenerateFromArchive {

    private GenerateFromArchive() {
    }

    /** Arguments: archive directory, sampling seed, output file. */
    public static void main(String[] args) throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
             GenerativeModel model = ModelArchive.load(Path.of(args[0]), manager.newSubManager(), 12345L);
             DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[2])))) {
            float[] values = model.generate(4, manager, new Rng(Long.parseLong(args[1]))).toFloatArray();
            out.writeInt(values.length);
            for (float v : values) {
                out.writeFloat(v);
            }
        }
    }
}
