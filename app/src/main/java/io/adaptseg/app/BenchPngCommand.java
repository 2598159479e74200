package io.adaptseg.app;

import io.adaptseg.bench.PngBenchmark;
import io.adaptseg.core.AdaptsegException;
import java.io.PrintStream;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code adaptseg bench png}: the project's PNG codec against ImageIO, decode and encode, side by side. */
final class BenchPngCommand implements Command {
    @Override
    public String name() {
        return "bench png";
    }

    @Override
    public String summary() {
        return "measure PNG decode/encode (8-bit labels, 16-bit labels, RGB): own codec vs ImageIO";
    }

    @Override
    public String synopsis() {
        return "[--size WxH] [--iterations N]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("size").hasArg().argName("WxH").desc("image size (default 2048x1024)").build());
        o.addOption(Option.builder().longOpt("iterations").hasArg().argName("N")
                .desc("timed repetitions per cell (default 20)").build());
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException {
        ImageSize size = ImageSize.parse("--size", line.getOptionValue("size", "2048x1024"), 16);
        int iterations = ScoreCommand.intOption(line, "iterations", 20, 1);
        PngBenchmark benchmark = new PngBenchmark(size.width(), size.height(), iterations);
        benchmark.print(benchmark.run(), out);
        out.println("MB = raw pixel megabytes; both decoders read the bytes ImageIO wrote; +buf = decoded into a reused int[]; in memory, one thread");
        out.printf(Locale.ROOT, "system load average %.2f on %d cores%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        return Main.OK;
    }
}
