package io.adaptseg.synth;

/**
 * A pinhole camera looking down the street: world X to the right, Y up, Z ahead (metres), the
 * camera {@code height} above the road. Objects shrink with depth and stand on the ground line of
 * their depth, which is what gives every scene its perspective.
 *
 * @param focal focal length in pixels
 * @param centreX column of the vanishing point
 * @param horizon row of the horizon
 * @param height camera height above the road in metres
 */
record Camera(double focal, double centreX, double horizon, double height) {
    /** Image column of world point (x, ., z). */
    double column(double x, double z) {
        return centreX + focal * x / z;
    }

    /** Image row of world point (., y, z). */
    double row(double y, double z) {
        return horizon + focal * (height - y) / z;
    }

    /** Pixels per metre at depth z. */
    double scale(double z) {
        return focal / z;
    }
}
