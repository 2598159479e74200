package io.adaptseg.app.demo;

import io.adaptseg.core.report.ScoreReport;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Per-class IoU of several models side by side: the text table printed at the end of the demo and a
 * grouped bar chart for the HTML report. Every report must list the same classes.
 */
public record IouComparison(List<String> models, List<ScoreReport> reports) {
    private static final Color[] BARS = {new Color(0x8c8c8c), new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

    public IouComparison {
        if (models.size() != reports.size() || reports.isEmpty()) {
            throw new IllegalArgumentException("one report per model is needed, found " + models.size() + " models and "
                    + reports.size() + " reports");
        }
        for (ScoreReport r : reports) {
            if (!r.names().equals(reports.getFirst().names())) {
                throw new IllegalArgumentException("reports list different classes: " + r.names() + " vs "
                        + reports.getFirst().names());
            }
        }
        models = List.copyOf(models);
        reports = List.copyOf(reports);
    }

    /** The table: one row per class, one column per model, then mIoU, FWIoU and pixel accuracy (percent). */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-15s", "class"));
        models.forEach(m -> b.append(String.format(" %12s", m)));
        b.append('\n');
        List<String> names = reports.getFirst().names();
        for (int i = 0; i < names.size(); i++) {
            b.append(String.format("%-15s", names.get(i)));
            for (ScoreReport r : reports) {
                b.append(String.format(" %12s", ScoreReport.percent(r.metrics().iou()[i])));
            }
            b.append('\n');
        }
        b.append("-".repeat(15 + 13 * models.size())).append('\n');
        row(b, "mIoU", reports.stream().map(r -> r.means().get("mIoU")).toList());
        row(b, "FWIoU", reports.stream().map(r -> r.metrics().frequencyWeightedIou()).toList());
        row(b, "pixel acc.", reports.stream().map(r -> r.metrics().pixelAccuracy()).toList());
        return b.toString();
    }

    private static void row(StringBuilder b, String name, List<Double> values) {
        b.append(String.format("%-15s", name));
        values.forEach(v -> b.append(String.format(" %12s", ScoreReport.percent(v))));
        b.append('\n');
    }

    /** Grouped horizontal bars, one group per class (absent classes show no bar and "n/a"). */
    public BufferedImage chart() {
        List<String> names = reports.getFirst().names();
        int bar = 9;
        int group = bar * models.size() + 8;
        int left = 120;
        int plot = 520;
        int top = 50;
        int width = left + plot + 80;
        int height = top + names.size() * group + 40;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            Font normal = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 9);
            g.setFont(normal);
            int lx = left;
            for (int m = 0; m < models.size(); m++) {
                g.setColor(BARS[m % BARS.length]);
                g.fillRect(lx, 14, 12, 12);
                g.setColor(Color.BLACK);
                String label = models.get(m) + " (mIoU " + ScoreReport.percent(reports.get(m).means().get("mIoU")) + ")";
                g.drawString(label, lx + 16, 25);
                lx += 16 + g.getFontMetrics().stringWidth(label) + 20;
            }
            g.setColor(new Color(0xdddddd));
            for (int p = 0; p <= 100; p += 20) {
                int x = left + plot * p / 100;
                g.drawLine(x, top - 6, x, top + names.size() * group);
            }
            g.setColor(Color.BLACK);
            for (int p = 0; p <= 100; p += 20) {
                g.drawString(p + "%", left + plot * p / 100 - 10, top + names.size() * group + 16);
            }
            for (int c = 0; c < names.size(); c++) {
                int y = top + c * group;
                g.setColor(Color.BLACK);
                g.drawString(names.get(c), 8, y + bar * models.size() / 2 + 5);
                for (int m = 0; m < models.size(); m++) {
                    double iou = reports.get(m).metrics().iou()[c];
                    int by = y + m * bar;
                    if (Double.isNaN(iou)) {
                        g.setColor(Color.GRAY);
                        g.drawString("n/a", left + 4, by + bar);
                        continue;
                    }
                    g.setColor(BARS[m % BARS.length]);
                    int length = (int) Math.round(plot * iou);
                    g.fillRect(left, by, length, bar - 1);
                    if (iou > 0) {
                        g.setFont(small);
                        g.drawString(ScoreReport.percent(iou), left + length + 4, by + bar - 1);
                        g.setFont(normal);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Writes {@link #chart()} as PNG. */
    public void writeChart(Path file) throws IOException {
        BufferedImage image = chart();
        io.adaptseg.core.io.AtomicFiles.write(file, out -> ImageIO.write(image, "png", out));
    }
}
