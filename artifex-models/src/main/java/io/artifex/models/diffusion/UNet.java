package io.artifex.models.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.artifex.core.config.ActivationType;
import io.artifex.core.nn.GroupNorm;
import io.artifex.core.nn.SelfAttention2d;
import io.artifex.core.nn.TimeResBlock;
import io.artifex.core.nn.Upsample2d;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The noise-prediction U-Net of the DDPM family. With L levels of widths {@code c_0 .. c_{L-1}}
 * and k residual blocks per level ({@link TimeResBlock}: GN, SiLU, 3x3 conv, time projection):
 *
 * <pre>
 * temb = {@link TimestepEmbedding}(sinusoidal(c_0) -> timeEmbeddingDim) [+ class embedding]
 * h = Conv(in -> c_0, 3x3)
 * down, level i = 0 .. L-1: k x [ResBlock(-> c_i) (+ attention if level i has it, i &lt; L-1); push skip]
 *                           then, if i &lt; L-1, Conv(c_i -> c_i, 3x3, stride 2)
 * middle: ResBlock(c_{L-1}), self-attention if level L-1 has attention, ResBlock(c_{L-1})
 * up, level i = L-1 .. 0:   k x [concat(h, pop skip); ResBlock(-> c_i) (+ attention as above)]
 *                           then, if i &gt; 0, nearest upsample x2 and Conv(c_i -> c_i, 3x3)
 * out = Conv(c_0 -> out, 3x3)(SiLU(GN(c_0)))
 * </pre>
 *
 * Attention at the lowest level lives in the middle block only. With widths (64, 128), one
 * block per level, attention at the 14 x 14 level, 4 heads, 8 groups and a 256-wide time
 * embedding this is exactly benchmark network #3 (2,031,425 parameters).
 *
 * <p>Input {@code NDList(x, t)} or {@code NDList(x, t, labels)} with {@code x (N, C, H, W)},
 * {@code t (N)} timesteps and {@code labels (N)} class indices; output {@code (N, out, H, W)}.
 */
final class UNet extends AbstractBlock {

    private final int inChannels;
    private final int outChannels;
    private final List<Integer> widths;
    private final int numResBlocks;
    private final Set<Integer> attentionLevels;
    private final TimestepEmbedding timeEmbedding;
    private final Conv2d convIn;
    private final List<List<TimeResBlock>> down = new ArrayList<>();
    private final List<List<Block>> downAttention = new ArrayList<>();
    private final List<Conv2d> downsample = new ArrayList<>();
    private final TimeResBlock mid1;
    private final SelfAttention2d midAttention;
    private final TimeResBlock mid2;
    private final List<List<TimeResBlock>> up = new ArrayList<>();
    private final List<List<Block>> upAttention = new ArrayList<>();
    private final List<Conv2d> upsampleConv = new ArrayList<>();
    private final GroupNorm normOut;
    private final Conv2d convOut;

