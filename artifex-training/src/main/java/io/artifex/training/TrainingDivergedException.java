package io.artifex.training;

/**
 * A loss term or a parameter became NaN or infinite. The run stops before the bad values
 * reach an optimizer update or a checkpoint.
 *
 * <p>Thread-safety: its fields are final; safe to read from several threads once thrown.
 */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String phase;
    private final long step;
    private final String quantity;

    /** Creates the exception for {@code quantity} (a loss term or a parameter) of {@code phase} at {@code step}. */
    public TrainingDivergedException(String phase, long step, String quantity, double value) {
        super("training diverged at step " + step + ", phase '" + phase + "': " + quantity + " is " + value);
        this.phase = phase;
        this.step = step;
        this.quantity = quantity;
    }

    /** The phase that produced the value. */
    public String phase() {
        return phase;
    }

    /** The global step. */
    public long step() {
        return step;
    }

    /** The loss term ("loss" for the total) or parameter that was not finite. */
    public String quantity() {
        return quantity;
    }
}
