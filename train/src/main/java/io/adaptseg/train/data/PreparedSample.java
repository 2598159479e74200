package io.adaptseg.train.data;

/**
 * A sample ready for the engine: normalised planar CHW floats of {@code width x height} and trainId
 * labels (null for unlabelled data) of {@code labelWidth x labelHeight}, which is the image size except
 * under CLAN's image-only scaling; {@code domain} is the stream domain it was drawn from.
 */
record PreparedSample(int width, int height, float[] chw, int labelWidth, int labelHeight, int[] labels, int domain) {
}
