package io.adaptseg.core.progress;

import java.io.Console;
import java.io.PrintStream;

/** Whether a stream is a person's terminal, where progress is redrawn in place. */
public final class Terminal {
    private Terminal() {
    }

    /**
     * True when {@code out} is this process's standard output or error and the process runs in a
     * terminal; false for files, pipes, CI logs and the streams tests pass in.
     */
    public static boolean isInteractive(PrintStream out) {
        Console console = System.console();
        return (out == System.out || out == System.err) && console != null && console.isTerminal();
    }
}
