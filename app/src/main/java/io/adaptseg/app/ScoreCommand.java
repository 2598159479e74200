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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
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

    private static final OptionSpec<Path> GT = OptionSpec.of("gt", "DIR", Parsers.PATH,
            "ground truth: gtFine/val (city folders) or a folder of label PNGs").required();
    private static final OptionSpec<Path> PRED = OptionSpec.of("pred", "DIR", Parsers.PATH,
            "predictions, matched by Cityscapes name (<city>_<seq>_<frame>_leftImg8bit.png, _labelIds.png,"
                    + " _trainIds.png) or by file name").required();
    private static final OptionSpec<LabelDecoder> PRED_FORMAT = OptionSpec.of("pred-format", "FORMAT",
            Parsers.choice(LabelDecoder::byId), "trainid, labelid or synthia")
            .withDefault(() -> LabelDecoder.byId("trainid"), "trainid");
    private static final OptionSpec<LabelDecoder> GT_FORMAT = OptionSpec.of("gt-format", "FORMAT",
            Parsers.choice(LabelDecoder::byId), "labelid, trainid or synthia (SYNTHIA GT/LABELS)")
            .withDefault(() -> LabelDecoder.byId("labelid"), "labelid");
    private static final OptionSpec<Protocol> PROTOCOL = OptionSpec.of("protocol", "NAME",
            Parsers.choice(Protocol::byId), "cityscapes19, synthia16 or synthia13")
            .withDefault(() -> Protocol.byId("cityscapes19"), "cityscapes19");
    private static final OptionSpec<Path> JSON = OptionSpec.of("json", "FILE", Parsers.PATH, "write the scores as JSON");
    private static final OptionSpec<Path> CSV = OptionSpec.of("csv", "FILE", Parsers.PATH,
            "write the per-class table as CSV");
    private static final OptionSpec<Path> PLOT = OptionSpec.of("plot", "FILE", Parsers.PATH,
            "write IoU bars and the normalised confusion matrix as PNG");
    private static final OptionSpec<Integer> EVERY = OptionSpec.of("every", "N", Parsers.integer(0),
            "print the running mIoU every N images (0 = never)").withDefault(10);
    private static final OptionSpec<Integer> THREADS = CommonOptions.threads("worker threads");

    @Override
    public Options options() {
        return OptionList.of(GT, PRED, PRED_FORMAT, GT_FORMAT, PROTOCOL, JSON, CSV, PLOT, EVERY, THREADS);
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        Path gt = GT.value(line);
        Path pred = PRED.value(line);
        LabelDecoder predFormat = PRED_FORMAT.value(line);
        LabelDecoder gtFormat = GT_FORMAT.value(line);
        Protocol protocol = PROTOCOL.value(line);
        int every = EVERY.value(line);
        int threads = THREADS.value(line);
        // report files are checked before the scoring, not found unwritable after it
        Map<String, Path> scored = new LinkedHashMap<>();
        scored.put("--gt", gt);
        scored.put("--pred", pred);
        for (OptionSpec<Path> file : List.of(JSON, CSV, PLOT)) {
            if (file.given(line)) {
                // a report over a label PNG, or a chart PNG among the predictions, would change what is scored
                OutputPaths.requireOutsideInputs("--" + file.name(), file.value(line), scored);
                OutputPaths.requireWritableFile(file.value(line), "--" + file.name());
            }
        }

        long listed = System.nanoTime();
        List<ScorePair> pairs = PairFinder.find(gt, gtFormat, pred, predFormat, note -> out.println("note: " + note));
        listed = System.nanoTime() - listed;
        out.printf(Locale.ROOT, "scoring %d pairs: protocol %s, ground truth %s, predictions %s, %d threads%n",
                pairs.size(), protocol.id(), gtFormat.id(), predFormat.id(), threads);
        ScoreResult result = new ScoreRun(protocol, gtFormat, predFormat, threads, every).run(pairs, out::println);
        ScoreReport report = result.report();
        out.print(report.toText());
        out.printf(Locale.ROOT, "%d images in %.1f s (%.1f images/s)%n", result.images(),
                result.wallNanos() / 1e9, result.images() / (result.wallNanos() / 1e9));
        // where a whole `adaptseg score` process spends its time (docs/benchmarks.md); the rest of its wall
        // time is start-up and the report
        out.printf(Locale.ROOT, "time: listing %.2f s, scoring %.2f s (per pair, summed over threads: decode %.1f ms,"
                        + " count %.1f ms)%n", listed / 1e9, result.wallNanos() / 1e9,
                result.decodeNanos() / 1e6 / result.images(), result.countNanos() / 1e6 / result.images());

        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("gt", gt.toString());
        inputs.put("pred", pred.toString());
        inputs.put("gtFormat", gtFormat.id());
        inputs.put("predFormat", predFormat.id());
        if (JSON.given(line)) {
            ScoreReportFiles.writeJson(JSON.value(line), report, inputs);
        }
        if (CSV.given(line)) {
            ScoreReportFiles.writeCsv(CSV.value(line), report);
        }
        if (PLOT.given(line)) {
            ScorePlot.write(PLOT.value(line), report);
        }
        return Main.OK;
    }
}
