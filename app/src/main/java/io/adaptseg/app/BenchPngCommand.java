package io.adaptseg.app;

import io.adaptseg.bench.PngBenchmark;
import io.adaptseg.core.AdaptsegException;
import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
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

    private static final OptionSpec<ImageSize> SIZE = CommonOptions.size(16, "image size")
            .withDefault(new ImageSize(2048, 1024));
    private static final OptionSpec<Integer> ITERATIONS = CommonOptions.ITERATIONS.withDefault(20);

    @Override
    public Options options() {
        return OptionList.of(SIZE, ITERATIONS);
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException {
        ImageSize size = SIZE.value(line);
        int iterations = ITERATIONS.value(line);
        PngBenchmark benchmark = new PngBenchmark(size.width(), size.height(), iterations);
        benchmark.print(benchmark.run(), out);
        out.println("MB = raw pixel megabytes; both decoders read the bytes ImageIO wrote; +buf = decoded into a reused int[]; in memory, one thread");
        out.println(CommonOptions.loadLine());
        return Main.OK;
    }
}
