package io.artifex.models.diffusion;

import ai.djl.ndarray.types.Shape;

/**
 * What a {@link DiffusionModel} needs besides its config and network, resolved by a family.
 *
 * @param schedule the forward-process schedule
 * @param predictionType what the network predicts
 * @param minSnrGamma Min-SNR-gamma loss weighting, 0 = off
 * @param exampleShape the shape of one example, e.g. (1, 28, 28) or (2)
 * @param numClasses 0 for unconditional, else the number of classes
 * @param labelDropout probability of replacing a label by the null class in training
 * @param clipX0 bound of x0 estimates while sampling, 0 = none (1 for images in [-1, 1])
 */
record DiffusionSpec(NoiseSchedule schedule, PredictionType predictionType, double minSnrGamma, Shape exampleShape,
                     int numClasses, double labelDropout, double clipX0) {
}
