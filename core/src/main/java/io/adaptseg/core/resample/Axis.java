package io.adaptseg.core.resample;

/**
 * Linear-interpolation taps along one axis: output sample {@code i} is
 * {@code v[lo[i]] + (v[hi[i]] − v[lo[i]]) · frac[i]}.
 */
record Axis(int[] lo, int[] hi, float[] frac) {
    static Axis of(int in, int out, Convention convention) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("axis sizes must be positive, found " + in + " -> " + out);
        }
        int[] lo = new int[out];
        int[] hi = new int[out];
        float[] frac = new float[out];
        for (int i = 0; i < out; i++) {
            double src = convention.source(i, in, out);
            lo[i] = Math.min((int) Math.floor(src), in - 1);
            hi[i] = Math.min(lo[i] + 1, in - 1);
            frac[i] = (float) (src - lo[i]);
        }
        return new Axis(lo, hi, frac);
    }
}
