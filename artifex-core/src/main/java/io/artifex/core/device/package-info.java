/**
 * Engine and device discovery: {@link io.artifex.core.device.DeviceManager} reports the engine,
 * CPU threads, GPUs and memory, and chooses the default device.
 */
package io.artifex.core.device;
