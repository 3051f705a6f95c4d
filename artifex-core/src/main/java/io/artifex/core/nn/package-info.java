/**
 * Layers DJL's PyTorch engine lacks, as ordinary DJL blocks: transposed convolution, group
 * normalization, nearest upsampling, PixelCNN masked convolution, 2-D self-attention,
 * sinusoidal time embedding and the DDPM time-conditioned residual block.
 */
package io.artifex.core.nn;
