package io.adaptseg.core.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar with rate and ETA, e.g. {@code [######      ] 12/60  20% 6.0 img/s ETA
 * 0m08s}. On a terminal it is redrawn in place at most five times a second; elsewhere (logs, CI,
 * tests) a plain line is printed at each tenth of the work and at least every 30 s, so a log shows
 * progress without thousands of lines. Thread-safe: pipeline threads may report steps.
 */
public final class ProgressBar {
    /** How the rate is shown: time per item for slow items, items per second for fast ones. */
    public enum Rate {
        /** {@code 1.234 s/it}: training iterations. */
        SECONDS_PER_ITEM,
        /** {@code 6.0 img/s}: predicted images. */
        IMAGES_PER_SECOND
    }

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final long LOG_NANOS = 30_000_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private final long first;
    private final long total;
    private final Rate rate;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastDraw = startNanos;
    private long lastTenth = -1;

    /**
     * @param first where counting starts (a resumed run starts at its checkpoint's iteration; the
     *     rate counts only the work done here)
     * @param total the count at which the work is complete
     */
    public ProgressBar(PrintStream out, boolean interactive, long first, long total, Rate rate) {
        this.out = out;
        this.interactive = interactive;
        this.first = first;
        this.total = total;
        this.rate = rate;
        this.done = first;
        this.lastTenth = tenth(first);
    }

    /** One more item is finished. */
    public synchronized void step() {
        update(done + 1);
    }

    /** {@code items} more are finished at once (a distributed task reports its whole partition). */
    public synchronized void step(long items) {
        update(done + items);
    }

    /** {@code done} items are finished; the last one ends the line. */
    public synchronized void update(long done) {
        this.done = done;
        long now = System.nanoTime();
        long tenth = tenth(done);
        boolean due = interactive ? now - lastDraw >= REDRAW_NANOS : tenth > lastTenth || now - lastDraw >= LOG_NANOS;
        if (done >= total) {
            finish();
        } else if (due) {
            draw(now);
            lastTenth = tenth;
        }
    }

    /** Draws the final state and ends the line (once). */
    public synchronized void finish() {
        if (lastTenth == Long.MAX_VALUE) {
            return;
        }
        draw(System.nanoTime());
        if (interactive) {
            out.println();
        }
        lastTenth = Long.MAX_VALUE;
        out.flush();
    }

    /** Clears a bar being redrawn in place so that a log line can be printed on its own line. */
    public synchronized void clearLine() {
        if (interactive) {
            out.print("\r\033[K");
        }
    }

    private long tenth(long count) {
        return total <= 0 ? 10 : 10 * count / total;
    }

    private void draw(long now) {
        lastDraw = now;
        String text = line(done - first, done, total, (now - startNanos) / 1e9, rate);
        out.print(interactive ? "\r" + text : text + System.lineSeparator());
        out.flush();
    }

    /**
     * The line as drawn.
     *
     * @param doneHere items finished by this run (the rate's numerator)
     * @param done items finished in all, counting those before a resume
     */
    static String line(long doneHere, long done, long total, double seconds, Rate rate) {
        int filled = total <= 0 ? WIDTH : (int) (WIDTH * Math.min(done, total) / total);
        long percent = total <= 0 ? 100 : 100 * done / total;
        double perSecond = seconds > 0 ? doneHere / seconds : 0;
        long eta = perSecond > 0 ? Math.round((total - done) / perSecond) : 0;
        String speed = rate == Rate.IMAGES_PER_SECOND ? String.format(Locale.ROOT, "%.1f img/s", perSecond)
                : String.format(Locale.ROOT, "%.3f s/it", doneHere > 0 ? seconds / doneHere : 0);
        return String.format(Locale.ROOT, "[%s%s] %d/%d %3d%% %s ETA %s", "#".repeat(filled),
                " ".repeat(WIDTH - filled), done, total, percent, speed, duration(eta));
    }

    /** {@code 1h05m} above an hour, {@code 4m07s} below. */
    static String duration(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
}
