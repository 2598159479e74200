package io.adaptseg.train.data;

/**
 * A tiny deterministic random generator (SplitMix64) whose whole state is one long, so that data
 * order and augmentation can be derived from (seed, position) and reproduced after a resume.
 */
public final class SplitMix64 {
    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** A generator for the stream element identified by {@code a} and {@code b} under {@code seed}. */
    public static SplitMix64 of(long seed, long a, long b) {
        SplitMix64 r = new SplitMix64(seed);
        long x = r.nextLong() ^ (a * 0x9E3779B97F4A7C15L);
        r = new SplitMix64(x);
        return new SplitMix64(r.nextLong() ^ (b * 0xC2B2AE3D27D4EB4FL));
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, found " + bound);
        }
        return (int) Math.floorMod(nextLong(), (long) bound);
    }
}
