/**
 * The model contract: {@link io.artifex.core.model.GenerativeModel}, its optional
 * capabilities, and the training-phase description a generic trainer runs.
 */
package io.artifex.core.model;
