package io.artifex.data;

/**
 * How an image batch is shaped.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public enum ImageLayout {
    /** {@code (N, C, H, W)}, e.g. {@code (N, 1, 28, 28)} for MNIST: for convolutional networks. */
    NCHW,
    /** {@code (N, C*H*W)}, e.g. {@code (N, 784)}: for fully connected networks. */
    FLAT
}
