package io.artifex.models.vae.vq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.artifex.core.nn.ConvTranspose2d;

/**
 * The VQ-VAE's blocks under one root, so that saving, loading, counting and optimizers see
 * every parameter: the encoder, the {@link VectorQuantizer}, the decoder, and (when configured)
 * the prior's network, which is built and initialised by the autoregressive family.
 *
 * <p>Encoder: {@code Conv(C->h/2,4,2,1) ReLU Conv(h/2->h,4,2,1) ReLU Conv(h->h,3,1,1)}, the
 * residual blocks, {@code Conv(h->D,1)}. Decoder: {@code Conv(D->h,1)}, the residual blocks,
 * {@code ReLU ConvT(h->h/2,4,2,1) ReLU ConvT(h/2->C,4,2,1)}. Its forward pass is the
 * reconstruction (encode, quantise, decode).
 */
final class VqVaeNetwork extends AbstractBlock {

    private final Block encoder;
    private final VectorQuantizer quantizer;
    private final Block decoder;
    private final Block prior;
    private final int embeddingDim;

    VqVaeNetwork(VqVaeConfig config, int imageChannels, Block prior) {
        int h = config.hiddenChannels();
        this.embeddingDim = config.embeddingDim();
        Encoder enc = new Encoder(h, config.residualChannels(), config.numResidualBlocks(), embeddingDim);
        Decoder dec = new Decoder(h, config.residualChannels(), config.numResidualBlocks(), imageChannels);
        this.encoder = addChildBlock("encoder", enc);
        this.quantizer = addChildBlock("quantizer", new VectorQuantizer(config.numEmbeddings(), embeddingDim));
        this.decoder = addChildBlock("decoder", dec);
        this.prior = prior == null ? null : addChildBlock("prior", prior);
    }

    Block encoder() {
        return encoder;
    }

    VectorQuantizer quantizer() {
        return quantizer;
    }

    Block decoder() {
        return decoder;
    }

    /** The prior's network, or null. */
    Block prior() {
        return prior;
    }

    /** A convolution with bias. */
    static Conv2d conv(int filters, int kernel, int stride, int padding) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray ze = encoder.forward(store, inputs, training).singletonOrThrow();
        NDArray zq = quantizer.quantize(ze, store, training).straightThrough();
        return decoder.forward(store, new NDList(zq), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** Initialises encoder, quantiser and decoder for images {@code (N, C, H, W)}; the prior comes initialised. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape image = inputShapes[0];
        encoder.initialize(manager, dataType, image);
        Shape latent = encoder.getOutputShapes(new Shape[] {image})[0];
        quantizer.initialize(manager, dataType, latent);
        decoder.initialize(manager, dataType, latent);
    }

    /** The encoder: images {@code (N, C, H, W)} to {@code (N, D, H/4, W/4)}. */
    static final class Encoder extends AbstractBlock {
        private final Conv2d c1;
        private final Conv2d c2;
        private final Conv2d c3;
        private final ResidualStack residual;
        private final Conv2d out;

        Encoder(int hidden, int residualChannels, int blocks, int embeddingDim) {
            c1 = addChildBlock("conv1", conv(hidden / 2, 4, 2, 1));
            c2 = addChildBlock("conv2", conv(hidden, 4, 2, 1));
            c3 = addChildBlock("conv3", conv(hidden, 3, 1, 1));
            residual = addChildBlock("residual", new ResidualStack(hidden, residualChannels, blocks));
            out = addChildBlock("toCodes", conv(embeddingDim, 1, 1, 0));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray h = Activation.relu(c1.forward(store, inputs, training).singletonOrThrow());
            h = Activation.relu(c2.forward(store, new NDList(h), training).singletonOrThrow());
            h = c3.forward(store, new NDList(h), training).singletonOrThrow();
            h = residual.forward(store, new NDList(h), training).singletonOrThrow();
            return out.forward(store, new NDList(h), training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape s = inputShapes[0];
            Shape o = out.getOutputShapes(new Shape[] {new Shape(s.get(0), 1, s.get(2) / 4, s.get(3) / 4)})[0];
            return new Shape[] {o};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape s = inputShapes[0];
            c1.initialize(manager, dataType, s);
            s = c1.getOutputShapes(new Shape[] {s})[0];
            c2.initialize(manager, dataType, s);
            s = c2.getOutputShapes(new Shape[] {s})[0];
            c3.initialize(manager, dataType, s);
            s = c3.getOutputShapes(new Shape[] {s})[0];
            residual.initialize(manager, dataType, s);
            out.initialize(manager, dataType, s);
        }
    }

    /** The decoder: codes {@code (N, D, h, w)} to images {@code (N, C, 4h, 4w)} (unbounded means). */
    static final class Decoder extends AbstractBlock {
        private final Conv2d in;
        private final ResidualStack residual;
        private final ConvTranspose2d up1;
        private final ConvTranspose2d up2;
        private final int hidden;
        private final int channels;

        Decoder(int hidden, int residualChannels, int blocks, int channels) {
            this.hidden = hidden;
            this.channels = channels;
            in = addChildBlock("fromCodes", conv(hidden, 1, 1, 0));
            residual = addChildBlock("residual", new ResidualStack(hidden, residualChannels, blocks));
            up1 = addChildBlock("up1", new ConvTranspose2d(hidden, hidden / 2, 4, 2, 1));
            up2 = addChildBlock("up2", new ConvTranspose2d(hidden / 2, channels, 4, 2, 1));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray h = in.forward(store, inputs, training).singletonOrThrow();
            h = residual.forward(store, new NDList(h), training).singletonOrThrow();
            h = up1.forward(store, new NDList(Activation.relu(h)), training).singletonOrThrow();
            return up2.forward(store, new NDList(Activation.relu(h)), training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape s = inputShapes[0];
            return new Shape[] {new Shape(s.get(0), channels, s.get(2) * 4, s.get(3) * 4)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape s = inputShapes[0];
            in.initialize(manager, dataType, s);
            s = new Shape(s.get(0), hidden, s.get(2), s.get(3));
            residual.initialize(manager, dataType, s);
            up1.initialize(manager, dataType, s);
            up2.initialize(manager, dataType, up1.getOutputShapes(new Shape[] {s})[0]);
        }
    }
}
