/**
 * Checkpoint directories: every network's parameters and every optimiser's state as named .npz
 * arrays, the iteration, the data streams' positions (the RNG state), the resolved config and the
 * metrics so far. Written to a temporary directory and renamed, so a killed run never leaves a
 * partial checkpoint.
 */
package io.adaptseg.train.checkpoint;
