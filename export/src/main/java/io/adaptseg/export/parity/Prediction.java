package io.adaptseg.export.parity;

/** One side's output for a batch: flat logits [N,C,h,w] (may be null when a side has none) and flat labels [N,H,W]. */
record Prediction(float[] logits, long[] logitsShape, int[] labels) {
}
