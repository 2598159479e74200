package io.adaptseg.core.report;

import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.labels.CityscapesClass;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

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
        int n = report.names().size();
        int cell = ROW;
        int top = 70;
        int heatLeft = MARGIN + NAME_WIDTH + BAR_WIDTH + 70 + NAME_WIDTH;
        int width = heatLeft + n * cell + MARGIN + 70;
        int height = top + n * cell + NAME_WIDTH + MARGIN;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            StringBuilder title = new StringBuilder(report.protocol() + ", " + report.images() + " images:");
            report.means().forEach((name, v) -> title.append("  ").append(name).append(' ')
                    .append(ScoreReport.percent(v)));
            title.append("  FWIoU ").append(ScoreReport.percent(report.metrics().frequencyWeightedIou()))
                    .append("  PA ").append(ScoreReport.percent(report.metrics().pixelAccuracy()));
            g.drawString(title.toString(), MARGIN, 28);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("IoU per class (%)", MARGIN + NAME_WIDTH, top - 10);
            g.drawString("confusion matrix, rows = ground truth normalised, columns = prediction", heatLeft, top - 10);
            drawBars(g, report, top);
            drawHeatMap(g, report, heatLeft, top, cell);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawBars(Graphics2D g, ScoreReport report, int top) {
        FontMetrics fm = g.getFontMetrics();
        int x0 = MARGIN + NAME_WIDTH;
        g.setColor(new Color(220, 220, 220));
        for (int pct = 0; pct <= 100; pct += 20) {
            int x = x0 + BAR_WIDTH * pct / 100;
            g.drawLine(x, top, x, top + report.names().size() * ROW);
        }
        for (int i = 0; i < report.names().size(); i++) {
            int y = top + i * ROW;
            String name = report.names().get(i);
            g.setColor(Color.BLACK);
            g.drawString(name, x0 - 8 - fm.stringWidth(name), y + ROW / 2 + fm.getAscent() / 2 - 2);
            double iou = report.metrics().iou()[i];
            if (!Double.isNaN(iou)) {
                g.setColor(new Color(CityscapesClass.values()[report.trainIds()[i]].rgb()));
                g.fillRect(x0, y + 4, (int) Math.round(BAR_WIDTH * iou), ROW - 8);
            }
            g.setColor(Color.BLACK);
            g.drawString(ScoreReport.percent(iou), x0 + (int) Math.round(BAR_WIDTH * (Double.isNaN(iou) ? 0 : iou)) + 6,
                    y + ROW / 2 + fm.getAscent() / 2 - 2);
        }
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
        BufferedImage image = render(report);
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        PngCodec.writeRgb(file, new RgbImage(w, h, rgb));
    }
}
