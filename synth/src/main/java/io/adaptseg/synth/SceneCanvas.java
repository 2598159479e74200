package io.adaptseg.synth;

import io.adaptseg.core.labels.IdMap;
import java.util.Arrays;

/**
 * The drawing surface of one scene: per pixel a trainId, an instance number (objects of one class
 * are told apart by it, so each car gets its own paint) and a shade code telling the renderer which
 * part of the object it is (tyre, glass, marking...). Later draws overwrite earlier ones, so scenes
 * are drawn back to front and occlusion is exact in the labels.
 */
final class SceneCanvas {
    /** Plain surface of the class. */
    static final byte BASE = 0;
    /** Tyres, gaps, shadows under objects. */
    static final byte DARK = 1;
    /** Lane markings, lamps, sign faces. */
    static final byte BRIGHT = 2;
    /** Windows of buildings and vehicles. */
    static final byte GLASS = 3;
    /** The object's second colour (trousers, cab, trim). */
    static final byte SECOND = 4;
    /** Joints between paving slabs, mortar lines. */
    static final byte SEAM = 5;
    /** A face turned away from the light (sides and tops of boxes). */
    static final byte SIDE = 6;

    final int width;
    final int height;
    final byte[] label;
    final short[] instance;
    final byte[] shade;
    /** Row of the horizon (the renderer brightens the sky and adds haze towards it). */
    double horizon;
    /** Rows at the bottom covered by the recording car's bonnet (0 when there is none). */
    int egoHoodRows;
    private int nextInstance = 1;

    SceneCanvas(int width, int height) {
        this.width = width;
        this.height = height;
        this.label = new byte[width * height];
        this.instance = new short[width * height];
        this.shade = new byte[width * height];
        Arrays.fill(label, (byte) IdMap.IGNORE);
    }

    /** A fresh instance number for the next object (wraps after 32767 objects, which no scene has). */
    int newInstance() {
        int id = nextInstance;
        nextInstance = nextInstance == Short.MAX_VALUE ? 1 : nextInstance + 1;
        return id;
    }

    /** Instances handed out so far, plus one (instance 0 is "no object"). */
    int instanceCount() {
        return nextInstance;
    }

    int labelAt(int i) {
        return label[i] & 0xff;
    }

    void set(int i, int trainId, int inst, byte shadeCode) {
        label[i] = (byte) trainId;
        instance[i] = (short) inst;
        shade[i] = shadeCode;
    }

    /** Fills the axis-aligned rectangle [x0, x1) x [y0, y1), clipped to the canvas. */
    void fillRect(double x0, double y0, double x1, double y1, int trainId, int inst, byte shadeCode) {
        int ax = clampX((int) Math.floor(Math.min(x0, x1)));
        int bx = clampX((int) Math.ceil(Math.max(x0, x1)));
        int ay = clampY((int) Math.floor(Math.min(y0, y1)));
        int by = clampY((int) Math.ceil(Math.max(y0, y1)));
        if (bx == ax && Math.abs(x1 - x0) > 0 && ax < width) {
            bx = ax + 1; // thin objects (distant poles) stay at least one pixel wide
        }
        for (int y = ay; y < by; y++) {
            int row = y * width;
            for (int x = ax; x < bx; x++) {
                set(row + x, trainId, inst, shadeCode);
            }
        }
    }

