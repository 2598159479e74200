package io.adaptseg.infer;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.dataset.LabelDecoder;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.core.report.ScorePlot;
import io.adaptseg.core.report.ScoreReport;
import io.adaptseg.core.report.ScoreReportFiles;
import io.adaptseg.core.scoring.Protocol;
import io.adaptseg.core.scoring.ScorePair;
import io.adaptseg.core.scoring.ScoreResult;
import io.adaptseg.core.scoring.ScoreRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scores the prediction files of a run against their ground truth through the scoring engine
 * ({@link ScoreRun}, Cityscapes 19-class protocol, ground truth as labelIds) and writes the report
 * as {@code iou.txt}, {@code iou.json}, {@code iou.csv} and {@code iou.png} in the output folder.
 * The files on disk are scored, not the in-memory maps, so resumed outputs count like new ones.
 */
public final class PredictionScoring {
    /** Base name of the report files. */
    public static final String REPORT = "iou";

    private PredictionScoring() {
    }

    /** The report files of an output folder: txt, json, csv, png. */
    public static List<Path> reportFiles(Path out) {
        return List.of(out.resolve(REPORT + ".txt"), out.resolve(REPORT + ".json"), out.resolve(REPORT + ".csv"),
                out.resolve(REPORT + ".png"));
    }

    /**
     * Scores the inputs that have ground truth and complete outputs.
     *
     * @return the report, or empty (with a note) when no input has ground truth, {@code formats} has no label
     *     file or every input with ground truth failed
     * @throws AdaptsegException when a file is bad
     */
    public static Optional<ScoreReport> score(List<PredictInput> inputs, Set<Path> failed, Path out,
            Set<OutputFormat> formats, PrintStream log) throws AdaptsegException, IOException {
        List<PredictInput> withGt = inputs.stream().filter(i -> i.groundTruth().isPresent()).toList();
        if (withGt.isEmpty()) {
            return Optional.empty();
        }
        if (!formats.contains(OutputFormat.TRAINID) && !formats.contains(OutputFormat.LABELID)) {
            // scoring was not asked for (--score is refused with these formats before the run): say why none
            log.printf("note: not scored: --formats %s writes no label file; add trainid or labelid to score against"
                    + " the %d ground-truth files%n", formats.stream().map(OutputFormat::id).sorted().toList(), withGt.size());
            return Optional.empty();
        }
        OutputFormat scored = scoredFormat(formats);
        LabelDecoder predFormat = decoderOf(scored);
        List<ScorePair> pairs = new ArrayList<>();
        for (PredictInput input : withGt) {
            Path pred = input.output(out, scored);
            if (!failed.contains(input.image()) && Files.isRegularFile(pred)) {
                pairs.add(new ScorePair(input.image().getFileName().toString(), input.groundTruth().get(), pred));
            }
        }
        if (pairs.isEmpty()) {
            // every image with ground truth failed: the failures are listed and give exit 3, as without ground truth
            log.printf("note: not scored: none of the %d images with ground truth has a prediction%n", withGt.size());
            return Optional.empty();
        }
        if (pairs.size() < inputs.size()) {
            log.printf("note: scoring %d of %d images (%d without ground truth, %d failed)%n", pairs.size(), inputs.size(),
                    inputs.size() - withGt.size(), withGt.size() - pairs.size());
        }
        ScoreRun run = new ScoreRun(Protocol.CITYSCAPES19, LabelDecoder.LABEL_IDS, predFormat,
                Math.max(1, Runtime.getRuntime().availableProcessors()), 0);
        ScoreResult result = run.run(pairs, log::println);
        ScoreReport report = result.report();
        writeReport(out, report, predFormat);
        return Optional.of(report);
    }

    /**
     * The output that scoring reads: the trainId file when written, else the labelId file.
     *
     * @throws AdaptsegException when {@code formats} has no label file
     */
    public static OutputFormat scoredFormat(Set<OutputFormat> formats) throws AdaptsegException {
        if (formats.contains(OutputFormat.TRAINID)) {
            return OutputFormat.TRAINID;
        }
        if (formats.contains(OutputFormat.LABELID)) {
            return OutputFormat.LABELID;
        }
        throw new AdaptsegException("cannot score: --formats " + formats.stream().map(OutputFormat::id).toList()
                + " writes no label file; add trainid or labelid");
    }

    /** How a label output stores its values. */
    public static LabelDecoder decoderOf(OutputFormat labelFormat) {
        return switch (labelFormat) {
            case TRAINID -> LabelDecoder.TRAIN_IDS;
            case LABELID -> LabelDecoder.LABEL_IDS;
            default -> throw new IllegalArgumentException(labelFormat.id() + " is not a label file");
        };
    }

    /**
     * Writes {@code report} as the four report files of {@code out}; shared by the single-JVM run and
     * the spark module, which merges its workers' matrices itself.
     */
    public static void writeReport(Path out, ScoreReport report, LabelDecoder predFormat) throws IOException {
        Map<String, String> described = new LinkedHashMap<>();
        described.put("pred", out.toString());
        described.put("gtFormat", LabelDecoder.LABEL_IDS.id());
        described.put("predFormat", predFormat.id());
        List<Path> files = reportFiles(out);
        AtomicFiles.writeString(files.get(0), report.toText());
        ScoreReportFiles.writeJson(files.get(1), report, described);
        ScoreReportFiles.writeCsv(files.get(2), report);
        ScorePlot.write(files.get(3), report);
    }
}
