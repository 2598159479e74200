package io.adaptseg.synth;

import static io.adaptseg.core.labels.CityscapesClass.BICYCLE;
import static io.adaptseg.core.labels.CityscapesClass.BUILDING;
import static io.adaptseg.core.labels.CityscapesClass.BUS;
import static io.adaptseg.core.labels.CityscapesClass.CAR;
import static io.adaptseg.core.labels.CityscapesClass.FENCE;
import static io.adaptseg.core.labels.CityscapesClass.MOTORCYCLE;
import static io.adaptseg.core.labels.CityscapesClass.PERSON;
import static io.adaptseg.core.labels.CityscapesClass.POLE;
import static io.adaptseg.core.labels.CityscapesClass.RIDER;
import static io.adaptseg.core.labels.CityscapesClass.ROAD;
import static io.adaptseg.core.labels.CityscapesClass.SIDEWALK;
import static io.adaptseg.core.labels.CityscapesClass.SKY;
import static io.adaptseg.core.labels.CityscapesClass.TERRAIN;
import static io.adaptseg.core.labels.CityscapesClass.TRAFFIC_LIGHT;
import static io.adaptseg.core.labels.CityscapesClass.TRAFFIC_SIGN;
import static io.adaptseg.core.labels.CityscapesClass.TRAIN;
import static io.adaptseg.core.labels.CityscapesClass.TRUCK;
import static io.adaptseg.core.labels.CityscapesClass.VEGETATION;
import static io.adaptseg.core.labels.CityscapesClass.WALL;

import io.adaptseg.core.labels.CityscapesClass;
import io.adaptseg.core.labels.IdMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Samples and draws one street scene into a {@link SceneCanvas}: a straight street to a vanishing
 * point with sidewalks, verges, building rows, walls and fences, trees, street furniture, traffic
 * and pedestrians, all placed in world coordinates and projected by a {@link Camera}. Layers are
 * drawn back to front (sky, skyline, ground, facades, verge objects, street objects by depth), so
 * nearer objects occlude farther ones and the label map is exactly what is visible.
 */
final class StreetScene {
    private static final double NEAR = 1.0;
    private static final double FAR = 160;

    private final SceneCanvas canvas;
    private final SplittableRandom rng;
    private final Camera cam;
    private final double roadLeft;
    private final double roadRight;
    private final double walkLeft;
    private final double walkRight;
    private final double buildLeft;
    private final double buildRight;
    private final CityscapesClass vergeLeft;
    private final CityscapesClass vergeRight;
    private final boolean sunFromLeft;
    /** Street objects (vehicles, people, poles) drawn last, farthest first. */
    private final List<Placed> street = new ArrayList<>();
    /** Verge objects (trees, hedges, walls, fences) between sidewalk and buildings. */
    private final List<Placed> verge = new ArrayList<>();

    private record Placed(double z, Runnable draw) {
    }

    private StreetScene(int width, int height, SplittableRandom rng, boolean egoHood) {
        this.canvas = new SceneCanvas(width, height);
        this.rng = rng;
        double horizon = height * range(0.36, 0.46);
        this.cam = new Camera(width * range(0.55, 0.75), width * range(0.44, 0.56), horizon, range(1.3, 1.8));
        canvas.horizon = horizon;
        this.roadLeft = -range(3.5, 7.5);
        this.roadRight = range(3.5, 7.5);
        this.walkLeft = roadLeft - range(1.8, 4.0);
        this.walkRight = roadRight + range(1.8, 4.0);
        this.buildLeft = walkLeft - (rng.nextDouble() < 0.5 ? range(0.2, 1.0) : range(2.5, 7));
        this.buildRight = walkRight + (rng.nextDouble() < 0.5 ? range(0.2, 1.0) : range(2.5, 7));
        this.vergeLeft = rng.nextDouble() < 0.6 ? TERRAIN : SIDEWALK;
        this.vergeRight = rng.nextDouble() < 0.6 ? TERRAIN : SIDEWALK;
        this.sunFromLeft = rng.nextBoolean();
        canvas.egoHoodRows = egoHood ? (int) Math.round(height * range(0.06, 0.1)) : 0;
    }

