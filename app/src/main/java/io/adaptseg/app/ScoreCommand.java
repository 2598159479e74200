package io.adaptseg.app;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.dataset.LabelDecoder;
import io.adaptseg.core.io.OutputPaths;
import io.adaptseg.core.report.ScorePlot;
import io.adaptseg.core.report.ScoreReport;
import io.adaptseg.core.report.ScoreReportFiles;
import io.adaptseg.core.scoring.PairFinder;
import io.adaptseg.core.scoring.Protocol;
import io.adaptseg.core.scoring.ScorePair;
import io.adaptseg.core.scoring.ScoreResult;
import io.adaptseg.core.scoring.ScoreRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code adaptseg score}: per-class IoU of a folder of predictions against ground truth. */
final class ScoreCommand implements Command {
    @Override
    public String name() {
        return "score";
    }

    @Override
    public String summary() {
        return "score predicted label PNGs against ground truth (per-class IoU, mIoU, FWIoU, PA)";
    }

    @Override
    public String synopsis() {
        return "--gt DIR --pred DIR [options]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("gt").hasArg().argName("DIR").required()
                .desc("ground truth: gtFine/val (city folders) or a folder of label PNGs").build());
        o.addOption(Option.builder().longOpt("pred").hasArg().argName("DIR").required()
                .desc("predictions, matched by Cityscapes name (<city>_<seq>_<frame>_leftImg8bit.png, "
                        + "_labelIds.png, _trainIds.png) or by file name").build());
        o.addOption(Option.builder().longOpt("pred-format").hasArg().argName("FORMAT")
                .desc("trainid (default), labelid or synthia").build());
        o.addOption(Option.builder().longOpt("gt-format").hasArg().argName("FORMAT")
                .desc("labelid (default), trainid or synthia (SYNTHIA GT/LABELS)").build());
        o.addOption(Option.builder().longOpt("protocol").hasArg().argName("NAME")
                .desc("cityscapes19 (default), synthia16 or synthia13").build());
        o.addOption(Option.builder().longOpt("json").hasArg().argName("FILE").desc("write the scores as JSON").build());
        o.addOption(Option.builder().longOpt("csv").hasArg().argName("FILE").desc("write the per-class table as CSV").build());
        o.addOption(Option.builder().longOpt("plot").hasArg().argName("FILE")
                .desc("write IoU bars and the normalised confusion matrix as PNG").build());
        o.addOption(Option.builder().longOpt("every").hasArg().argName("N")
                .desc("print the running mIoU every N images (default 10, 0 = never)").build());
        o.addOption(Option.builder().longOpt("threads").hasArg().argName("N")
                .desc("worker threads (default: all cores)").build());
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        Path gt = Path.of(line.getOptionValue("gt"));
        Path pred = Path.of(line.getOptionValue("pred"));
        LabelDecoder predFormat = choice(line, "pred-format", "trainid", LabelDecoder::byId);
        LabelDecoder gtFormat = choice(line, "gt-format", "labelid", LabelDecoder::byId);
        Protocol protocol = choice(line, "protocol", "cityscapes19", Protocol::byId);
        int every = intOption(line, "every", 10, 0);
        int threads = intOption(line, "threads", Runtime.getRuntime().availableProcessors(), 1);
        // report files are checked before the scoring, not found unwritable after it
        for (String option : List.of("json", "csv", "plot")) {
            if (line.hasOption(option)) {
                OutputPaths.requireWritableFile(Path.of(line.getOptionValue(option)), "--" + option);
            }
        }

        List<ScorePair> pairs = PairFinder.find(gt, gtFormat, pred, predFormat, note -> out.println("note: " + note));
        out.printf(Locale.ROOT, "scoring %d pairs: protocol %s, ground truth %s, predictions %s, %d threads%n",
                pairs.size(), protocol.id(), gtFormat.id(), predFormat.id(), threads);
        ScoreResult result = new ScoreRun(protocol, gtFormat, predFormat, threads, every).run(pairs, out::println);
        ScoreReport report = result.report();
        out.print(report.toText());
        out.printf(Locale.ROOT, "%d images in %.1f s (%.1f images/s)%n", result.images(),
                result.wallNanos() / 1e9, result.images() / (result.wallNanos() / 1e9));

        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("gt", gt.toString());
        inputs.put("pred", pred.toString());
        inputs.put("gtFormat", gtFormat.id());
        inputs.put("predFormat", predFormat.id());
        if (line.hasOption("json")) {
            ScoreReportFiles.writeJson(Path.of(line.getOptionValue("json")), report, inputs);
        }
        if (line.hasOption("csv")) {
            ScoreReportFiles.writeCsv(Path.of(line.getOptionValue("csv")), report);
        }
        if (line.hasOption("plot")) {
            ScorePlot.write(Path.of(line.getOptionValue("plot")), report);
        }
        return Main.OK;
    }

    /** An enumerated option through its lookup; an unknown value is a usage error naming the option. */
    static <T> T choice(CommandLine line, String option, String fallback, Function<String, T> lookup) {
        try {
            return lookup.apply(line.getOptionValue(option, fallback));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + option + ": " + e.getMessage());
        }
    }

    /** An integer option of at least {@code min}; anything else is a usage error naming the option. */
    static int intOption(CommandLine line, String option, int fallback, int min) {
        String value = line.getOptionValue(option);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new UsageException("--" + option + " must be an integer >= " + min + ", found '" + value + "'");
    }
}
