package io.artifex.spark.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.artifex.training.optim.OptimizerState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The host-side (plain Java) form of weights and optimizer state that travels between the driver
 * and the workers, and the conversions from and to DJL arrays. Package-private.
 */
final class Snapshots {

    private static final NDIndex ALL = new NDIndex("...");

    private Snapshots() {
    }

    /** One float32 array: its shape and its values in row-major order. */
    record Tensor(long[] shape, float[] values) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** One optimizer's state: the algorithm and, per parameter path, its step count and slots. */
    record OptState(String algorithm, Map<String, ParamSlots> parameters) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** One parameter's optimizer state. */
    record ParamSlots(long step, Map<String, Tensor> slots) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * What a worker carries from one round to the next besides the averaged weights: its
     * non-trainable parameters (running statistics, an EBM's replay buffer) and, under
     * {@link OptimizerStatePolicy#KEEP_PER_WORKER}, its optimizer states by optimizer key.
     */
    record WorkerState(Map<String, Tensor> frozen, Map<String, OptState> optimizers) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * What the driver broadcasts before a round.
     *
     * @param round the round about to run, from 0
     * @param startStep the global step the round starts at ({@code round * averagingPeriod})
     * @param modelConfigJson the model config, through ConfigIO
     * @param trainerConfigJson the user's trainer config, through ConfigIO
     * @param trainable the averaged trainable parameters by path
     * @param frozen the initial non-trainable parameters, for workers without a state of their own
     * @param sharedOptimizers the averaged optimizer states (AVERAGE), empty before the first round
     * @param workers each worker's own state by worker index, empty before the first round
     */
    record RoundState(int round, long startStep, String modelConfigJson, String trainerConfigJson,
                      Map<String, Tensor> trainable, Map<String, Tensor> frozen, Map<String, OptState> sharedOptimizers,
                      Map<Integer, WorkerState> workers) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * What a worker sends back after its round.
     *
     * @param worker the partition index
     * @param attempt Spark's attempt number of the task (0 unless it was retried)
     * @param examples examples trained on in the round
     * @param steps trainer steps run in the round
     * @param lossSum the sum over steps of the step's loss times its examples
     * @param trainable the worker's trainable parameters at the end of the round
     * @param state the worker's own state at the end of the round
     * @param sharedOptimizers its optimizer states (averaged by the driver under AVERAGE)
     * @param workNanos wall time of the whole task (reading its partition and the broadcast, model build, local
     *     trainer run, state I/O), less any wait for another task's training in the same JVM
     */
    record WorkerResult(int worker, int attempt, long examples, long steps, double lossSum, Map<String, Tensor> trainable,
                        WorkerState state, Map<String, OptState> sharedOptimizers, long workNanos)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The host copy of {@code array}; {@code what} names it in the error for a non-float32 array. */
    static Tensor tensor(NDArray array, String what) {
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(what + " has data type " + array.getDataType()
                    + "; Spark training moves and averages float32 arrays only");
        }
        return new Tensor(array.getShape().getShape(), array.toFloatArray());
    }

    /** A new array on {@code manager} holding {@code tensor}'s values. */
    static NDArray array(Tensor tensor, NDManager manager) {
        return manager.create(tensor.values(), new Shape(tensor.shape()));
    }

    /** Copies {@code tensor} into {@code target} in place (the target's own storage). */
    static void copyInto(Tensor tensor, NDArray target, String what) {
        if (!Arrays.equals(tensor.shape(), target.getShape().getShape())) {
            throw new IllegalArgumentException(what + ": shape " + new Shape(tensor.shape()) + " does not match the model's "
                    + target.getShape());
        }
        try (NDManager scratch = target.getManager().newSubManager()) {
            target.set(ALL, array(tensor, scratch));
        }
    }

    /** The host copy of an optimizer state keyed by parameter path. */
    static OptState optState(OptimizerState state, String what) {
        Map<String, ParamSlots> params = new LinkedHashMap<>();
        state.parameters().forEach((path, ps) -> {
            Map<String, Tensor> slots = new LinkedHashMap<>();
            ps.slots().forEach((slot, a) -> slots.put(slot, tensor(a, what + " slot '" + slot + "' of '" + path + "'")));
            params.put(path, new ParamSlots(ps.step(), slots));
        });
        return new OptState(state.algorithm(), params);
    }

    /** The DJL form of {@code state}, its arrays on {@code manager}, still keyed by parameter path. */
    static OptimizerState optimizerState(OptState state, NDManager manager) {
        Map<String, OptimizerState.ParamState> params = new LinkedHashMap<>();
        state.parameters().forEach((path, ps) -> {
            Map<String, NDArray> slots = new LinkedHashMap<>();
            ps.slots().forEach((slot, t) -> slots.put(slot, array(t, manager)));
            params.put(path, new OptimizerState.ParamState(ps.step(), slots));
        });
        return new OptimizerState(state.algorithm(), params);
    }

    /** Java serialization of a round's state (the bytes the driver broadcasts). */
    static byte[] encode(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** The inverse of {@link #encode}. */
    static <T> T decode(byte[] bytes, Class<T> type) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return type.cast(in.readObject());
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read the broadcast " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