    /**
     * Draws one scene of the given size with the given random stream. {@code egoHood} adds the
     * bonnet of the recording car at the bottom (ignore label), as every Cityscapes frame has.
     */
    static SceneCanvas draw(int width, int height, SplittableRandom rng, boolean egoHood) {
        StreetScene scene = new StreetScene(width, height, rng, egoHood);
        scene.drawAll();
        return scene.canvas;
    }

    private void drawAll() {
        canvas.fillRect(0, 0, canvas.width, canvas.height, SKY.trainId(), 0, SceneCanvas.BASE);
        drawSkyline();
        drawGround();
        drawBuildings(-1);
        drawBuildings(+1);
        placeVerge(-1);
        placeVerge(+1);
        placeStreetFurniture();
        placeTraffic();
        placePeople();
        verge.sort(Comparator.comparingDouble(Placed::z).reversed());
        verge.forEach(p -> p.draw().run());
        street.sort(Comparator.comparingDouble(Placed::z).reversed());
        street.forEach(p -> p.draw().run());
        if (canvas.egoHoodRows > 0) {
            drawEgoHood();
        }
    }

    // ---- background and ground -------------------------------------------------------------

    /** Distant blocks of buildings and trees closing the view at the end of the street. */
    private void drawSkyline() {
        double z = range(120, 200);
        double left = (0 - cam.centreX()) * z / cam.focal() - 5;
        double right = (canvas.width - cam.centreX()) * z / cam.focal() + 5;
        double x = left;
        while (x < right) {
            double w = range(6, 30);
            double h = range(6, 35);
            if (rng.nextDouble() < 0.35) {
                int inst = canvas.newInstance();
                double cx = cam.column(x + w / 2, z);
                double cy = cam.row(h * 0.6, z);
                canvas.fillEllipse(cx, cy, cam.scale(z) * w / 2, cam.scale(z) * h * 0.6, VEGETATION.trainId(), inst, SceneCanvas.BASE);
                canvas.fillRect(cam.column(x, z), cy, cam.column(x + w, z), cam.row(0, z) + 1, VEGETATION.trainId(), inst, SceneCanvas.BASE);
            } else {
                canvas.fillRect(cam.column(x, z), cam.row(h, z), cam.column(x + w, z), cam.row(0, z) + 1,
                        BUILDING.trainId(), canvas.newInstance(), SceneCanvas.SIDE);
            }
            x += w;
        }
    }

    /** Road, lane markings, kerb-side sidewalks with paving joints and verges, by ray casting rows. */
    private void drawGround() {
        double laneMark = rng.nextDouble() < 0.8 ? (roadLeft + roadRight) / 2 : Double.NaN;
        double dash = range(6, 12);
        int start = (int) Math.floor(cam.horizon());
        for (int y = Math.max(0, start); y < canvas.height; y++) {
            double dy = y + 0.5 - cam.horizon();
            if (dy <= 0) {
                continue;
            }
            double z = cam.focal() * cam.height() / dy;
            if (z > FAR * 2) {
                continue;
            }
            double metresPerPixel = z / cam.focal();
            int row = y * canvas.width;
            for (int x = 0; x < canvas.width; x++) {
                double wx = (x + 0.5 - cam.centreX()) * metresPerPixel;
                CityscapesClass c;
                byte shade = SceneCanvas.BASE;
                if (wx > roadLeft && wx < roadRight) {
                    c = ROAD;
                    boolean centre = Math.abs(wx - laneMark) < 0.08 && (z % dash) < dash * 0.45;
                    boolean edge = Math.abs(wx - roadLeft - 0.35) < 0.07 || Math.abs(wx - roadRight + 0.35) < 0.07;
                    if (centre || edge) {
                        shade = SceneCanvas.BRIGHT;
                    }
                } else if (wx > walkLeft && wx < walkRight) {
                    c = SIDEWALK;
                    double fx = Math.abs(wx) % 1.2;
                    double fz = z % 1.2;
                    if (z < 40 && (fx < 0.05 || fz < 0.05)) {
                        shade = SceneCanvas.SEAM;
                    } else if (Math.abs(wx - roadLeft) < 0.2 || Math.abs(wx - roadRight) < 0.2) {
                        shade = SceneCanvas.SIDE; // the kerb stone
                    }
                } else {
                    c = wx < 0 ? vergeLeft : vergeRight;
                    if (c == SIDEWALK && z < 40 && (Math.abs(wx) % 1.2 < 0.05 || z % 1.2 < 0.05)) {
                        shade = SceneCanvas.SEAM;
                    }
                }
                canvas.set(row + x, c.trainId(), 0, shade);
            }
        }
    }

