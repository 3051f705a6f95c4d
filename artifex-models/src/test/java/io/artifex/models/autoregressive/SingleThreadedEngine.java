package io.artifex.models.autoregressive;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with one PyTorch intra-op thread and restores the previous count after it.
 * The tests' networks are tiny: on a shared, oversubscribed 2-core machine a second OpenMP thread
 * only adds waiting: measured here under load, a training step of the 4x4 test model took about
 * 650 ms of wall time with 2 threads and 12 ms with 1.
 */
final class SingleThreadedEngine implements BeforeAllCallback, AfterAllCallback {

    private int previous = -1;

    @Override
    public void beforeAll(ExtensionContext context) {
        Engine.getInstance();
        previous = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (previous > 0) {
            JniUtils.setNumThreads(previous);
        }
    }
}
