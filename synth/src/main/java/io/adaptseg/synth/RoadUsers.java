package io.adaptseg.synth;

import static io.adaptseg.core.labels.CityscapesClass.BICYCLE;
import static io.adaptseg.core.labels.CityscapesClass.BUS;
import static io.adaptseg.core.labels.CityscapesClass.CAR;
import static io.adaptseg.core.labels.CityscapesClass.MOTORCYCLE;
import static io.adaptseg.core.labels.CityscapesClass.PERSON;
import static io.adaptseg.core.labels.CityscapesClass.RIDER;
import static io.adaptseg.core.labels.CityscapesClass.TRAIN;
import static io.adaptseg.core.labels.CityscapesClass.TRUCK;
import static io.adaptseg.synth.StreetScene.NEAR;

import io.adaptseg.core.labels.CityscapesClass;
import io.adaptseg.synth.StreetScene.Placed;
import java.util.ArrayList;
import java.util.List;

/**
 * The road users of one {@link StreetScene}: cars (moving in lanes or parked at the kerb), trucks,
 * buses, trams, bicycles and motorcycles with or without riders, and pedestrians.
 */
final class RoadUsers extends StreetPlacer {
    RoadUsers(Street street) {
        super(street);
    }

    /** Samples the vehicles, then the pedestrians, into the street list. */
    void place() {
        placeTraffic();
        placePeople();
    }

    private void placeTraffic() {
        int lanes = Math.max(1, (int) ((roadRight - roadLeft) / 3.2));
        double laneWidth = (roadRight - roadLeft) / lanes;
        List<double[]> taken = new ArrayList<>();
        int cars = rng.nextInt(1, 9);
        for (int i = 0; i < cars; i++) {
            boolean parked = rng.nextDouble() < 0.35;
            double x = parked ? (rng.nextBoolean() ? roadLeft + 1.1 : roadRight - 1.1) : lane(lanes, laneWidth);
            double z = range(5, 80);
            double len = range(3.8, 4.8);
            if (free(taken, x, z, len)) {
                double w = range(1.65, 1.95);
                double h = range(1.35, 1.7);
                street.add(new Placed(z, () -> drawCar(x, z, w, h, len)));
            }
        }
        maybeVehicle(taken, 0.35, lanes, laneWidth, TRUCK, 2.5, range(2.8, 3.8), range(6, 9));
        maybeVehicle(taken, 0.3, lanes, laneWidth, BUS, 2.55, range(3.0, 3.3), range(10, 13));
        maybeVehicle(taken, 0.22, lanes, laneWidth, TRAIN, 2.65, range(3.3, 3.7), range(20, 32));
        int bikes = rng.nextDouble() < 0.55 ? rng.nextInt(1, 3) : 0;
        for (int i = 0; i < bikes; i++) {
            boolean motor = rng.nextDouble() < 0.45;
            boolean ridden = rng.nextDouble() < 0.8;
            double x = ridden ? range(roadLeft + 1, roadRight - 2) : (rng.nextBoolean() ? walkLeft + 0.6 : walkRight - 2.2);
            double z = range(5, 40);
            boolean facingLeft = rng.nextBoolean();
            street.add(new Placed(z, () -> drawTwoWheeler(x, z, motor, ridden, facingLeft)));
        }
    }

    private double lane(int lanes, double laneWidth) {
        return roadLeft + laneWidth * (rng.nextInt(lanes) + 0.5) + range(-0.3, 0.3);
    }

    private boolean free(List<double[]> taken, double x, double z, double len) {
        for (double[] t : taken) {
            if (Math.abs(t[0] - x) < 2.2 && z < t[1] + t[2] + 1 && t[1] < z + len + 1) {
                return false;
            }
        }
        taken.add(new double[] {x, z, len});
        return true;
    }

    private void maybeVehicle(List<double[]> taken, double p, int lanes, double laneWidth, CityscapesClass c,
            double w, double h, double len) {
        if (rng.nextDouble() >= p) {
            return;
        }
        double x = lane(lanes, laneWidth);
        double z = range(8, 70);
        if (free(taken, x, z, len)) {
            street.add(new Placed(z, () -> drawLargeVehicle(c, x, z, w, h, len)));
        }
    }

