package io.adaptseg.infer;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar with images/s and ETA. On a terminal it is redrawn in place at most five times a
 * second; otherwise (logs, tests) a plain line is printed at most every 10% of the work or 30 s.
 * Thread-safe: writer threads report completed images.
 */
public final class ProgressMeter {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean interactive;
    private final int total;
    private final long start = System.nanoTime();
    private int done;
    private long lastDraw;
    private int lastDecile = -1;

    public ProgressMeter(PrintStream out, boolean interactive, int total) {
        this.out = out;
        this.interactive = interactive;
        this.total = total;
    }

    /** One more image is finished. */
    public synchronized void step() {
        step(1);
    }

    /** {@code images} more are finished at once (a distributed task reports its partition). */
    public synchronized void step(int images) {
        done += images;
        long now = System.nanoTime();
        int decile = total == 0 ? 10 : 10 * done / total;
        boolean due = interactive ? now - lastDraw > 200_000_000L : decile > lastDecile || now - lastDraw > 30_000_000_000L;
        if (due && done < total) {
            draw(now);
            lastDecile = decile;
        }
    }

    /** Draws the final state and ends the line. */
    public synchronized void finish() {
        draw(System.nanoTime());
        if (interactive) {
            out.println();
        }
        out.flush();
    }

    /** The line as drawn, e.g. {@code [#####     ] 12/60 20% 8.1 img/s ETA 0m06s}. */
    static String line(int done, int total, double seconds) {
        double rate = seconds > 0 ? done / seconds : 0;
        long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
        int filled = total == 0 ? WIDTH : WIDTH * done / total;
        return String.format(Locale.ROOT, "[%s%s] %d/%d %3d%% %.1f img/s ETA %dm%02ds", "#".repeat(filled),
                " ".repeat(WIDTH - filled), done, total, total == 0 ? 100 : 100 * done / total, rate, eta / 60, eta % 60);
    }

    private void draw(long now) {
        lastDraw = now;
        String text = line(done, total, (now - start) / 1e9);
        if (interactive) {
            out.print("\r" + text);
        } else {
            out.println(text);
        }
        out.flush();
    }
}
