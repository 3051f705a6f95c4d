/**
 * The autoregressive family: PixelCNN (masked convolutions with residual blocks, reference
 * network #6) and Gated PixelCNN (vertical and horizontal stacks, no blind spot), optionally
 * class-conditional, with exact likelihood in bits per dimension, pixel-by-pixel sampling with a
 * temperature, and inpainting. Built by {@link io.artifex.models.autoregressive.PixelCnnFamily}.
 */
package io.artifex.models.autoregressive;