    // ---- facades --------------------------------------------------------------------------

    /** A row of buildings along one side of the street, with gaps, windows and end walls. */
    private void drawBuildings(int side) {
        double line = side < 0 ? buildLeft : buildRight;
        List<double[]> blocks = new ArrayList<>();
        double z = range(-5, 8);
        while (z < FAR) {
            double len = range(8, 35);
            if (rng.nextDouble() < 0.2) {
                z += range(4, 18); // a gap: the skyline or verge trees show through
                continue;
            }
            blocks.add(new double[] {z, z + len, range(6, 28), line + side * range(0, 2.5)});
            z += len;
        }
        for (int i = blocks.size() - 1; i >= 0; i--) {
            double[] b = blocks.get(i);
            drawBuilding(side, Math.max(b[0], NEAR), b[1], b[2], b[3], b[0] >= NEAR);
        }
    }

    private void drawBuilding(int side, double z1, double z2, double h, double x, boolean endWall) {
        int inst = canvas.newInstance();
        int id = BUILDING.trainId();
        byte facade = (side < 0) == sunFromLeft ? SceneCanvas.SIDE : SceneCanvas.BASE;
        byte end = facade == SceneCanvas.BASE ? SceneCanvas.SIDE : SceneCanvas.BASE;
        quad(x, 0, z1, x, h, z2, id, inst, facade);
        double floor = range(2.8, 3.6);
        double pitch = range(2.2, 3.5);
        double winW = pitch * range(0.35, 0.6);
        double winH = floor * range(0.4, 0.6);
        boolean shopFront = rng.nextDouble() < 0.5;
        for (double fy = floor * 0.4; fy + winH < h - 0.5; fy += floor) {
            boolean ground = fy < floor;
            double wh = ground && shopFront ? floor * 0.75 : winH;
            for (double wz = z1 + pitch * 0.3; wz + winW < z2; wz += pitch) {
                if (cam.scale(wz) * winW < 1.2) {
                    break;
                }
                quad(x, fy, wz, x, fy + wh, wz + (ground && shopFront ? pitch * 0.85 : winW), id, inst, SceneCanvas.GLASS);
            }
        }
        if (endWall) {
            double depth = side * range(8, 15);
            double[] xs = {cam.column(x, z1), cam.column(x + depth, z1), cam.column(x + depth, z1), cam.column(x, z1)};
            double[] ys = {cam.row(0, z1), cam.row(0, z1), cam.row(h, z1), cam.row(h, z1)};
            canvas.fillPolygon(xs, ys, id, inst, end);
        }
    }

    /** A vertical quad in the plane x = const from (y0, z0) to (y1, z1). */
    private void quad(double x, double y0, double z0, double x1, double y1, double z1, int id, int inst, byte shade) {
        double[] xs = {cam.column(x, z0), cam.column(x1, z1), cam.column(x1, z1), cam.column(x, z0)};
        double[] ys = {cam.row(y0, z0), cam.row(y0, z1), cam.row(y1, z1), cam.row(y1, z0)};
        canvas.fillPolygon(xs, ys, id, inst, shade);
    }

    // ---- verge: trees, hedges, walls, fences ----------------------------------------------

    private void placeVerge(int side) {
        double kerb = side < 0 ? walkLeft : walkRight;
        double build = side < 0 ? buildLeft : buildRight;
        double room = Math.abs(build - kerb);
        int trees = rng.nextInt(0, 6);
        for (int i = 0; i < trees; i++) {
            double z = range(6, 90);
            double x = room > 2 ? kerb + side * range(0.8, room - 0.5) : kerb - side * 0.6;
            double h = range(4, 11);
            double crown = range(1.5, 3.5);
            verge.add(new Placed(z, () -> drawTree(x, z, h, crown)));
        }
        double z = range(4, 20);
        while (z < 100) {
            double len = range(5, 25);
            double start = z;
            double x = kerb + side * 0.15;
            double roll = rng.nextDouble();
            if (roll < 0.25) {
                double h = range(0.8, 2.4);
                verge.add(new Placed(start, () -> drawWall(x, start, start + len, h)));
            } else if (roll < 0.45) {
                double h = range(1.0, 2.0);
                verge.add(new Placed(start, () -> drawFence(x, start, start + len, h)));
            } else if (roll < 0.6) {
                double h = range(0.8, 1.6);
                verge.add(new Placed(start, () -> drawHedge(x + side * 0.5, start, start + len, h)));
            }
            z += len + range(2, 30);
        }
    }

