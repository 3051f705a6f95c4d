package io.artifex.models.gan;

import ai.djl.ndarray.types.Shape;

/**
 * What a GAN model needs from its config, the same for {@link DcganConfig} and {@link MlpGanConfig}.
 *
 * @param name the config's name, for messages
 * @param latentDim size of z
 * @param dataShape one example without the batch axis: (C, H, W) or (features)
 * @param loss the adversarial objective
 * @param gradientPenaltyWeight WGAN-GP's lambda
 * @param r1Weight R1's gamma (0 = off)
 * @param nCritic discriminator steps per generator step
 * @param numClasses 0, or the number of classes of a conditional GAN
 */
record GanSettings(String name, int latentDim, Shape dataShape, GanLoss loss, double gradientPenaltyWeight,
                   double r1Weight, int nCritic, int numClasses) {

    static GanSettings of(DcganConfig c) {
        var hwc = c.generator().outputShape();
        return new GanSettings(c.name(), c.generator().latentDim(), new Shape(hwc.get(2), hwc.get(0), hwc.get(1)),
                c.loss(), c.gradientPenaltyWeight(), c.r1Weight(), c.nCritic(), c.numClasses());
    }

    static GanSettings of(MlpGanConfig c) {
        return new GanSettings(c.name(), c.latentDim(), new Shape(c.dataDim()), c.loss(), c.gradientPenaltyWeight(),
                c.r1Weight(), c.nCritic(), c.numClasses());
    }

    /** Whether the data are images, so labels enter the discriminator as extra channels. */
    boolean images() {
        return dataShape.dimension() == 3;
    }
}
