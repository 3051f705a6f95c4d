package io.artifex.data.protein;

import ai.djl.ndarray.NDArray;
import io.artifex.core.model.Batch;

/**
 * A padded batch of {@code N} chains, each cropped to at most {@code L} residues. Padding
 * positions are zero in every array.
 *
 * <p>Thread-safety: not thread-safe: it holds NDArrays, which belong to one manager and are not
 * thread-safe; use it on the thread that made it.
 *
 * @param coords float32 {@code (N, L, 4, 3)}: N, CA, C, O coordinates (centred and scaled as configured)
 * @param atomMask float32 {@code (N, L, 4)}: 1 where the atom exists
 * @param residueMask float32 {@code (N, L)}: 1 for real residues, 0 for padding
 * @param residueTypes int64 {@code (N, L)}: {@link ResidueTypes} index, 0 at padding
 * @param residueIndex int64 {@code (N, L)}: PDB residue numbers, 0 at padding
 * @param lengths residues per chain after cropping
 * @param chains the dataset index of each chain
 */
public record ProteinBatch(NDArray coords, NDArray atomMask, NDArray residueMask, NDArray residueTypes,
                           NDArray residueIndex, int[] lengths, int[] chains) {

    /** The generic batch: {@code x = coords} with no labels. */
    public Batch toBatch() {
        return Batch.of(coords);
    }
}
