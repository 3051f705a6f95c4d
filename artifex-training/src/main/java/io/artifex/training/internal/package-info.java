/** Small helpers shared inside artifex-training; not part of its public API. */
package io.artifex.training.internal;
