package io.artifex.spark.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Prepares a Spark task thread for DJL's PyTorch engine. PyTorch's grad mode is per thread and on
 * by default; DJL switches it off only in the thread that loads the engine, and a gradient
 * collector restores the mode it found. In any other thread (every Spark task thread) the
 * trainer's in-place optimizer updates would then run under autograd and fail with "a leaf
 * Variable that requires grad is being used in an in-place operation". Package-private; the one
 * engine-specific call of this package.
 */
final class EngineThreads {

    private EngineThreads() {
    }

    /**
     * Switches autograd recording off in the calling thread, as DJL does in the engine's own
     * thread; returns what to pass to {@link #restore} when the training ends.
     */
    static boolean prepareForTraining() {
        if (!isPyTorch()) {
            return false;
        }
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        return was;
    }

    /** Puts back the grad mode {@link #prepareForTraining} found, so the pooled thread is left as it was. */
    static void restore(boolean gradMode) {
        if (isPyTorch()) {
            JniUtils.setGradMode(gradMode);
        }
    }

    private static boolean isPyTorch() {
        return "PyTorch".equals(Engine.getInstance().getEngineName());
    }
}
