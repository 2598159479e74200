package io.adaptseg.app;

import io.adaptseg.bench.ScoreBenchmark;
import io.adaptseg.core.io.FileTrees;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The workload the launcher runs once after each build, under {@code -XX:AOTCacheOutput}, to write the
 * distribution's ahead-of-time cache ({@code app/target/adaptseg.aot}, JDK 25's JEP 483/514/515): the
 * classes it loads are stored parsed and linked, with the method profiles it gathers, so later starts
 * skip that work. It runs the short commands whose time is mostly start-up: the overview, {@code info
 * --help} and {@code score} on a few generated label pairs. A command that loads other classes still runs
 * the same; they are just loaded the usual way. Measured in docs/benchmarks.md (scoring as a process).
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("adaptseg-startup-training");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try {
            ScoreBenchmark.generate(dir, 6, 512, 256, 7, 2);
            Main main = new Main(Commands.all(), quiet, quiet);
            int code = main.run(new String[] {"--help"});
            code |= main.run(new String[] {"info", "--help"});
            for (int round = 0; round < 3; round++) {
                code |= main.run(new String[] {"score", "--gt", dir.resolve("gt").toString(), "--pred",
                        dir.resolve("pred").toString(), "--json", dir.resolve("score.json").toString()});
            }
            if (code != Main.OK) {
                // the cache would be trained on an error path: say so, the launcher keeps going without it
                System.err.println("adaptseg: the start-up training run failed (exit " + code + ")");
                System.exit(1);
            }
        } finally {
            FileTrees.delete(dir);
        }
    }
}
