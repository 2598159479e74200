package io.adaptseg.synth;

import static io.adaptseg.core.labels.CityscapesClass.BUILDING;
import static io.adaptseg.core.labels.CityscapesClass.FENCE;
import static io.adaptseg.core.labels.CityscapesClass.ROAD;
import static io.adaptseg.core.labels.CityscapesClass.SIDEWALK;
import static io.adaptseg.core.labels.CityscapesClass.SKY;
import static io.adaptseg.core.labels.CityscapesClass.TERRAIN;
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
 * nearer objects occlude farther ones and the label map is exactly what is visible. Street
 * furniture and road users are sampled by the {@link StreetPlacer}s {@link StreetFurniture} and
 * {@link RoadUsers} into this scene's street list, from the same random stream.
 */
final class StreetScene {
    /** The nearest depth drawn (metres): objects reaching closer are cut at it. */
    static final double NEAR = 1.0;
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

    /** One object to draw at depth {@code z}; lists of them are drawn farthest first. */
    record Placed(double z, Runnable draw) {
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
        var shared = new StreetPlacer.Street(canvas, cam, rng, roadLeft, roadRight, walkLeft, walkRight, street);
        new StreetFurniture(shared).place();
        new RoadUsers(shared).place();
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
        canvas.quad(cam, x, 0, z1, x, h, z2, id, inst, facade);
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
                canvas.quad(cam, x, fy, wz, x, fy + wh, wz + (ground && shopFront ? pitch * 0.85 : winW), id, inst, SceneCanvas.GLASS);
            }
        }
        if (endWall) {
            double depth = side * range(8, 15);
            double[] xs = {cam.column(x, z1), cam.column(x + depth, z1), cam.column(x + depth, z1), cam.column(x, z1)};
            double[] ys = {cam.row(0, z1), cam.row(0, z1), cam.row(h, z1), cam.row(h, z1)};
            canvas.fillPolygon(xs, ys, id, inst, end);
        }
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
        canvas.quad(cam, x, 0, Math.max(z1, NEAR), x, h, z2, WALL.trainId(), inst, SceneCanvas.BASE);
        canvas.quad(cam, x, h - 0.15, Math.max(z1, NEAR), x, h, z2, WALL.trainId(), inst, SceneCanvas.SIDE);
    }

    private void drawFence(double x, double z1, double z2, double h) {
        int inst = canvas.newInstance();
        // fences are labelled as a whole panel, as Cityscapes annotates them; the renderer draws the mesh
        canvas.quad(cam, x, 0.05, Math.max(z1, NEAR), x, h, z2, FENCE.trainId(), inst, SceneCanvas.BASE);
        for (double zp = Math.max(z1, NEAR); zp <= z2; zp += 2.5) {
            canvas.quad(cam, x, 0, zp, x, h + 0.1, zp + 0.12, FENCE.trainId(), inst, SceneCanvas.SECOND);
        }
    }

    private void drawHedge(double x, double z1, double z2, double h) {
        canvas.quad(cam, x, 0, Math.max(z1, NEAR), x, h, z2, VEGETATION.trainId(), canvas.newInstance(), SceneCanvas.BASE);
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