    /**
     * @param inChannels image channels in
     * @param outChannels channels predicted
     * @param widths channels of each level, full resolution first
     * @param numResBlocks residual blocks per level (down and up)
     * @param attentionLevels indices of the levels with self-attention
     * @param numHeads attention heads
     * @param groups GroupNorm groups
     * @param timeEmbeddingDim width of the time embedding fed to every residual block
     * @param numClasses 0, or the number of classes for class conditioning
     */
    UNet(int inChannels, int outChannels, List<Integer> widths, int numResBlocks, Set<Integer> attentionLevels,
         int numHeads, int groups, int timeEmbeddingDim, int numClasses) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.widths = List.copyOf(widths);
        this.numResBlocks = numResBlocks;
        this.attentionLevels = Set.copyOf(attentionLevels);
        int levels = widths.size();
        int last = levels - 1;
        timeEmbedding = addChildBlock("timeEmbedding",
                new TimestepEmbedding(widths.get(0), timeEmbeddingDim, ActivationType.SILU, numClasses));
        convIn = addChildBlock("convIn", conv3x3(widths.get(0), 1));
        int channels = widths.get(0);
        for (int i = 0; i < levels; i++) {
            List<TimeResBlock> blocks = new ArrayList<>();
            List<Block> attention = new ArrayList<>();
            for (int j = 0; j < numResBlocks; j++) {
                blocks.add(addChildBlock("down" + i + "_" + j,
                        new TimeResBlock(channels, widths.get(i), timeEmbeddingDim, groups)));
                channels = widths.get(i);
                attention.add(i < last && attentionLevels.contains(i)
                        ? addChildBlock("downAttention" + i + "_" + j, new SelfAttention2d(channels, numHeads, groups))
                        : null);
            }
            down.add(blocks);
            downAttention.add(attention);
            if (i < last) {
                downsample.add(addChildBlock("downsample" + i, conv3x3(channels, 2)));
            }
        }
        mid1 = addChildBlock("mid1", new TimeResBlock(channels, channels, timeEmbeddingDim, groups));
        midAttention = attentionLevels.contains(last)
                ? addChildBlock("midAttention", new SelfAttention2d(channels, numHeads, groups)) : null;
        mid2 = addChildBlock("mid2", new TimeResBlock(channels, channels, timeEmbeddingDim, groups));
        for (int i = last; i >= 0; i--) {
            List<TimeResBlock> blocks = new ArrayList<>();
            List<Block> attention = new ArrayList<>();
            for (int j = 0; j < numResBlocks; j++) {
                blocks.add(addChildBlock("up" + i + "_" + j,
                        new TimeResBlock(channels + widths.get(i), widths.get(i), timeEmbeddingDim, groups)));
                channels = widths.get(i);
                attention.add(i < last && attentionLevels.contains(i)
                        ? addChildBlock("upAttention" + i + "_" + j, new SelfAttention2d(channels, numHeads, groups))
                        : null);
            }
            up.add(blocks);
            upAttention.add(attention);
            if (i > 0) {
                upsampleConv.add(addChildBlock("upsampleConv" + i, conv3x3(channels, 1)));
            }
        }
        normOut = addChildBlock("normOut", new GroupNorm(groups, widths.get(0)));
        convOut = addChildBlock("convOut", conv3x3(outChannels, 1));
    }

    private static Conv2d conv3x3(int filters, int stride) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(1, 1)).setFilters(filters).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDList conditioning = inputs.size() > 2 ? new NDList(inputs.get(1), inputs.get(2)) : new NDList(inputs.get(1));
        NDArray temb = timeEmbedding.forward(ps, conditioning, training).singletonOrThrow();
        NDArray h = one(convIn, ps, x, training);
        Deque<NDArray> skips = new ArrayDeque<>();
        int last = widths.size() - 1;
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j < numResBlocks; j++) {
                h = down.get(i).get(j).forward(ps, new NDList(h, temb), training).singletonOrThrow();
                Block attention = downAttention.get(i).get(j);
                if (attention != null) {
                    h = one(attention, ps, h, training);
                }
                skips.push(h);
            }
            if (i < last) {
                h = one(downsample.get(i), ps, h, training);
            }
        }
        h = mid1.forward(ps, new NDList(h, temb), training).singletonOrThrow();
        if (midAttention != null) {
            h = one(midAttention, ps, h, training);
        }
        h = mid2.forward(ps, new NDList(h, temb), training).singletonOrThrow();
        for (int u = 0; u <= last; u++) {
            for (int j = 0; j < numResBlocks; j++) {
                h = h.concat(skips.pop(), 1);
                h = up.get(u).get(j).forward(ps, new NDList(h, temb), training).singletonOrThrow();
                Block attention = upAttention.get(u).get(j);
                if (attention != null) {
                    h = one(attention, ps, h, training);
                }
            }
            if (u < last) {
                h = one(upsampleConv.get(u), ps, Upsample2d.upsampleNearest(h, 2), training);
            }
        }
        h = one(normOut, ps, h, training);
        return new NDList(one(convOut, ps, ActivationType.SILU.apply(h), training));
    }

    private static NDArray one(Block block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        Shape x = inputShapes[0];
        if (x.dimension() != 4 || x.get(1) != inChannels) {
            throw new IllegalArgumentException("U-Net input must be (N, " + inChannels + ", H, W), got " + x);
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        long n = x.get(0);
        long height = x.get(2);
        long width = x.get(3);
        Shape tShape = new Shape(n);
        timeEmbedding.initialize(manager, dataType, tShape, tShape);
        Shape temb = new Shape(n, timeEmbedding.dim());
        convIn.initialize(manager, dataType, x);
        long channels = widths.get(0);
        int last = widths.size() - 1;
        long[] heights = new long[widths.size()];
        long[] widthsPx = new long[widths.size()];
        for (int i = 0; i <= last; i++) {
            heights[i] = height;
            widthsPx[i] = width;
            for (int j = 0; j < numResBlocks; j++) {
                down.get(i).get(j).initialize(manager, dataType, new Shape(n, channels, height, width), temb);
                channels = widths.get(i);
                initAttention(downAttention.get(i).get(j), manager, dataType, new Shape(n, channels, height, width));
            }
            if (i < last) {
                downsample.get(i).initialize(manager, dataType, new Shape(n, channels, height, width));
                height = (height + 1) / 2;
                width = (width + 1) / 2;
            }
        }
        Shape bottom = new Shape(n, channels, height, width);
        mid1.initialize(manager, dataType, bottom, temb);
        initAttention(midAttention, manager, dataType, bottom);
        mid2.initialize(manager, dataType, bottom, temb);
        for (int u = 0; u <= last; u++) {
            int i = last - u;
            for (int j = 0; j < numResBlocks; j++) {
                Shape in = new Shape(n, channels + widths.get(i), heights[i], widthsPx[i]);
                up.get(u).get(j).initialize(manager, dataType, in, temb);
                channels = widths.get(i);
                initAttention(upAttention.get(u).get(j), manager, dataType,
                        new Shape(n, channels, heights[i], widthsPx[i]));
            }
            if (u < last) {
                upsampleConv.get(u).initialize(manager, dataType, new Shape(n, channels, heights[i - 1], widthsPx[i - 1]));
            }
        }
        Shape full = new Shape(n, widths.get(0), x.get(2), x.get(3));
        normOut.initialize(manager, dataType, full);
        convOut.initialize(manager, dataType, full);
    }

    private static void initAttention(Block attention, NDManager manager, DataType dataType, Shape shape) {
        if (attention != null) {
            attention.initialize(manager, dataType, shape);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), outChannels, x.get(2), x.get(3))};
    }
}
