package io.adaptseg.synth;

/**
 * Counter-based randomness: every random number of an image is a hash of (seed, stream, index), so
 * an image does not depend on which thread made it or what was generated before it.
 */
final class Hash {
    private Hash() {
    }

    /** SplitMix64's finaliser applied to {@code seed + index * golden}: well mixed 64 bits. */
    static long mix(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A value in [-1, 1) for item {@code index} of random stream {@code stream}. */
    static double signed(long seed, int stream, long index) {
        long h = mix(mix(seed, stream), index);
        return (h >>> 11) * 0x1.0p-52 - 1.0;
    }

    /** A value in [0, bound) for {@code key}. */
    static long below(long seed, long key, long bound) {
        return Long.remainderUnsigned(mix(seed, key), bound);
    }
}
