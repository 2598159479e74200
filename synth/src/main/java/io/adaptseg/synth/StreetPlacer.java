package io.adaptseg.synth;

import io.adaptseg.synth.StreetScene.Placed;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A placer of one kind of street object for a {@link StreetScene}: it samples positions from the
 * scene's random stream and adds draw calls to the scene's street list, which the scene runs
 * farthest first. Placers share the scene's canvas, camera, stream and street cross-section, so a
 * seed still fixes the whole scene.
 */
abstract sealed class StreetPlacer permits StreetFurniture, RoadUsers {
    /**
     * What a scene hands its placers.
     *
     * @param roadLeft left kerb line (metres, world X)
     * @param roadRight right kerb line
     * @param walkLeft outer edge of the left sidewalk
     * @param walkRight outer edge of the right sidewalk
     * @param objects the scene's street objects, drawn farthest first once all are placed
     */
    record Street(SceneCanvas canvas, Camera cam, SplittableRandom rng, double roadLeft, double roadRight,
            double walkLeft, double walkRight, List<Placed> objects) {
    }

    final SceneCanvas canvas;
    final Camera cam;
    final SplittableRandom rng;
    final double roadLeft;
    final double roadRight;
    final double walkLeft;
    final double walkRight;
    /** Draw calls added here sample their remaining details when the scene runs them. */
    final List<Placed> street;

    StreetPlacer(Street s) {
        this.canvas = s.canvas();
        this.cam = s.cam();
        this.rng = s.rng();
        this.roadLeft = s.roadLeft();
        this.roadRight = s.roadRight();
        this.walkLeft = s.walkLeft();
        this.walkRight = s.walkRight();
        this.street = s.objects();
    }

    final double range(double lo, double hi) {
        return lo + rng.nextDouble() * (hi - lo);
    }
}
