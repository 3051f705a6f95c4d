package io.artifex.core.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.artifex.core.config.ModelConfig;

/**
 * The part every model family shares: its validated config, the root block holding every
 * parameter, the {@link NDManager} the parameters live on (and so the device), and the shape of
 * one example. A family class extends it and holds only what is its own; {@link #close()}
 * releases the manager and with it every parameter.
 *
 * @param <C> the family's config record
 *
 * <p>Thread-safety: sampling ({@code generate}, {@code sample} and the capability methods) may run on several threads at once, each call with its own {@code Rng} and its own sub-manager, and gives the samples of the same seed drawn alone; training, loading weights and {@code close} must not overlap any other call.
 */
public abstract class AbstractGenerativeModel<C extends ModelConfig> implements GenerativeModel {

    private final C config;
    private final Block network;
    private final NDManager manager;
    private final Shape exampleShape;

    /**
     * @param config the validated config the model is built from
     * @param network the initialised root block; its parameters live on {@code manager}
     * @param manager owns the parameters; the model closes it
     * @param exampleShape the shape of one example without the batch axis, e.g. {@code (1, 28, 28)}
     * @throws IllegalArgumentException if an argument is null or the shape is empty
     */
    protected AbstractGenerativeModel(C config, Block network, NDManager manager, Shape exampleShape) {
        if (config == null || network == null || manager == null || exampleShape == null) {
            throw new IllegalArgumentException("a model needs a config, a network, a manager and an example shape;"
                    + " got config " + config + ", network " + (network == null ? "null" : "set") + ", manager "
                    + manager + ", exampleShape " + exampleShape);
        }
        if (exampleShape.dimension() == 0 || exampleShape.size() <= 0) {
            throw new IllegalArgumentException("exampleShape of model '" + config.name()
                    + "' must have at least one axis and no empty axis, got " + exampleShape);
        }
        this.config = config;
        this.network = network;
        this.manager = manager;
        this.exampleShape = exampleShape;
    }

    @Override
    public C config() {
        return config;
    }

    @Override
    public Block network() {
        return network;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public Shape exampleShape() {
        return exampleShape;
    }

    /** Releases the parameters' native memory by closing the model's manager. */
    @Override
    public void close() {
        manager.close();
    }
}