    private void drawTree(double x, double z, double h, double crown) {
        int inst = canvas.newInstance();
        int id = VEGETATION.trainId();
        double s = cam.scale(z);
        double cx = cam.column(x, z);
        canvas.fillRect(cx - s * 0.15, cam.row(h - crown, z), cx + s * 0.15, cam.row(0, z), id, inst, SceneCanvas.DARK);
        double cy = cam.row(h - crown * 0.8, z);
        canvas.fillEllipse(cx, cy, s * crown, s * crown * 0.9, id, inst, SceneCanvas.BASE);
        canvas.fillEllipse(cx - s * crown * 0.5, cy + s * crown * 0.3, s * crown * 0.7, s * crown * 0.6, id, inst, SceneCanvas.SIDE);
        canvas.fillEllipse(cx + s * crown * 0.45, cy - s * crown * 0.35, s * crown * 0.6, s * crown * 0.55, id, inst, SceneCanvas.BASE);
    }

    private void drawWall(double x, double z1, double z2, double h) {
        int inst = canvas.newInstance();
        quad(x, 0, Math.max(z1, NEAR), x, h, z2, WALL.trainId(), inst, SceneCanvas.BASE);
        quad(x, h - 0.15, Math.max(z1, NEAR), x, h, z2, WALL.trainId(), inst, SceneCanvas.SIDE);
    }

    private void drawFence(double x, double z1, double z2, double h) {
        int inst = canvas.newInstance();
        // fences are labelled as a whole panel, as Cityscapes annotates them; the renderer draws the mesh
        quad(x, 0.05, Math.max(z1, NEAR), x, h, z2, FENCE.trainId(), inst, SceneCanvas.BASE);
        for (double zp = Math.max(z1, NEAR); zp <= z2; zp += 2.5) {
            quad(x, 0, zp, x, h + 0.1, zp + 0.12, FENCE.trainId(), inst, SceneCanvas.SECOND);
        }
    }

    private void drawHedge(double x, double z1, double z2, double h) {
        quad(x, 0, Math.max(z1, NEAR), x, h, z2, VEGETATION.trainId(), canvas.newInstance(), SceneCanvas.BASE);
    }

    // ---- street furniture ---------------------------------------------------------------

    private void placeStreetFurniture() {
        int poles = rng.nextInt(2, 8);
        for (int i = 0; i < poles; i++) {
            int side = rng.nextBoolean() ? -1 : 1;
            double x = (side < 0 ? roadLeft : roadRight) + side * range(0.3, 0.7);
            double z = range(5, 70);
            double roll = rng.nextDouble();
            if (roll < 0.3) {
                street.add(new Placed(z, () -> drawLamp(x, z, side)));
            } else if (roll < 0.6) {
                boolean overhead = rng.nextDouble() < 0.4;
                street.add(new Placed(z, () -> drawTrafficLight(x, z, side, overhead)));
            } else {
                int shape = rng.nextInt(3);
                boolean pair = rng.nextDouble() < 0.3;
                street.add(new Placed(z, () -> drawSignPost(x, z, shape, pair)));
            }
        }
    }

    private void pole(double x, double z, double h, double width, int inst) {
        double s = cam.scale(z);
        double cx = cam.column(x, z);
        canvas.fillRect(cx - s * width / 2, cam.row(h, z), cx + s * width / 2, cam.row(0, z), POLE.trainId(), inst, SceneCanvas.BASE);
    }

    private void drawLamp(double x, double z, int side) {
        int inst = canvas.newInstance();
        double h = range(6, 9);
        pole(x, z, h, 0.18, inst);
        double reach = -side * range(1, 2.5);
        double s = cam.scale(z);
        canvas.line(cam.column(x, z), cam.row(h, z), cam.column(x + reach, z), cam.row(h + 0.3, z), s * 0.12, POLE.trainId(), inst, SceneCanvas.BASE);
        double lx = cam.column(x + reach, z);
        canvas.fillRect(lx - s * 0.35, cam.row(h + 0.35, z), lx + s * 0.35, cam.row(h + 0.1, z), POLE.trainId(), inst, SceneCanvas.BRIGHT);
    }

