package io.artifex.data;

import io.artifex.core.config.data.DataConfig;
import io.artifex.core.data.BatchSource;
import io.artifex.data.toy.ToyBatchSource;
import io.artifex.data.toy.TwoMoons;

/** A user's own dataset as a test registers it: two moons under the name "my-moons". */
public final class MoonsDatasetProvider implements DatasetProvider {

    @Override
    public String name() {
        return "my-moons";
    }

    @Override
    public BatchSource train(DataConfig config, int batchSize, long seed) {
        return new ToyBatchSource(new TwoMoons(0.05), 100, batchSize, seed);
    }

    @Override
    public BatchSource test(DataConfig config, int batchSize, long seed) {
        return new ToyBatchSource(new TwoMoons(0.05), 40, batchSize, seed + 1);
    }
}
