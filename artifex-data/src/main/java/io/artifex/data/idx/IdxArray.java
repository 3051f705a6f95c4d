package io.artifex.data.idx;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The content of one IDX file: element type, dimensions and the raw big-endian payload.
 * For {@link IdxType#UBYTE} (MNIST) the payload is one byte per element; read them as
 * unsigned with {@link #unsignedByte(long)}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public final class IdxArray {

    private final IdxType type;
    private final int[] dims;
    private final byte[] data;

    /**
     * Wraps a payload. {@code data.length} must equal the product of {@code dims} times the
     * element size; the arrays are not copied.
     */
    public IdxArray(IdxType type, int[] dims, byte[] data) {
        if (type == null || dims == null || data == null) {
            throw new IllegalArgumentException("type, dims and data must not be null");
        }
        long expected = (long) type.bytes();
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("dims must be >= 0, got " + Arrays.toString(dims));
            }
            expected *= d;
        }
        if (expected != data.length) {
            throw new IllegalArgumentException("dims " + Arrays.toString(dims) + " of " + type + " need "
                    + expected + " bytes, got " + data.length);
        }
        this.type = type;
        this.dims = dims.clone();
        this.data = data;
    }

    /** The element type. */
    public IdxType type() {
        return type;
    }

    /** The dimensions, outermost first (a copy). */
    public int[] dims() {
        return dims.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Dimension {@code axis}. */
    public int dim(int axis) {
        return dims[axis];
    }

    /** The number of elements (product of the dimensions). */
    public long size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** The raw big-endian payload (not copied: do not modify). */
    public byte[] data() {
        return data;
    }

    /** Element {@code index} (flat, row-major) of a {@link IdxType#UBYTE} array, in [0, 255]. */
    public int unsignedByte(long index) {
        if (type != IdxType.UBYTE) {
            throw new IllegalArgumentException("unsignedByte needs a UBYTE array, this one is " + type);
        }
        return data[Math.toIntExact(index)] & 0xFF;
    }

    /** All elements converted to float, for any element type. */
    public float[] toFloatArray() {
        int n = Math.toIntExact(size());
        float[] out = new float[n];
        ByteBuffer buf = ByteBuffer.wrap(data); // IDX is big-endian, ByteBuffer's default
        for (int i = 0; i < n; i++) {
            out[i] = switch (type) {
                case UBYTE -> data[i] & 0xFF;
                case BYTE -> data[i];
                case SHORT -> buf.getShort(2 * i);
                case INT -> buf.getInt(4 * i);
                case FLOAT -> buf.getFloat(4 * i);
                case DOUBLE -> (float) buf.getDouble(8 * i);
            };
        }
        return out;
    }

    @Override
    public String toString() {
        return "IdxArray[" + type + " " + Arrays.toString(dims) + "]";
    }
}
