package io.adaptseg.train.nd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Scalar arithmetic whose gradient survives a garbage collection between forward and backward. */
class ScalarsTest {
    private static final float[] X = {0.5f, 2f, 3f};

    /** d(sum(op(x)))/dx with the freed-buffer collection between the forward and the backward pass. */
    private static float[] gradientWithCollectionBeforeBackward(UnaryOperator<NDArray> op) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(X);
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = op.apply(x).sum();
                FreedBuffers.free();
                gc.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }

    @Test
    void djlsOwnScalarOverloadLosesTheScalarBeforeBackward() {
        // The probe's teeth: DJL's x.mul(3f) frees its scalar while autograd still needs it. If this
        // ever passes with 3s, DJL keeps the scalar alive now (upgrade?): Scalars is then merely
        // harmless, and this test can go.
        float[] g = gradientWithCollectionBeforeBackward(x -> x.mul(3f));
        assertFalse(Arrays.equals(new float[] {3, 3, 3}, g),
                "DJL's mul(Number) kept its scalar alive: " + Arrays.toString(g));
    }

    @Test
    void timesKeepsItsScalarAliveForBackward() {
        assertArrayEquals(new float[] {3, 3, 3}, gradientWithCollectionBeforeBackward(x -> Scalars.times(x, 3)));
    }

    @Test
    void overKeepsItsScalarAliveForBackward() {
        assertArrayEquals(new float[] {-0.5f, -0.5f, -0.5f},
                gradientWithCollectionBeforeBackward(x -> Scalars.over(x, -2)));
    }

    @Test
    void powerKeepsItsExponentAliveForBackward() {
        // d/dx x^3 = 3x^2
        assertArrayEquals(new float[] {0.75f, 12, 27}, gradientWithCollectionBeforeBackward(x -> Scalars.power(x, 3)),
                1e-5f);
    }

    @Test
    void atLeastKeepsItsFloorAliveForBackward() {
        // max(x, 1): no gradient where the floor wins
        assertArrayEquals(new float[] {0, 1, 1}, gradientWithCollectionBeforeBackward(x -> Scalars.atLeast(x, 1)));
    }

    @Test
    void valuesAndTypesFollowTheArray() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ints = m.create(new int[] {1, 2, 3});
            NDArray scaled = Scalars.times(ints, 255);
            assertEquals(DataType.INT32, scaled.getDataType());
            assertArrayEquals(new int[] {255, 510, 765}, scaled.toIntArray());
            NDArray x = m.create(new float[] {1, 4});
            Scalars.timesInPlace(x, 0.5);
            assertArrayEquals(new float[] {0.5f, 2}, x.toFloatArray());
            assertEquals(0, Scalars.of(x, 7).getShape().dimension());
            assertEquals(7f, Scalars.of(x, 7).getFloat());
        }
    }
}