    /**
     * A box seen from the camera: the side facing the street centre, the top when below the
     * camera, and the near end; returns the near end's corners in pixels {x0, y0, x1, y1}.
     */
    private double[] box(double xc, double w, double y0, double y1, double z, double len, int id, int inst,
            byte front, byte side) {
        double x0 = xc - w / 2;
        double x1 = xc + w / 2;
        double zf = Math.max(z, NEAR);
        double zb = z + len;
        if (x0 > 0) {
            canvas.quad(cam, x0, y0, zf, x0, y1, zb, id, inst, side);
        } else if (x1 < 0) {
            canvas.quad(cam, x1, y0, zf, x1, y1, zb, id, inst, side);
        }
        if (y1 < cam.height()) {
            canvas.fillPolygon(new double[] {cam.column(x0, zf), cam.column(x1, zf), cam.column(x1, zb), cam.column(x0, zb)},
                    new double[] {cam.row(y1, zf), cam.row(y1, zf), cam.row(y1, zb), cam.row(y1, zb)}, id, inst, side);
        }
        double[] r = {cam.column(x0, zf), cam.row(y1, zf), cam.column(x1, zf), cam.row(y0, zf)};
        canvas.fillRect(r[0], r[1], r[2], r[3], id, inst, front);
        return r;
    }

    private void drawCar(double x, double z, double w, double h, double len) {
        int inst = canvas.newInstance();
        int id = CAR.trainId();
        double body = h * 0.58;
        double[] cabin = box(x, w * 0.86, body, h, z + len * 0.22, len * 0.55, id, inst, SceneCanvas.GLASS, SceneCanvas.GLASS);
        double pw = (cabin[2] - cabin[0]) * 0.08;
        canvas.fillRect(cabin[0], cabin[1], cabin[2], cabin[1] + pw, id, inst, SceneCanvas.BASE);
        double[] r = box(x, w, 0.28, body, z, len, id, inst, SceneCanvas.BASE, SceneCanvas.SIDE);
        wheelsOfBox(x, w, z, len, 0.33, id, inst);
        double lw = (r[2] - r[0]) * 0.16;
        double lh = (r[3] - r[1]) * 0.25;
        canvas.fillRect(r[0] + lw * 0.2, r[1] + lh * 0.5, r[0] + lw, r[1] + lh * 1.4, id, inst, SceneCanvas.BRIGHT);
        canvas.fillRect(r[2] - lw, r[1] + lh * 0.5, r[2] - lw * 0.2, r[1] + lh * 1.4, id, inst, SceneCanvas.BRIGHT);
        canvas.fillRect(r[0] + lw * 1.6, r[3] - lh * 1.3, r[2] - lw * 1.6, r[3] - lh * 0.6, id, inst, SceneCanvas.SECOND);
    }

    /** Tyres: under the near end, and along the visible side. */
    private void wheelsOfBox(double x, double w, double z, double len, double radius, int id, int inst) {
        double zf = Math.max(z, NEAR);
        double s = cam.scale(zf);
        double x0 = cam.column(x - w / 2, zf);
        double x1 = cam.column(x + w / 2, zf);
        double tw = s * 0.25;
        canvas.fillRect(x0 + tw * 0.2, cam.row(radius, zf), x0 + tw * 1.2, cam.row(0, zf), id, inst, SceneCanvas.DARK);
        canvas.fillRect(x1 - tw * 1.2, cam.row(radius, zf), x1 - tw * 0.2, cam.row(0, zf), id, inst, SceneCanvas.DARK);
        double sideX = x - w / 2 > 0 ? x - w / 2 : x + w / 2 < 0 ? x + w / 2 : Double.NaN;
        if (!Double.isNaN(sideX)) {
            for (double wz : new double[] {z + len * 0.8, z + len * 0.18}) {
                if (wz > NEAR) {
                    double sw = cam.scale(wz);
                    canvas.fillEllipse(cam.column(sideX, wz), cam.row(radius, wz), sw * radius * Math.abs(sideX) / wz + 0.5,
                            sw * radius, id, inst, SceneCanvas.DARK);
                }
            }
        }
    }

