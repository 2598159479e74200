package io.adaptseg.app.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The demo's steps as they ran: name, outcome (done, given, skipped or failed, with why) and time. */
public final class StepLog {
    /** One step's outcome. */
    public record Step(String name, String status, String detail, double seconds) {
    }

    private final PrintStream out;
    private final List<Step> steps = new ArrayList<>();
    private long started;
    private String current;

    public StepLog(PrintStream out) {
        this.out = out;
    }

    /** Starts a step and prints its header. */
    public void begin(String name) {
        current = name;
        started = System.nanoTime();
        out.printf("%n== %s%n", name);
    }

    /** The current step finished; {@code detail} says what it produced. */
    public void done(String detail) {
        end("done", detail);
    }

    /** The current step was not needed: its result was given (a checkpoint, a dataset folder). */
    public void given(String what) {
        out.println("given: " + what);
        end("given", what);
    }

    /** The current step did not run; {@code reason} says why and what is missing. */
    public void skipped(String reason) {
        out.println("skipped: " + reason);
        end("skipped", reason);
    }

    /** The current step failed without stopping the demo. */
    public void failed(String reason) {
        out.println("failed: " + reason);
        end("failed", reason);
    }

    private void end(String status, String detail) {
        double seconds = (System.nanoTime() - started) / 1e9;
        steps.add(new Step(current, status, detail, seconds));
        if (status.equals("done") || status.equals("failed")) {
            out.printf(Locale.ROOT, "(%s in %.1f s)%n", status, seconds);
        }
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }
}
