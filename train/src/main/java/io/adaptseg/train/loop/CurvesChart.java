package io.adaptseg.train.loop;

import io.adaptseg.core.report.Canvas;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Draws the training curves on a {@link Canvas}: one panel per loss (a moving average over the logged
 * iterations; per-source-domain losses in their domain's colour) and one for validation mIoU, each with
 * its axis titles, and writes them as one PNG through core's codec. A run without validation says so in
 * the validation panel rather than drawing an empty one.
 */
public final class CurvesChart {
    private static final int PANEL_W = 420;
    private static final int PANEL_H = 240;
    private static final int COLS = 3;
    private static final int MARGIN = 40;
    private static final Pattern DOMAIN_COLUMN = Pattern.compile(".*_src(\\d+)");
    private static final String NO_DATA = "no data yet";
    private static final Color[] DOMAIN_COLOURS = {new Color(44, 160, 44), new Color(255, 127, 14), new Color(148, 103, 189)};

    private CurvesChart() {
    }

    /**
     * @param validated whether the run validates at all ({@code val-every > 0} with validation data);
     *     without, the validation panel says "validation off"
     */
    public static void write(Path file, List<String> lossNames, List<double[]> losses, List<double[]> validations,
            boolean validated) throws IOException {
        int panels = lossNames.size() + 1;
        int rows = (panels + COLS - 1) / COLS;
        try (Canvas canvas = new Canvas(PANEL_W * COLS, PANEL_H * rows)) {
            Graphics2D g = canvas.graphics();
            for (int i = 0; i < lossNames.size(); i++) {
                int col = i + 1;
                double[] x = new double[losses.size()];
                double[] y = new double[losses.size()];
                for (int k = 0; k < losses.size(); k++) {
                    x[k] = losses.get(k)[0];
                    y[k] = losses.get(k)[col];
                }
                panel(g, i, lossNames.get(i), "loss", x, smooth(y, Math.max(1, y.length / 50)), colour(lossNames.get(i)),
                        NO_DATA);
            }
            double[] vx = new double[validations.size()];
            double[] vy = new double[validations.size()];
            for (int k = 0; k < validations.size(); k++) {
                vx[k] = validations.get(k)[0];
                vy[k] = 100 * validations.get(k)[1];
            }
            panel(g, lossNames.size(), "validation mIoU (%)", "mIoU (%)", vx, vy, new Color(214, 39, 40),
                    emptyValidation(validated));
            canvas.writePng(file);
        }
    }

    /** What an empty validation panel says: nothing validated yet, or no validation in this run. */
    static String emptyValidation(boolean validated) {
        return validated ? NO_DATA : "validation off (val-every: 0, or no validation data)";
    }

    /** Blue for a loss; a per-source-domain column ({@code loss_seg_src2}) in its domain's colour. */
    static Color colour(String lossName) {
        Matcher m = DOMAIN_COLUMN.matcher(lossName);
        if (!m.matches()) {
            return new Color(31, 119, 180);
        }
        return DOMAIN_COLOURS[(Integer.parseInt(m.group(1)) - 1) % DOMAIN_COLOURS.length];
    }

    static double[] smooth(double[] y, int window) {
        double[] out = new double[y.length];
        double sum = 0;
        int count = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i])) {
                sum += y[i];
                count++;
            }
            if (i >= window && Double.isFinite(y[i - window])) {
                sum -= y[i - window];
                count--;
            }
            out[i] = count == 0 ? Double.NaN : sum / count;
        }
        return out;
    }

    private static void panel(Graphics2D g, int index, String title, String yTitle, double[] x, double[] y, Color color,
            String empty) {
        int ox = (index % COLS) * PANEL_W;
        int oy = (index / COLS) * PANEL_H;
        int left = ox + MARGIN + 10;
        int top = oy + 25;
        int w = PANEL_W - MARGIN - 25;
        int h = PANEL_H - MARGIN - 25;
        g.setColor(Color.BLACK);
        g.drawString(title, ox + MARGIN, oy + 16);
        g.setColor(Color.GRAY);
        g.drawRect(left, top, w, h);
        axisTitles(g, ox, left, top, w, h, yTitle);
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                xmin = Math.min(xmin, x[i]);
                xmax = Math.max(xmax, x[i]);
                ymin = Math.min(ymin, y[i]);
                ymax = Math.max(ymax, y[i]);
            }
        }
        if (xmin > xmax) {
            g.drawString(empty, left + 10, top + h / 2);
            return;
        }
        if (xmax == xmin) {
            xmax = xmin + 1;
        }
        if (ymax == ymin) {
            ymax = ymin + 1e-9 + Math.abs(ymin) * 0.01;
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "%.4g", ymax), ox + 2, top + 10);
        g.drawString(String.format(Locale.ROOT, "%.4g", ymin), ox + 2, top + h);
        g.drawString(String.format(Locale.ROOT, "%.0f", xmin), left, top + h + 15);
        String xm = String.format(Locale.ROOT, "%.0f", xmax);
        g.drawString(xm, left + w - g.getFontMetrics().stringWidth(xm), top + h + 15);
        g.setColor(color);
        g.setStroke(new BasicStroke(1.5f));
        int px = -1;
        int py = -1;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(y[i])) {
                continue;
            }
            int cx = left + (int) Math.round((x[i] - xmin) / (xmax - xmin) * w);
            int cy = top + h - (int) Math.round((y[i] - ymin) / (ymax - ymin) * h);
            if (px >= 0) {
                g.drawLine(px, py, cx, cy);
            }
            if (x.length < 50) {
                g.fillOval(cx - 2, cy - 2, 5, 5);
            }
            px = cx;
            py = cy;
        }
    }

    /** "iteration" under the x axis, between its end values; the y title upright along the y axis. */
    private static void axisTitles(Graphics2D g, int ox, int left, int top, int w, int h, String yTitle) {
        Graphics2D t = (Graphics2D) g.create();
        try {
            t.setColor(Color.DARK_GRAY);
            String x = "iteration";
            t.drawString(x, left + (w - t.getFontMetrics().stringWidth(x)) / 2, top + h + 15);
            t.translate(ox + 14, top + (h + t.getFontMetrics().stringWidth(yTitle)) / 2);
            t.rotate(-Math.PI / 2);
            t.drawString(yTitle, 0, 0);
        } finally {
            t.dispose();
        }
    }
}
