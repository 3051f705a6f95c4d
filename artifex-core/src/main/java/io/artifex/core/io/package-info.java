/**
 * Weights in formats other tools read: {@link io.artifex.core.io.SafeTensors} (the safetensors
 * file format), {@link io.artifex.core.io.PyTorchNames} (DJL parameter paths as PyTorch
 * {@code state_dict} keys) and {@link io.artifex.core.io.SafeTensorsExport} (a model's weights
 * and config as a folder a PyTorch user can load). Here, in core, because a model and its
 * weights are all it needs: a user who only runs a trained model (core and models, no trainer)
 * can export and import.
 */
package io.artifex.core.io;