    /** Fills a convex or simple polygon (even-odd rule, pixel centres), clipped to the canvas. */
    void fillPolygon(double[] xs, double[] ys, int trainId, int inst, byte shadeCode) {
        int n = xs.length;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double v : ys) {
            minY = Math.min(minY, v);
            maxY = Math.max(maxY, v);
        }
        int ay = clampY((int) Math.floor(minY));
        int by = clampY((int) Math.ceil(maxY) + 1);
        double[] cross = new double[n];
        for (int y = ay; y < by; y++) {
            double cy = y + 0.5;
            int count = 0;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                double yi = ys[i];
                double yj = ys[j];
                if ((yi <= cy) != (yj <= cy)) {
                    cross[count++] = xs[i] + (cy - yi) / (yj - yi) * (xs[j] - xs[i]);
                }
            }
            Arrays.sort(cross, 0, count);
            int row = y * width;
            for (int k = 0; k + 1 < count; k += 2) {
                int ax = clampX((int) Math.ceil(cross[k] - 0.5));
                int bx = clampX((int) Math.ceil(cross[k + 1] - 0.5));
                if (bx == ax && cross[k + 1] - cross[k] > 0.2 && ax < width) {
                    bx = ax + 1;
                }
                for (int x = ax; x < bx; x++) {
                    set(row + x, trainId, inst, shadeCode);
                }
            }
        }
    }

    /**
     * Fills the vertical quad in the world plane x = const from (y0, z0) to (y1, z1), projected by
     * {@code cam}: facades, walls, fences and the sides of vehicles are such quads.
     */
    void quad(Camera cam, double x, double y0, double z0, double x1, double y1, double z1, int trainId, int inst,
            byte shadeCode) {
        double[] xs = {cam.column(x, z0), cam.column(x1, z1), cam.column(x1, z1), cam.column(x, z0)};
        double[] ys = {cam.row(y0, z0), cam.row(y0, z1), cam.row(y1, z1), cam.row(y1, z0)};
        fillPolygon(xs, ys, trainId, inst, shadeCode);
    }

    /** Fills the ellipse with centre (cx, cy) and radii (rx, ry). */
    void fillEllipse(double cx, double cy, double rx, double ry, int trainId, int inst, byte shadeCode) {
        ring(cx, cy, rx, ry, 0, trainId, inst, shadeCode);
    }

    /**
     * Fills the ring between the ellipse (rx, ry) and the same ellipse scaled by {@code inner}
     * (0 gives a full ellipse); the hole keeps what was drawn before, as a wheel shows the street.
     */
    void ring(double cx, double cy, double rx, double ry, double inner, int trainId, int inst, byte shadeCode) {
        rx = Math.max(rx, 0.5);
        ry = Math.max(ry, 0.5);
        int ay = clampY((int) Math.floor(cy - ry));
        int by = clampY((int) Math.ceil(cy + ry) + 1);
        double inner2 = inner * inner;
        for (int y = ay; y < by; y++) {
            double dy = (y + 0.5 - cy) / ry;
            double rest = 1 - dy * dy;
            if (rest <= 0) {
                continue;
            }
            double half = Math.sqrt(rest) * rx;
            int ax = clampX((int) Math.ceil(cx - half - 0.5));
            int bx = clampX((int) Math.ceil(cx + half - 0.5));
            int row = y * width;
            for (int x = ax; x < bx; x++) {
                if (inner > 0) {
                    double dx = (x + 0.5 - cx) / rx;
                    if (dx * dx + dy * dy < inner2) {
                        continue;
                    }
                }
                set(row + x, trainId, inst, shadeCode);
            }
        }
    }

    /** Draws a straight stroke of the given width from (x0, y0) to (x1, y1). */
    void line(double x0, double y0, double x1, double y1, double strokeWidth, int trainId, int inst, byte shadeCode) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len = Math.hypot(dx, dy);
        if (len < 1e-9) {
            fillEllipse(x0, y0, strokeWidth / 2, strokeWidth / 2, trainId, inst, shadeCode);
            return;
        }
        double half = Math.max(strokeWidth, 0.8) / 2;
        double nx = -dy / len * half;
        double ny = dx / len * half;
        fillPolygon(new double[] {x0 + nx, x1 + nx, x1 - nx, x0 - nx},
                new double[] {y0 + ny, y1 + ny, y1 - ny, y0 - ny}, trainId, inst, shadeCode);
    }

    private int clampX(int x) {
        return Math.max(0, Math.min(width, x));
    }

    private int clampY(int y) {
        return Math.max(0, Math.min(height, y));
    }
}
