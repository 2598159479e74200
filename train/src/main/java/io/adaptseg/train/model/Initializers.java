package io.adaptseg.train.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * The initialisations of the reference implementations, as DJL initialisers (they draw from the
 * engine's generator, so {@code Engine.getInstance().setRandomSeed} makes them reproducible).
 */
public final class Initializers {
    private Initializers() {
    }

    /**
     * Seeds the engine's generator from a config's {@code random-seed} (its low 31 bits), before a run
     * creates its networks: the one place a run's seed reaches the initialisers.
     */
    public static void seedEngine(long randomSeed) {
        Engine.getInstance().setRandomSeed((int) (randomSeed & 0x7fffffff));
    }

    /** Normal(0, sigma); the DeepLab-v2 classifier convolutions use sigma = 0.01. */
    public static Initializer normal(double sigma) {
        return (NDManager m, Shape s, DataType t) -> m.randomNormal(0f, (float) sigma, s, t);
    }

    /** Uniform(-bound, bound). */
    public static Initializer uniform(double bound) {
        return (NDManager m, Shape s, DataType t) -> m.randomUniform((float) -bound, (float) bound, s, t);
    }

    /** He/Kaiming normal with fan-out (out channels × kernel area): torchvision's and DeepLab's ResNet convs. */
    public static Initializer kaimingFanOut() {
        return (NDManager m, Shape s, DataType t) -> m.randomNormal(0f,
                (float) Math.sqrt(2.0 / (s.get(0) * area(s))), s, t);
    }

    /** He/Kaiming normal with fan-in (in channels × kernel area): PyTorch's {@code kaiming_normal_} default. */
    public static Initializer kaimingFanIn() {
        return (NDManager m, Shape s, DataType t) -> m.randomNormal(0f,
                (float) Math.sqrt(2.0 / (s.get(1) * area(s))), s, t);
    }

    /**
     * PyTorch's default {@code Conv2d} initialisation for a weight (kaiming uniform with a = √5, which is
     * uniform(±1/√fan_in)); for a bias use {@link #uniform} with {@code 1/√fan_in} of its convolution.
     */
    public static Initializer torchDefaultWeight() {
        return (NDManager m, Shape s, DataType t) -> {
            double bound = 1.0 / Math.sqrt(s.get(1) * area(s));
            return m.randomUniform((float) -bound, (float) bound, s, t);
        };
    }

    private static long area(Shape s) {
        long a = 1;
        for (int i = 2; i < s.dimension(); i++) {
            a *= s.get(i);
        }
        return a;
    }

}
