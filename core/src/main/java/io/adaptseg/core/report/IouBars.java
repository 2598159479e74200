package io.adaptseg.core.report;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Horizontal per-class IoU bars, one group per class and one bar per series (one model, or several
 * side by side), with a 0–100 % grid and each bar's value; a class without ground truth shows "n/a".
 * Used by the score plot and the demo's model comparison.
 *
 * @param names class names, top to bottom
 * @param series per series, one IoU fraction per class (NaN when absent)
 * @param colour the bar colour of (series index, class index)
 */
public record IouBars(List<String> names, List<double[]> series, BiFunction<Integer, Integer, Color> colour) {
    private static final int GROUP_GAP = 8;

    public IouBars {
        names = List.copyOf(names);
        series = List.copyOf(series);
        for (double[] s : series) {
            if (s.length != names.size()) {
                throw new IllegalArgumentException("a series has " + s.length + " values for " + names.size() + " classes");
            }
        }
    }

    /** Height of the bars and their axis labels when each bar is {@code barHeight} pixels. */
    public int height(int barHeight) {
        return names.size() * group(barHeight) + 20;
    }

    private int group(int barHeight) {
        return barHeight * series.size() + GROUP_GAP;
    }

    /**
     * Draws with the class names right-aligned before {@code left}, the 0 % line at {@code left} and
     * 100 % at {@code left + plotWidth}.
     */
    public void draw(Graphics2D g, int left, int top, int plotWidth, int barHeight) {
        FontMetrics fm = g.getFontMetrics();
        int group = group(barHeight);
        int bottom = top + names.size() * group;
        g.setColor(new Color(0xdddddd));
        for (int pct = 0; pct <= 100; pct += 20) {
            g.drawLine(left + plotWidth * pct / 100, top - 4, left + plotWidth * pct / 100, bottom);
        }
        g.setColor(Color.BLACK);
        for (int pct = 0; pct <= 100; pct += 20) {
            g.drawString(pct + "%", left + plotWidth * pct / 100 - 10, bottom + 16);
        }
        java.awt.Font normal = g.getFont();
        java.awt.Font values = normal.deriveFont((float) Math.min(normal.getSize2D(), Math.max(8, barHeight)));
        for (int c = 0; c < names.size(); c++) {
            int y = top + c * group + GROUP_GAP / 2;
            g.setColor(Color.BLACK);
            g.setFont(normal);
            g.drawString(names.get(c), left - 8 - fm.stringWidth(names.get(c)),
                    y + barHeight * series.size() / 2 + fm.getAscent() / 2 - 2);
            g.setFont(values);
            for (int m = 0; m < series.size(); m++) {
                double iou = series.get(m)[c];
                int by = y + m * barHeight;
                if (Double.isNaN(iou)) {
                    g.setColor(Color.GRAY);
                    g.drawString("n/a", left + 4, by + barHeight - 1);
                    continue;
                }
                int length = (int) Math.round(plotWidth * iou);
                g.setColor(colour.apply(m, c));
                g.fillRect(left, by, length, barHeight - 1);
                g.setColor(Color.BLACK);
                g.drawString(ScoreReport.percent(iou), left + length + 4, by + barHeight - 1);
            }
        }
        g.setFont(normal);
    }
}
