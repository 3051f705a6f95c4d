/**
 * Audio measures: the linear-prediction baseline
 * {@link io.artifex.eval.audio.LinearPredictionBaseline} with an exact likelihood over the 256
 * mu-law ids a WaveNet is scored on ({@link io.artifex.eval.audio.AudioBits}), log-mel spectrograms
 * ({@link io.artifex.eval.audio.LogMelSpectrogram}, librosa's defaults), the log-mel distances
 * between generated and real clips ({@link io.artifex.eval.audio.LogMelDistance}), spectrogram
 * pictures ({@link io.artifex.eval.audio.SpectrogramImage}), and the entry point
 * {@link io.artifex.eval.audio.AudioEvaluation} that an evaluation of an audio run calls.
 */
package io.artifex.eval.audio;
