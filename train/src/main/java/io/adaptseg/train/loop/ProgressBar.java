package io.adaptseg.train.loop;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar with rate and ETA, redrawn in place at most twice a second; on a
 * non-terminal stream it prints a plain line at most every 30 seconds instead.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean interactive;
    private final long total;
    private final long start;
    private final long startNanos = System.nanoTime();
    private long lastDraw;

    public ProgressBar(PrintStream out, boolean interactive, long start, long total) {
        this.out = out;
        this.interactive = interactive;
        this.start = start;
        this.total = total;
    }

    public void update(long done) {
        long now = System.nanoTime();
        long gap = interactive ? 500_000_000L : 30_000_000_000L;
        if (done < total && now - lastDraw < gap) {
            return;
        }
        lastDraw = now;
        double elapsed = (now - startNanos) / 1e9;
        double perIt = done > start ? elapsed / (done - start) : 0;
        long eta = (long) (perIt * (total - done));
        int filled = (int) (WIDTH * done / Math.max(1, total));
        String line = String.format(Locale.ROOT, "[%s%s] %d/%d %3d%% %.3f s/it ETA %s", "#".repeat(filled),
                " ".repeat(WIDTH - filled), done, total, 100 * done / Math.max(1, total), perIt, duration(eta));
        if (interactive) {
            out.print("\r" + line + (done >= total ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String duration(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
}
