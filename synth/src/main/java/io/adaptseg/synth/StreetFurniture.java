package io.adaptseg.synth;

import static io.adaptseg.core.labels.CityscapesClass.POLE;
import static io.adaptseg.core.labels.CityscapesClass.TRAFFIC_LIGHT;
import static io.adaptseg.core.labels.CityscapesClass.TRAFFIC_SIGN;

import io.adaptseg.synth.StreetScene.Placed;
import java.util.List;

/**
 * Street furniture of one {@link StreetScene}: lamp posts, traffic lights (on a post or hanging
 * over the road) and sign posts along the kerbs, 2 to 7 per scene.
 */
final class StreetFurniture extends StreetPlacer {
    StreetFurniture(Street street) {
        super(street);
    }

    /** Samples the poles into the street list. */
    void place() {
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
}
