package io.adaptseg.spark;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.FolderLock;
import io.adaptseg.core.metrics.ConfusionMatrix;
import io.adaptseg.core.progress.ProgressBar;
import io.adaptseg.core.report.ScoreReport;
import io.adaptseg.core.scoring.Protocol;
import io.adaptseg.core.scoring.ScoreResult;
import io.adaptseg.infer.BatchPrediction;
import io.adaptseg.infer.OutputFormat;
import io.adaptseg.infer.PredictInput;
import io.adaptseg.infer.PredictionScoring;
import io.adaptseg.infer.RunRecord;
import io.adaptseg.runtime.pipeline.PipelineReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code adaptseg spark predict} as a library call on a running {@link JavaSparkContext}: lists and
 * resumes on the driver exactly as {@link BatchPrediction} does, ships the model with
 * {@code SparkContext.addFile}, runs one {@link PartitionTask} per partition, merges the partitions'
 * confusion matrices and writes {@code predict}'s report files. Prints progress (images done /
 * total, as tasks finish) and the same summary lines as {@code predict}.
 */
public final class SparkPrediction {
    /** The Spark job group of prediction jobs (Spark UI, {@code cancelJobGroup}). */
    public static final String JOB_GROUP = "adaptseg-spark-predict";
    /** Spark setting: how long a job waits with no executor before it fails (default 120s). */
    public static final String NO_EXECUTOR_TIMEOUT = "spark.adaptseg.noExecutorTimeout";

    private final SparkSettings settings;
    private final PrintStream log;
    private final Optional<FaultInjection> fault;

    public SparkPrediction(SparkSettings settings, PrintStream log) {
        this(settings, log, Optional.empty());
    }

    /** With a deliberate task failure, to check the retry path (tests, cluster acceptance runs). */
    public SparkPrediction(SparkSettings settings, PrintStream log, Optional<FaultInjection> fault) {
        this.settings = settings;
        this.log = log;
        this.fault = fault;
    }

    /**
     * Predicts {@code inputs} on {@code sc}.
     *
     * @throws AdaptsegException when the run cannot proceed (model, output folder, scoring, a job
     *     that failed after Spark's retries); a single bad input is a failure in the summary instead
     */
    public SparkPredictSummary run(JavaSparkContext sc, List<PredictInput> inputs) throws AdaptsegException, IOException {
        Path out = settings.out();
        Path model = settings.model();
        if (!Files.isRegularFile(model)) {
            throw new AdaptsegException("--model " + model + ": model file not found");
        }
        Files.createDirectories(out);
        // the driver holds the folder for the whole job, as predict does (executors write under its lock)
        try (FolderLock lock = FolderLock.acquire(out, "--out")) {
            return runLocked(sc, inputs);
        }
    }

    private SparkPredictSummary runLocked(JavaSparkContext sc, List<PredictInput> inputs)
            throws AdaptsegException, IOException {
        Path out = settings.out();
        // the same record as predict: --resume refuses a folder another model or other settings wrote
        RunRecord record = RunRecord.of(settings.toPredictSettings());
        if (settings.resume()) {
            record.requireResumable(out, inputs, settings.formats());
        }
        int stale = BatchPrediction.removeInterruptedWrites(out);
        if (stale > 0) {
            log.printf("removed %d temporary files of an interrupted run in %s%n", stale, out);
        }
        deleteJournals(out);
        boolean withGt = inputs.stream().anyMatch(i -> i.groundTruth().isPresent());
        if (settings.requireScore()) {
            PredictionScoring.scoredFormat(settings.formats()); // --score needs a label output: fail before the job
        }
        boolean labelOutput = settings.formats().contains(OutputFormat.TRAINID)
                || settings.formats().contains(OutputFormat.LABELID);
        if (withGt && !labelOutput) {
            // as predict: scoring was not asked for, so the run goes on unscored and says why
            log.printf("note: not scored: --formats %s writes no label file; add trainid or labelid to score against"
                    + " the ground truth%n", settings.formats().stream().map(OutputFormat::id).sorted().toList());
        }
        boolean anyGt = withGt && labelOutput;
        if (settings.requireScore() && !anyGt) {
            throw new AdaptsegException("--score: none of the " + inputs.size()
                    + " images has ground truth (Cityscapes: ROOT/gtFine/<split>/<city>/*_gtFine_labelIds.png; folders: --gt DIR)");
        }
        List<TaskInput> rows = new ArrayList<>();
        int resumed = 0;
        for (PredictInput input : inputs) {
            boolean complete = settings.resume() && complete(input);
            resumed += complete ? 1 : 0;
            if (!complete || input.groundTruth().isPresent()) {
                rows.add(TaskInput.of(input, !complete));
            }
        }
        if (resumed > 0) {
            log.printf("resume: %d of %d images already have all their outputs; predicting %d%n", resumed, inputs.size(),
                    inputs.size() - resumed);
        }
        record.write(out);
        String runId = UUID.randomUUID().toString();
        ExecutorSpec spec = ExecutorSpec.of(settings, runId, anyGt, fault.orElse(null));
        JobResult job = rows.isEmpty() ? new JobResult(List.of(), Map.of())
                : runJob(sc, rows, spec, inputs.size() - resumed);
        TaskJournal.Record journal = TaskJournal.read(out, runId);
        int cleaned = BatchPrediction.removeInterruptedWrites(out);
        deleteJournals(out);
        return summarize(inputs, job, journal, resumed, cleaned, anyGt);
    }

