/**
 * Configuration records of the generic trainer: {@link io.artifex.core.config.training.TrainerConfig}
 * with its optimizer, schedule, checkpoint and early-stopping sections.
 */
package io.artifex.core.config.training;
