package io.adaptseg.export.parity;

/** Element-wise comparisons of two sides' outputs (parity, and the device check across providers). */
public final class Deltas {
    private Deltas() {
    }

    /** {max |a - b|, mean |a - b|}. */
    public static double[] of(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
        }
        double max = 0;
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            max = Math.max(max, d);
            sum += d;
        }
        return new double[] {max, a.length == 0 ? 0 : sum / a.length};
    }

    /** Fraction of positions with equal labels (0 when the lengths differ: nothing is comparable). */
    public static double agreement(int[] a, int[] b) {
        if (a.length != b.length || a.length == 0) {
            return 0;
        }
        long same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return (double) same / a.length;
    }
}
