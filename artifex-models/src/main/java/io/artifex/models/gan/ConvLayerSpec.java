package io.artifex.models.gan;

import ai.djl.ndarray.types.Shape;

/**
 * One (transposed) convolution of a DCGAN as {@link GanGeometry} derived it.
 *
 * @param inChannels input channels
 * @param outChannels output channels
 * @param kernel kernel (kH, kW)
 * @param stride stride (sH, sW)
 * @param padding padding (pH, pW), the same on both sides
 * @param inSize input spatial size (H, W)
 * @param outSize output spatial size (H, W)
 */
record ConvLayerSpec(int inChannels, int outChannels, Shape kernel, Shape stride, Shape padding,
                     Shape inSize, Shape outSize) {

    /** Number of learned weights, bias included. */
    long weightCount() {
        return (long) inChannels * outChannels * kernel.get(0) * kernel.get(1) + outChannels;
    }
}