    private void drawLargeVehicle(CityscapesClass c, double x, double z, double w, double h, double len) {
        int inst = canvas.newInstance();
        int id = c.trainId();
        double ground = c == TRAIN ? 0.15 : 0.4;
        if (c == TRUCK) {
            box(x, w * 0.95, ground, h * 0.8, z + len - 2.2, 2.2, id, inst, SceneCanvas.SECOND, SceneCanvas.SECOND);
            len -= 2.3;
        }
        double[] r = box(x, w, ground, h, z, len, id, inst, SceneCanvas.BASE, SceneCanvas.SIDE);
        if (c != TRUCK) {
            double sideX = x - w / 2 > 0 ? x - w / 2 : x + w / 2 < 0 ? x + w / 2 : Double.NaN;
            if (!Double.isNaN(sideX)) {
                for (double wz = z + 0.8; wz + 1.4 < z + len; wz += 1.8) {
                    if (wz > NEAR) {
                        canvas.quad(cam, sideX, h * 0.45, wz, sideX, h * 0.82, wz + 1.4, id, inst, SceneCanvas.GLASS);
                    }
                }
            }
            double fw = r[2] - r[0];
            double fh = r[3] - r[1];
            canvas.fillRect(r[0] + fw * 0.1, r[1] + fh * 0.15, r[2] - fw * 0.1, r[1] + fh * 0.5, id, inst, SceneCanvas.GLASS);
            if (c == TRAIN) {
                double s = cam.scale(Math.max(z + 3, NEAR));
                double px = cam.column(x, Math.max(z + 3, NEAR));
                double py = cam.row(h, Math.max(z + 3, NEAR));
                canvas.line(px - s * 0.6, py, px, py - s * 0.9, s * 0.06, id, inst, SceneCanvas.DARK);
                canvas.line(px + s * 0.6, py, px, py - s * 0.9, s * 0.06, id, inst, SceneCanvas.DARK);
                canvas.fillRect(r[0], r[1] + fh * 0.6, r[2], r[1] + fh * 0.7, id, inst, SceneCanvas.SECOND);
            }
        } else {
            double fw = r[2] - r[0];
            double fh = r[3] - r[1];
            canvas.fillRect(r[0] + fw * 0.48, r[1] + fh * 0.05, r[0] + fw * 0.52, r[3] - fh * 0.05, id, inst, SceneCanvas.DARK);
        }
        wheelsOfBox(x, w, z, len, 0.5, id, inst);
    }

    // ---- people and two-wheelers --------------------------------------------------------------

    private void placePeople() {
        int people = rng.nextInt(0, 8);
        for (int i = 0; i < people; i++) {
            int side = rng.nextBoolean() ? -1 : 1;
            double x = rng.nextDouble() < 0.85
                    ? (side < 0 ? range(walkLeft + 0.3, roadLeft - 0.3) : range(roadRight + 0.3, walkRight - 0.3))
                    : range(roadLeft + 0.5, roadRight - 0.5);
            double z = range(4, 50);
            double h = range(1.55, 1.95);
            street.add(new Placed(z, () -> drawPerson(x, z, h, PERSON.trainId(), canvas.newInstance())));
        }
    }

    private void drawPerson(double x, double z, double h, int id, int inst) {
        double s = cam.scale(z);
        double cx = cam.column(x, z);
        double foot = cam.row(0, z);
        double hip = cam.row(h * 0.48, z);
        double shoulder = cam.row(h * 0.8, z);
        double half = s * h * 0.13;
        double stride = s * range(0, 0.25);
        canvas.line(cx - half * 0.4, hip, cx - half * 0.4 - stride, foot, s * h * 0.09, id, inst, SceneCanvas.SECOND);
        canvas.line(cx + half * 0.4, hip, cx + half * 0.4 + stride, foot, s * h * 0.09, id, inst, SceneCanvas.SECOND);
        canvas.fillPolygon(new double[] {cx - half, cx + half, cx + half * 0.8, cx - half * 0.8},
                new double[] {shoulder, shoulder, hip + s * 0.05, hip + s * 0.05}, id, inst, SceneCanvas.BASE);
        canvas.line(cx - half, shoulder + s * 0.03, cx - half * 1.25, hip, s * h * 0.06, id, inst, SceneCanvas.BASE);
        canvas.line(cx + half, shoulder + s * 0.03, cx + half * 1.25, hip, s * h * 0.06, id, inst, SceneCanvas.BASE);
        canvas.fillEllipse(cx, cam.row(h * 0.92, z), s * h * 0.06, s * h * 0.075, id, inst, SceneCanvas.BRIGHT);
    }

