package io.adaptseg.core.report;

import io.adaptseg.core.labels.CityscapesClass;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws a {@link ScoreReport} as one picture with Java2D: per-class IoU bars in the class colours
 * (left) and the confusion matrix as a heat map, each row divided by its class's ground-truth pixels
 * (right; a row's cells sum to less than 1 when pixels went to classes outside the report).
 */
public final class ScorePlot {
    private static final int ROW = 26;
    private static final int MARGIN = 20;
    private static final int NAME_WIDTH = 110;
    private static final int BAR_WIDTH = 360;

    private ScorePlot() {
    }

    /** Renders the picture. */
    public static BufferedImage render(ScoreReport report) {
        try (Canvas canvas = draw(report)) {
            return canvas.image();
        }
    }

    private static Canvas draw(ScoreReport report) {
        int n = report.names().size();
        int cell = ROW;
        int top = 70;
        int heatLeft = MARGIN + NAME_WIDTH + BAR_WIDTH + 70 + NAME_WIDTH;
        int width = heatLeft + n * cell + MARGIN + 70;
        int height = top + n * cell + NAME_WIDTH + MARGIN;
        Canvas canvas = new Canvas(width, height);
        Graphics2D g = canvas.graphics();
        g.setFont(Canvas.font(16).deriveFont(Font.BOLD));
        StringBuilder title = new StringBuilder(report.protocol() + ", " + report.images() + " images:");
        report.means().forEach((name, v) -> title.append("  ").append(name).append(' ')
                .append(ScoreReport.percent(v)));
        title.append("  FWIoU ").append(ScoreReport.percent(report.metrics().frequencyWeightedIou()))
                .append("  PA ").append(ScoreReport.percent(report.metrics().pixelAccuracy()));
        g.drawString(title.toString(), MARGIN, 28);
        g.setFont(Canvas.font(12));
        g.drawString("IoU per class (%)", MARGIN + NAME_WIDTH, top - 10);
        g.drawString("confusion matrix, rows = ground truth normalised, columns = prediction", heatLeft, top - 10);
        new IouBars(report.names(), List.of(report.metrics().iou()),
                (series, c) -> new Color(CityscapesClass.values()[report.trainIds()[c]].rgb()))
                .draw(g, MARGIN + NAME_WIDTH, top, BAR_WIDTH, ROW - 8);
        drawHeatMap(g, report, heatLeft, top, cell);
        return canvas;
    }

    private static void drawHeatMap(Graphics2D g, ScoreReport report, int left, int top, int cell) {
        int n = report.names().size();
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < n; i++) {
            long rowTotal = report.gtPixels()[i];
            for (int j = 0; j < n; j++) {
                double f = rowTotal == 0 ? 0 : (double) report.confusion()[i][j] / rowTotal;
                g.setColor(heat(f));
                g.fillRect(left + j * cell, top + i * cell, cell, cell);
            }
            String name = report.names().get(i);
            g.setColor(Color.BLACK);
            g.drawString(name, left - 6 - fm.stringWidth(name), top + i * cell + cell / 2 + fm.getAscent() / 2 - 2);
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top, n * cell, n * cell);
        AffineTransform saved = g.getTransform();
        g.setColor(Color.BLACK);
        for (int j = 0; j < n; j++) {
            g.setTransform(saved);
            g.translate(left + j * cell + cell / 2 + fm.getAscent() / 2 - 2, top + n * cell + 6);
            g.rotate(Math.PI / 2);
            g.drawString(report.names().get(j), 0, 0);
        }
        g.setTransform(saved);
        int legendX = left + n * cell + 16;
        for (int k = 0; k <= 100; k++) {
            g.setColor(heat(k / 100.0));
            g.fillRect(legendX, top + (100 - k) * (n * cell) / 101, 14, n * cell / 101 + 1);
        }
        g.setColor(Color.BLACK);
        g.drawString("1", legendX + 18, top + fm.getAscent());
        g.drawString("0", legendX + 18, top + n * cell);
    }

    /** White → dark blue; a square root so that small confusions stay visible. */
    private static Color heat(double fraction) {
        double t = Math.sqrt(Math.max(0, Math.min(1, fraction)));
        return new Color((int) Math.round(255 * (1 - t) + 8 * t), (int) Math.round(255 * (1 - t) + 48 * t),
                (int) Math.round(255 * (1 - t) + 107 * t));
    }

    /** Renders and writes the picture as PNG, atomically. */
    public static void write(Path file, ScoreReport report) throws IOException {
        try (Canvas canvas = draw(report)) {
            canvas.writePng(file);
        }
    }
}
