package io.artifex.models.gan;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives every layer's kernel, padding and feature-map size of a DCGAN from the image shape and
 * the number of hidden widths, so that one config describes networks of any depth. With the
 * seed's values (28 x 28, widths 512..64, kernel 4, stride 2) the rules give exactly reference
 * network #2 of the benchmark spec.
 *
 * <h2>Generator (padding SAME only)</h2>
 * With {@code L} hidden widths and stride {@code s}, the feature-map sizes are fixed from the
 * output backwards: {@code size[L-1] = H}, {@code size[i] = floor(size[i+1] / s)}; the
 * projection starts at {@code size[0]} (28 -> 14 -> 7 -> 3). Transposed convolution {@code i}
 * maps width {@code i} to {@code i+1} and {@code size[i]} to {@code size[i+1]}: it needs a total
 * padding {@code need = (size[i] - 1) s + k - size[i+1]}; when {@code need} is odd the kernel is
 * shortened by one (the 3 -> 7 layer uses kernel 3, padding 0), and the padding is
 * {@code need / 2}. The output layer is a 3 x 3, stride 1, padding 1 convolution to the image
 * channels. {@code VALID} is rejected: these paddings are what makes the sizes meet.
 *
 * <h2>Discriminator</h2>
 * {@code SAME}: an even kernel {@code k} with padding {@code (k - s) / 2} halves a size that
 * the stride divides exactly (28 -> 14 -> 7); from the first size it does not divide, this and
 * every later layer use the odd kernel {@code k - 1} with padding {@code (k - 2) / 2}, which gives
 * {@code ceil(size / s)} for any size (7 -> 4 -> 2). An odd kernel is used as it is with padding
 * {@code (k - 1) / 2}. {@code VALID}: kernel {@code k}, no padding. The head flattens the last
 * map into one Linear logit.
 */
final class GanGeometry {

    private GanGeometry() {
    }

    /** The generator's start size (H, W) before the first transposed convolution. */
    static Shape generatorStart(ConvGeneratorConfig g) {
        List<Shape> sizes = generatorSizes(g);
        return sizes.get(0);
    }

    /** The generator's transposed convolutions, one per consecutive pair of hidden widths. */
    static List<ConvLayerSpec> generatorLayers(ConvGeneratorConfig g) {
        if (g.padding() != Padding.SAME) {
            throw new IllegalArgumentException("generator.padding must be SAME: the generator derives each layer's"
                    + " padding from generator.outputShape, got " + g.padding());
        }
        List<Shape> sizes = generatorSizes(g);
        List<Integer> widths = g.hiddenDims();
        List<ConvLayerSpec> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.size(); i++) {
            long[] kernel = new long[2];
            long[] padding = new long[2];
            for (int a = 0; a < 2; a++) {
                long in = sizes.get(i).get(a);
                long out = sizes.get(i + 1).get(a);
                long k = g.kernelSize().get(a);
                long s = g.stride().get(a);
                long need = (in - 1) * s + k - out;
                if (need % 2 != 0) {
                    k -= 1;
                    need -= 1;
                }
                if (need < 0 || k < 1) {
                    throw new IllegalArgumentException("generator.kernelSize " + g.kernelSize() + " is too small for"
                            + " stride " + g.stride() + ": cannot grow " + in + " to " + out + " on axis " + a);
                }
                kernel[a] = k;
                padding[a] = need / 2;
            }
            layers.add(new ConvLayerSpec(widths.get(i), widths.get(i + 1), new Shape(kernel),
                    shape(g.stride()), new Shape(padding), sizes.get(i), sizes.get(i + 1)));
        }
        return layers;
    }

    private static List<Shape> generatorSizes(ConvGeneratorConfig g) {
        int depth = g.hiddenDims().size();
        long[][] sizes = new long[depth][2];
        for (int a = 0; a < 2; a++) {
            sizes[depth - 1][a] = g.outputShape().get(a);
            for (int i = depth - 2; i >= 0; i--) {
                sizes[i][a] = sizes[i + 1][a] / g.stride().get(a);
                if (sizes[i][a] < 1) {
                    throw new IllegalArgumentException("generator.hiddenDims has " + depth + " entries: "
                            + (depth - 1) + " upsampling layers of stride " + g.stride() + " cannot reach size "
                            + g.outputShape().get(a) + " of generator.outputShape from at least 1");
                }
            }
        }
        List<Shape> out = new ArrayList<>();
        for (long[] size : sizes) {
            out.add(new Shape(size));
        }
        return out;
    }

    /**
     * The discriminator's convolutions, one per hidden width.
     *
     * @param extraChannels label channels added to the image's (0 when unconditional)
     */
    static List<ConvLayerSpec> discriminatorLayers(ConvDiscriminatorConfig d, int extraChannels) {
        List<ConvLayerSpec> layers = new ArrayList<>();
        long[] size = {d.inputShape().get(0), d.inputShape().get(1)};
        boolean[] odd = new boolean[2];
        int inChannels = d.inputShape().get(2) + extraChannels;
        for (int i = 0; i < d.hiddenDims().size(); i++) {
            long[] kernel = new long[2];
            long[] padding = new long[2];
            long[] out = new long[2];
            for (int a = 0; a < 2; a++) {
                long k = d.kernelSize().get(a);
                long s = d.stride().get(a);
                long p = 0;
                if (d.padding() == Padding.SAME) {
                    boolean exact = k % 2 == 0 && k >= s && (k - s) % 2 == 0 && size[a] % s == 0;
                    if (!exact || odd[a]) {
                        odd[a] = true;
                        k = k % 2 == 0 ? k - 1 : k;
                    }
                    p = odd[a] ? (k - 1) / 2 : (k - s) / 2;
                }
                out[a] = (size[a] + 2 * p - k) / s + 1;
                if (k < 1 || size[a] + 2 * p < k) {
                    throw new IllegalArgumentException("discriminator.hiddenDims has too many entries for"
                            + " discriminator.inputShape " + d.inputShape() + ": layer " + i + " would see size "
                            + size[a] + " with kernel " + d.kernelSize().get(a) + " and padding " + d.padding());
                }
                kernel[a] = k;
                padding[a] = p;
            }
            layers.add(new ConvLayerSpec(inChannels, d.hiddenDims().get(i), new Shape(kernel), shape(d.stride()),
                    new Shape(padding), new Shape(size), new Shape(out)));
            inChannels = d.hiddenDims().get(i);
            size = out;
        }
        return layers;
    }

    private static Shape shape(List<Integer> pair) {
        return new Shape(pair.get(0), pair.get(1));
    }
}
