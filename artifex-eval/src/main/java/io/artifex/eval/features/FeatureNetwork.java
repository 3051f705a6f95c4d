package io.artifex.eval.features;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import io.artifex.core.random.Rng;

/**
 * The small convolutional classifier whose penultimate activations serve as image features
 * for FID, KID and precision/recall on 28x28 grey images:
 * {@code Conv(1->32, 3x3, pad 1) ReLU MaxPool2, Conv(32->64, 3x3, pad 1) ReLU MaxPool2,
 * flatten, Linear(3136->128) ReLU} (the trunk; its 128 outputs are the features), then
 * {@code Linear(128->10)} (the head; class logits).
 *
 * <p>The root block is a {@link SequentialBlock} of exactly two children, trunk and head, so
 * {@code root.forward} gives logits and {@link #trunk}/{@link #head} give the two parts.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class FeatureNetwork {

    /** The number of feature dimensions (the trunk's output width). */
    public static final int FEATURE_DIM = 128;
    /** The number of classes (the head's output width). */
    public static final int NUM_CLASSES = 10;
    /** The input shape of one image, {@code (1, 28, 28)}. */
    public static final Shape IMAGE_SHAPE = new Shape(1, 28, 28);

    private FeatureNetwork() {
    }

    /** Builds the (uninitialised) network: a sequential block of trunk and head. */
    public static SequentialBlock build() {
        SequentialBlock trunk = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(32).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(64).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(FEATURE_DIM).build())
                .add(Activation.reluBlock());
        Block head = Linear.builder().setUnits(NUM_CLASSES).build();
        return new SequentialBlock().add(trunk).add(head);
    }

    /** Builds the network and initialises its parameters on {@code manager}, drawing them from {@code rng}. */
    public static SequentialBlock buildInitialised(NDManager manager, Rng rng) {
        SequentialBlock root = build();
        rng.seedEngine(manager);
        root.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(IMAGE_SHAPE));
        return root;
    }

    /** The trunk (image to 128 features) of a root built by {@link #build}. */
    public static Block trunk(Block root) {
        return child(root, 0);
    }

    /** The head (128 features to 10 logits) of a root built by {@link #build}. */
    public static Block head(Block root) {
        return child(root, 1);
    }

    private static Block child(Block root, int index) {
        if (!(root instanceof SequentialBlock) || root.getChildren().size() != 2) {
            throw new IllegalArgumentException("feature network root must be the two-part SequentialBlock from "
                    + "FeatureNetwork.build(), got " + root);
        }
        return root.getChildren().get(index).getValue();
    }
}
