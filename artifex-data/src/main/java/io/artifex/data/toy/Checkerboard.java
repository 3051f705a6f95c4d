package io.artifex.data.toy;

import io.artifex.core.random.Rng;
import java.util.SplittableRandom;

/**
 * The uniform distribution on the black squares of a checkerboard covering
 * {@code [-halfWidth, halfWidth)^2} with {@code cells x cells} squares; the square in column
 * {@code i} and row {@code j} (from the lower left) is black when {@code i + j} is even. The
 * default (4 cells, half-width 4) is the FFJORD checkerboard. Exact density
 * {@code 1 / blackArea} on black squares, 0 elsewhere.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public final class Checkerboard implements ToyDensity {

    private final int cells;
    private final double halfWidth;
    private final double side;
    private final int[][] black;

    /** The default: 4 x 4 squares on [-4, 4)^2. */
    public Checkerboard() {
        this(4, 4.0);
    }

    /** {@code cells x cells} squares on {@code [-halfWidth, halfWidth)^2}. */
    public Checkerboard(int cells, double halfWidth) {
        if (cells < 1) {
            throw new IllegalArgumentException("cells must be >= 1, got " + cells);
        }
        if (!(halfWidth > 0) || Double.isInfinite(halfWidth)) {
            throw new IllegalArgumentException("halfWidth must be finite and > 0, got " + halfWidth);
        }
        this.cells = cells;
        this.halfWidth = halfWidth;
        this.side = 2 * halfWidth / cells;
        this.black = new int[(cells * cells + 1) / 2][];
        int b = 0;
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < cells; j++) {
                if ((i + j) % 2 == 0) {
                    black[b++] = new int[] {i, j};
                }
            }
        }
    }

    @Override
    public String name() {
        return "checkerboard";
    }

    /** The side length of one square. */
    public double squareSide() {
        return side;
    }

    /** The total area of the black squares. */
    public double blackArea() {
        return black.length * side * side;
    }

    /** Whether {@code (x, y)} lies on a black square. */
    public boolean isBlack(double x, double y) {
        if (!(x >= -halfWidth && x < halfWidth && y >= -halfWidth && y < halfWidth)) {
            return false;
        }
        int i = Math.min(cells - 1, (int) Math.floor((x + halfWidth) / side));
        int j = Math.min(cells - 1, (int) Math.floor((y + halfWidth) / side));
        return (i + j) % 2 == 0;
    }

    @Override
    public float[] sampleHost(int n, Rng rng) {
        ToyDistribution.checkCount(n);
        SplittableRandom r = rng.javaRandom();
        float[] out = new float[2 * n];
        for (int k = 0; k < n; k++) {
            int[] cell = black[r.nextInt(black.length)];
            // keep float rounding from landing on the next square's edge
            out[2 * k] = clampInto(-halfWidth + (cell[0] + r.nextDouble()) * side, cell[0]);
            out[2 * k + 1] = clampInto(-halfWidth + (cell[1] + r.nextDouble()) * side, cell[1]);
        }
        return out;
    }

    private float clampInto(double v, int cell) {
        float lo = (float) (-halfWidth + cell * side);
        float hi = (float) (-halfWidth + (cell + 1) * side);
        float f = (float) v;
        if (f <= lo) {
            f = Math.nextUp(lo);
        }
        if (f >= hi) {
            f = Math.nextDown(hi);
        }
        return f;
    }

    @Override
    public double logDensity(double x, double y) {
        return isBlack(x, y) ? -Math.log(blackArea()) : Double.NEGATIVE_INFINITY;
    }
}
