package io.adaptseg.app.demo;

import io.adaptseg.core.report.ScoreReport;
import io.adaptseg.core.report.Canvas;
import io.adaptseg.core.report.IouBars;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
        try (Canvas canvas = draw()) {
            return canvas.image();
        }
    }

    private Canvas draw() {
        IouBars bars = new IouBars(reports.getFirst().names(), reports.stream().map(r -> r.metrics().iou()).toList(),
                (model, c) -> BARS[model % BARS.length]);
        int left = 120;
        int plot = 520;
        int top = 50;
        int bar = 9;
        Canvas canvas = new Canvas(left + plot + 80, top + bars.height(bar) + 20);
        Graphics2D g = canvas.graphics();
        int lx = left;
        for (int m = 0; m < models.size(); m++) {
            g.setColor(BARS[m % BARS.length]);
            g.fillRect(lx, 14, 12, 12);
            g.setColor(Color.BLACK);
            String label = models.get(m) + " (mIoU " + ScoreReport.percent(reports.get(m).means().get("mIoU")) + ")";
            g.drawString(label, lx + 16, 25);
            lx += 16 + g.getFontMetrics().stringWidth(label) + 20;
        }
        bars.draw(g, left, top, plot, bar);
        return canvas;
    }

    /** Writes {@link #chart()} as PNG, atomically. */
    public void writeChart(Path file) throws IOException {
        try (Canvas canvas = draw()) {
            canvas.writePng(file);
        }
    }
}
