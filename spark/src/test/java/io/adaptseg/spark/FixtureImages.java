package io.adaptseg.spark;

import io.adaptseg.core.image.RgbImage;

/** Test images for other packages' tests (the {@link Fixture} is package-private). */
public final class FixtureImages {
    private FixtureImages() {
    }

    public static RgbImage image(int w, int h, long seed) {
        return Fixture.image(w, h, seed);
    }
}
