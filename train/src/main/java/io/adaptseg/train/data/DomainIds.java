package io.adaptseg.train.data;

import java.util.Arrays;

/**
 * Which source domain each sample of a batch came from (0-based, in the config's order) and how many
 * domains the stream mixes; methods use it to report their supervised losses per domain.
 */
public record DomainIds(int[] ofSample, int count) {
    public DomainIds {
        if (count <= 0) {
            throw new IllegalArgumentException("domain count must be positive, found " + count);
        }
        for (int d : ofSample) {
            if (d < 0 || d >= count) {
                throw new IllegalArgumentException("domain ids must be in [0, " + count + "), found " + Arrays.toString(ofSample));
            }
        }
        ofSample = ofSample.clone();
    }

    /** {@code n} samples of the only domain. */
    public static DomainIds single(int n) {
        return new DomainIds(new int[n], 1);
    }

    /** The domain of sample {@code i}. */
    public int of(int i) {
        return ofSample[i];
    }

    public int size() {
        return ofSample.length;
    }

    /** Whether some sample of the batch is from domain {@code k}. */
    public boolean contains(int k) {
        for (int d : ofSample) {
            if (d == k) {
                return true;
            }
        }
        return false;
    }

    /** Per sample, 1 where it is from domain {@code k}, else 0. */
    public int[] indicator(int k) {
        int[] out = new int[ofSample.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ofSample[i] == k ? 1 : 0;
        }
        return out;
    }

    @Override
    public int[] ofSample() {
        return ofSample.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainIds d && d.count == count && Arrays.equals(d.ofSample, ofSample);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ofSample) + count;
    }

    @Override
    public String toString() {
        return "DomainIds" + Arrays.toString(ofSample) + " of " + count;
    }
}