    /** The successful attempts' results and, by partition, the attempts that failed before them. */
    private record JobResult(List<PartitionResult> results, Map<Integer, String> failedAttempts) {
    }

    private JobResult runJob(JavaSparkContext sc, List<TaskInput> rows, ExecutorSpec spec, int toPredict)
            throws AdaptsegException, IOException {
        int partitions = settings.partitions() > 0 ? settings.partitions() : 4 * sc.defaultParallelism();
        partitions = Math.max(1, Math.min(partitions, rows.size()));
        String what = String.format(Locale.ROOT, "adaptseg spark predict: %d images, model %s, %d partitions -> %s",
                rows.size(), settings.model().getFileName(), partitions, settings.out());
        log.printf(Locale.ROOT, "%s on %s (default parallelism %d)%n", what.substring("adaptseg spark ".length()),
                sc.master(), sc.defaultParallelism());
        addModel(sc);
        sc.setJobGroup(JOB_GROUP, what, true);
        sc.setCallSite("adaptseg predict " + settings.model().getFileName());
        ImageProgress progress = new ImageProgress(JOB_GROUP, partitionSizes(rows, partitions),
                new ProgressBar(log, false, 0, toPredict, ProgressBar.Rate.IMAGES_PER_SECOND));
        FailedAttempts failed = new FailedAttempts(progress);
        sc.sc().addSparkListener(progress);
        sc.sc().addSparkListener(failed);
        long start = System.nanoTime();
        Duration patience = Duration.ofSeconds(sc.getConf().getTimeAsSeconds(NO_EXECUTOR_TIMEOUT, "120s"));
        try (ExecutorWatch watch = ExecutorWatch.start(sc, JOB_GROUP, patience)) {
            try {
                JavaRDD<TaskInput> rdd = sc.parallelize(rows, partitions).setName("adaptseg inputs (" + rows.size() + " images)");
                List<PartitionResult> results = rdd.mapPartitions(new PartitionTask(spec))
                        .setName("adaptseg predictions (" + settings.model().getFileName() + ")").collect();
                progress.finish();
                log.printf(Locale.ROOT, "spark job took %.1f s%n", (System.nanoTime() - start) / 1e9);
                return new JobResult(results, failed.byPartition());
            } catch (Exception e) { // SparkException is a checked exception that Scala code throws undeclared
                // what finished is complete (atomic writes); leave no temporary files or journals behind
                BatchPrediction.removeInterruptedWrites(settings.out());
                deleteJournals(settings.out());
                String why = watch.fired() ? "no executor has been alive for " + watch.patience().toSeconds()
                        + " s (every worker lost?; " + NO_EXECUTOR_TIMEOUT + " sets the wait)" : rootMessage(e);
                throw new AdaptsegException("the Spark job failed: " + why + "; the outputs written so far in "
                        + settings.out() + " are complete, rerun with --resume to finish", e);
            }
        } finally {
            sc.sc().removeSparkListener(failed);
            sc.sc().removeSparkListener(progress);
            sc.clearCallSite();
            sc.clearJobGroup();
        }
    }

    /**
     * Ships the model to the executors (once per application: a later job with the same file reuses
     * it). Spark keys shipped files by name, so another file of the same name cannot be added.
     */
    private void addModel(JavaSparkContext sc) throws AdaptsegException {
        Path model = settings.model().toAbsolutePath().normalize();
        for (String listed : CollectionConverters.asJava(sc.sc().listFiles())) {
            Path shipped = Path.of(URI.create(listed).getPath());
            if (shipped.getFileName().equals(model.getFileName())) {
                if (shipped.equals(model)) {
                    return;
                }
                throw new AdaptsegException("--model " + settings.model() + ": this Spark application already ships "
                        + shipped + " under the name " + model.getFileName() + "; give each model its own file name");
            }
        }
        sc.addFile(model.toString());
    }

    /** How many images each partition predicts (ParallelCollectionRDD slices a list into equal runs). */
    private static int[] partitionSizes(List<TaskInput> rows, int partitions) {
        int[] sizes = new int[partitions];
        for (int p = 0; p < partitions; p++) {
            int from = (int) ((long) p * rows.size() / partitions);
            int to = (int) ((long) (p + 1) * rows.size() / partitions);
            for (int i = from; i < to; i++) {
                sizes[p] += rows.get(i).predict() ? 1 : 0;
            }
        }
        return sizes;
    }