    private void drawTrafficLight(double x, double z, int side, boolean overhead) {
        int inst = canvas.newInstance();
        double h = overhead ? range(5, 6.5) : range(2.4, 3.5);
        pole(x, z, h + (overhead ? 0 : 0.1), 0.16, inst);
        double s = cam.scale(z);
        double lx = cam.column(x, z);
        double top = h + 1.0;
        if (overhead) {
            double reach = -side * range(2.5, 5);
            canvas.line(cam.column(x, z), cam.row(h, z), cam.column(x + reach, z), cam.row(h, z), s * 0.14, POLE.trainId(), inst, SceneCanvas.BASE);
            lx = cam.column(x + reach, z);
            top = h;
            h -= 1.0;
        }
        int box = canvas.newInstance();
        double hw = s * 0.18;
        canvas.fillRect(lx - hw, cam.row(top, z), lx + hw, cam.row(h, z), TRAFFIC_LIGHT.trainId(), box, SceneCanvas.BASE);
        int lit = rng.nextInt(3);
        for (int k = 0; k < 3; k++) {
            double cy = cam.row(top - 0.18 - k * 0.32, z);
            canvas.fillEllipse(lx, cy, hw * 0.6, hw * 0.6, TRAFFIC_LIGHT.trainId(), box, k == lit ? SceneCanvas.BRIGHT : SceneCanvas.DARK);
        }
    }

    private void drawSignPost(double x, double z, int shape, boolean pair) {
        int inst = canvas.newInstance();
        double h = range(2.2, 3.0);
        pole(x, z, h + 0.3, 0.08, inst);
        drawSign(x, z, h, shape);
        if (pair) {
            drawSign(x, z, h - 0.75, (shape + 1) % 3);
        }
    }

    private void drawSign(double x, double z, double centre, int shape) {
        int inst = canvas.newInstance();
        int id = TRAFFIC_SIGN.trainId();
        double s = cam.scale(z);
        double cx = cam.column(x, z);
        double cy = cam.row(centre, z);
        double r = s * 0.32;
        switch (shape) {
            case 0 -> {
                canvas.fillEllipse(cx, cy, r, r, id, inst, SceneCanvas.BASE);
                canvas.fillEllipse(cx, cy, r * 0.65, r * 0.65, id, inst, SceneCanvas.BRIGHT);
            }
            case 1 -> {
                canvas.fillPolygon(new double[] {cx - r, cx + r, cx}, new double[] {cy + r * 0.8, cy + r * 0.8, cy - r}, id, inst, SceneCanvas.BASE);
                canvas.fillPolygon(new double[] {cx - r * 0.55, cx + r * 0.55, cx}, new double[] {cy + r * 0.5, cy + r * 0.5, cy - r * 0.45}, id, inst, SceneCanvas.BRIGHT);
            }
            default -> {
                canvas.fillRect(cx - r, cy - r * 0.8, cx + r, cy + r * 0.8, id, inst, SceneCanvas.SECOND);
                canvas.fillRect(cx - r * 0.6, cy - r * 0.15, cx + r * 0.6, cy + r * 0.15, id, inst, SceneCanvas.BRIGHT);
            }
        }
    }

    // ---- traffic ---------------------------------------------------------------------------

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
            quad(x0, y0, zf, x0, y1, zb, id, inst, side);
        } else if (x1 < 0) {
            quad(x1, y0, zf, x1, y1, zb, id, inst, side);
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
                        quad(sideX, h * 0.45, wz, sideX, h * 0.82, wz + 1.4, id, inst, SceneCanvas.GLASS);
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

    // ---- recording car ----------------------------------------------------------------------

    private void drawEgoHood() {
        int w = canvas.width;
        int rows = canvas.egoHoodRows;
        int top = canvas.height - rows;
        double bulge = rows * 0.5;
        double[] xs = {-1, w * 0.15, w * 0.5, w * 0.85, w + 1, w + 1, -1};
        double[] ys = {top + bulge, top + bulge * 0.3, top, top + bulge * 0.3, top + bulge, canvas.height + 1, canvas.height + 1};
        canvas.fillPolygon(xs, ys, IdMap.IGNORE, canvas.newInstance(), SceneCanvas.BASE);
    }

    private double range(double lo, double hi) {
        return lo + rng.nextDouble() * (hi - lo);
    }
}