    /** A bicycle or motorcycle seen from the side, with or without its rider. */
    private void drawTwoWheeler(double x, double z, boolean motor, boolean ridden, boolean facingLeft) {
        int inst = canvas.newInstance();
        int id = (motor ? MOTORCYCLE : BICYCLE).trainId();
        double s = cam.scale(z);
        double dir = facingLeft ? -1 : 1;
        double cx = cam.column(x, z);
        double r = (motor ? 0.32 : 0.34) * s;
        double base = (motor ? 1.45 : 1.05) * s;
        double rearX = cx - dir * base / 2;
        double frontX = cx + dir * base / 2;
        double hubY = cam.row(motor ? 0.32 : 0.34, z);
        double stroke = s * (motor ? 0.09 : 0.045);
        canvas.ring(rearX, hubY, r, r, motor ? 0.55 : 0.82, id, inst, SceneCanvas.DARK);
        canvas.ring(frontX, hubY, r, r, motor ? 0.55 : 0.82, id, inst, SceneCanvas.DARK);
        double seatX = cx - dir * base * 0.15;
        double seatY = hubY - s * (motor ? 0.5 : 0.55);
        double barX = frontX - dir * base * 0.08;
        double barY = hubY - s * (motor ? 0.65 : 0.7);
        if (motor) {
            canvas.fillPolygon(new double[] {rearX, seatX, barX, frontX - dir * r * 0.6, cx},
                    new double[] {hubY - r * 0.4, seatY, barY + s * 0.15, hubY - r * 0.3, hubY + r * 0.3}, id, inst, SceneCanvas.BASE);
        } else {
            double crankX = cx;
            canvas.line(rearX, hubY, crankX, hubY, stroke, id, inst, SceneCanvas.BASE);
            canvas.line(rearX, hubY, seatX, seatY, stroke, id, inst, SceneCanvas.BASE);
            canvas.line(crankX, hubY, seatX, seatY, stroke, id, inst, SceneCanvas.BASE);
            canvas.line(seatX, seatY, barX, barY, stroke, id, inst, SceneCanvas.BASE);
            canvas.line(crankX, hubY, barX, barY, stroke, id, inst, SceneCanvas.BASE);
            canvas.line(barX, barY, frontX, hubY, stroke, id, inst, SceneCanvas.BASE);
        }
        canvas.line(barX, barY, barX + dir * s * 0.12, barY - s * 0.12, stroke * 1.2, id, inst, SceneCanvas.DARK);
        if (ridden) {
            int rider = canvas.newInstance();
            int rid = RIDER.trainId();
            double sit = seatY - s * 0.05;
            double shoulderX = seatX + dir * s * 0.3;
            double shoulderY = sit - s * 0.6;
            double kneeX = seatX + dir * s * 0.35;
            canvas.line(seatX, sit, kneeX, sit - s * 0.05, s * 0.14, rid, rider, SceneCanvas.SECOND);
            canvas.line(kneeX, sit - s * 0.05, cx + dir * s * 0.1, hubY, s * 0.11, rid, rider, SceneCanvas.SECOND);
            canvas.line(seatX, sit, shoulderX, shoulderY, s * 0.3, rid, rider, SceneCanvas.BASE);
            canvas.line(shoulderX, shoulderY, barX, barY, s * 0.08, rid, rider, SceneCanvas.BASE);
            canvas.fillEllipse(shoulderX + dir * s * 0.06, shoulderY - s * 0.17, s * 0.12, s * 0.14, rid, rider,
                    motor ? SceneCanvas.DARK : SceneCanvas.BRIGHT);
        }
    }
}