    private SparkPredictSummary summarize(List<PredictInput> inputs, JobResult job, TaskJournal.Record journal, int resumed,
            int cleaned, boolean anyGt) throws AdaptsegException, IOException {
        List<PartitionResult> results = job.results();
        int written = 0;
        int recovered = 0;
        long taskNanos = 0;
        List<PipelineReport.Failure> failures = new ArrayList<>();
        Set<String> providers = new LinkedHashSet<>();
        Set<String> problems = new LinkedHashSet<>();
        ConfusionMatrix matrix = null;
        int scored = 0;
        for (PartitionResult r : results) {
            written += r.written();
            recovered += r.recovered();
            taskNanos += r.nanos();
            r.failures().forEach(f -> failures.add(new PipelineReport.Failure(Path.of(f.file()), f.message())));
            if (!r.provider().isEmpty()) {
                providers.add(r.provider());
            }
            problems.addAll(r.problems());
            if (r.matrix() != null) {
                if (matrix == null) {
                    matrix = r.matrix().copy();
                } else {
                    matrix.merge(r.matrix());
                }
                scored += r.scored();
            }
        }
        failures.sort(Comparator.comparing(PipelineReport.Failure::file));
        String provider = String.join(",", providers);
        log.printf("execution provider: %s (%s backend) on the executors%n", provider.isEmpty() ? "none used" : provider,
                settings.backend());
        problems.forEach(p -> log.println("fallback: " + p));
        log.printf(Locale.ROOT, "predicted %d images on %d partitions (%.1f s of task time)%s; outputs in %s%n", written,
                results.size(), taskNanos / 1e9, resumed > 0 ? ", " + resumed + " already complete" : "", settings.out());
        Map<Integer, String> retried = new TreeMap<>();
        for (PartitionResult r : results) {
            String failedBefore = job.failedAttempts().get(r.partition());
            if (failedBefore != null || r.attempt() > 0) {
                retried.put(r.partition(), (failedBefore == null ? "" : failedBefore + "; ") + "succeeded on attempt "
                        + r.attempt() + (r.recovered() > 0 ? ", keeping " + r.recovered() + " images the failed attempts finished" : ""));
            }
        }
        if (!retried.isEmpty()) {
            log.printf("task retries: %d of %d partitions ran again%n", retried.size(), results.size());
            retried.forEach((p, what) -> log.printf("  partition %d: %s%n", p, what));
        }
        if (recovered > 0) {
            log.printf("task retries: %d images finished by failed attempts were kept, not written again%n", recovered);
        }
        if (!retried.isEmpty() || recovered > 0) {
            log.printf("task journal: %d images written, %s%n", journal.images(), journal.writtenTwice().isEmpty()
                    ? "none written twice" : journal.writtenTwice().size() + " written twice: " + journal.writtenTwice());
        }
        if (cleaned > 0) {
            log.printf("removed %d partial files left by failed task attempts%n", cleaned);
        }
        if (!failures.isEmpty()) {
            log.printf("FAILED: %d of %d images were skipped:%n", failures.size(), inputs.size());
            failures.forEach(f -> log.println("  " + f.file() + ": " + f.message()));
        }
        Optional<ScoreReport> score = Optional.empty();
        if (anyGt && (matrix == null || scored == 0)) {
            // every image with ground truth failed: listed with exit 3, as without ground truth
            log.printf("note: not scored: none of the %d images with ground truth has a prediction%n",
                    inputs.stream().filter(i -> i.groundTruth().isPresent()).count());
        } else if (anyGt) {
            score = Optional.of(writeScore(inputs, matrix, scored, failures.size()));
        }
        return new SparkPredictSummary(inputs.size(), written, resumed, recovered, failures, provider, results.size(), score,
                retried, journal.writtenTwice());
    }

    private ScoreReport writeScore(List<PredictInput> inputs, ConfusionMatrix matrix, int scored, int failed)
            throws AdaptsegException, IOException {
        long withGt = inputs.stream().filter(i -> i.groundTruth().isPresent()).count();
        if (matrix == null || scored == 0) {
            throw new AdaptsegException("cannot score: none of the " + withGt + " images with ground truth has a prediction");
        }
        if (scored < inputs.size()) {
            log.printf("note: scoring %d of %d images (%d without ground truth, %d failed)%n", scored, inputs.size(),
                    inputs.size() - withGt, withGt - scored);
        }
        ScoreReport report = new ScoreResult(Protocol.CITYSCAPES19, scored, matrix, 0, 0, 0).report();
        Path out = settings.out();
        PredictionScoring.writeReport(out, report, PredictionScoring.decoderOf(PredictionScoring.scoredFormat(settings.formats())));
        log.print(report.toText());
        log.println("scores written to " + PredictionScoring.reportFiles(out).stream()
                .map(p -> p.getFileName().toString()).toList() + " in " + out);
        return report;
    }

    private boolean complete(PredictInput input) {
        for (OutputFormat f : settings.formats()) {
            if (!Files.isRegularFile(input.output(settings.out(), f))) {
                return false;
            }
        }
        return true;
    }

    /** Removes the task journals of this and earlier runs (they only matter while a job runs). */
    private static void deleteJournals(Path out) throws IOException {
        Path dir = out.resolve(TaskJournal.FOLDER);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
