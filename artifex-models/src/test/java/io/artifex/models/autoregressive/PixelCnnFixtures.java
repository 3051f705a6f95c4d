package io.artifex.models.autoregressive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.artifex.core.random.Rng;
import java.util.List;
import java.util.SplittableRandom;

/** Small configs, model creation and random parameters/images for the PixelCNN tests. */
final class PixelCnnFixtures {

    private PixelCnnFixtures() {
    }

    static PixelCnnConfig config(PixelCnnVariant variant, int h, int w, int c, int hidden, int layers,
                                 int classes, int levels) {
        return PixelCnnConfig.builder().name("test").inputShape(List.of(h, w, c)).hiddenChannels(hidden)
                .numLayers(layers).numClasses(classes).numLevels(levels).variant(variant).build();
    }

    static BasePixelCnn create(PixelCnnConfig config, NDManager manager, long seed) {
        return (BasePixelCnn) new PixelCnnFamily().create(config, manager.newSubManager(), new Rng(seed));
    }

    /** Overwrites every parameter (biases and class tables included) with N(0, std^2) values. */
    static void randomize(BasePixelCnn model, long seed, double std) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Parameter p : model.network().getParameters().values()) {
            NDArray a = p.getArray();
            float[] v = new float[(int) a.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (std * random.nextGaussian());
            }
            a.set(v);
        }
    }

    /** Random images on the level grid, (n, C, H, W). */
    static NDArray randomImages(NDManager manager, int n, int c, int h, int w, int levels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n * c * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextInt(levels) / (float) (levels - 1);
        }
        return manager.create(v, new Shape(n, c, h, w));
    }
}
