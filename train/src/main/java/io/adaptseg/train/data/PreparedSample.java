package io.adaptseg.train.data;

/**
 * A sample ready for the engine: normalised planar CHW floats and trainId labels (null for
 * unlabelled data), both {@code width x height}.
 */
record PreparedSample(int width, int height, float[] chw, int[] labels) {
}
