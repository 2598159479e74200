package io.adaptseg.spark.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scale-out benchmark, not a test (no {@code *Test}/{@code *IT} name, so neither surefire nor
 * failsafe runs it): for each round, single-JVM {@code adaptseg predict}, then a fresh standalone
 * cluster ({@link StandaloneCluster}) of 1 and of 2 one-core workers, alternating, each running the
 * same {@code spark predict} through {@code SparkSubmit}. Prints one line per run and a table of
 * images/s, speed-up and efficiency against 1 worker. Run by {@code scripts/spark-scale-bench.sh}.
 *
 * <p>Arguments: {@code JAR SPARK_LIB JAVA_OPTIONS_FILE LAUNCHER WORK ROUNDS -- predict options...}
 * (the options are given to both {@code predict} and {@code spark predict}, without {@code --out}).
 */
public final class ScaleBench {
    private static final Pattern JOB = Pattern.compile("spark job took ([0-9.]+) s");
    private static final Pattern TASKS = Pattern.compile("predicted (\\d+) images on (\\d+) partitions \\(([0-9.]+) s of task time\\)");

    /** One run's figures; {@code job} and {@code taskSeconds} are NaN for predict. */
    record Run(String what, int workers, int images, double wall, double job, double taskSeconds) {
    }

    private ScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        int dash = List.of(args).indexOf("--");
        if (args.length < 7 || dash != 6) {
            System.err.println("usage: ScaleBench JAR SPARK_LIB JAVA_OPTIONS_FILE LAUNCHER WORK ROUNDS -- predict options");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Path lib = Path.of(args[1]);
        List<String> javaOptions = StandaloneCluster.javaOptions(Files.readString(Path.of(args[2])));
        Path launcher = Path.of(args[3]);
        Path work = Path.of(args[4]);
        int rounds = Integer.parseInt(args[5]);
        List<String> options = List.of(args).subList(dash + 1, args.length);
        Files.createDirectories(work);

        List<Run> runs = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            runs.add(predict(launcher, options, work.resolve("r" + r + "-predict"), work.resolve("r" + r + "-predict.log")));
            report(r, runs.getLast());
            // alternate the order between rounds, so a drift of the machine's load does not favour one N
            for (int workers : r % 2 == 1 ? new int[] {1, 2} : new int[] {2, 1}) {
                runs.add(spark(jar, lib, javaOptions, workers, options, work.resolve("r" + r + "-w" + workers)));
                report(r, runs.getLast());
            }
        }
        table(runs);
        System.out.printf(Locale.ROOT, "load average (1 min) at the end: %.2f on %d cores%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    private static void report(int round, Run run) {
        System.out.printf(Locale.ROOT, "round %d: %-22s %4d images  wall %6.1f s  job %6.1f s  task time %7.1f s%n",
                round, run.what(), run.images(), run.wall(), run.job(), run.taskSeconds());
    }

    private static Run predict(Path launcher, List<String> options, Path out, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "predict"));
        command.addAll(options);
        command.addAll(List.of("--out", out.toString()));
        long start = System.nanoTime();
        int code = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start().waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        String text = Files.readString(log);
        if (code != 0) {
            throw new IllegalStateException("predict exited " + code + "; see " + log + "\n" + text);
        }
        return new Run("predict (one JVM)", 0, labelFiles(out), wall, Double.NaN, Double.NaN);
    }

    private static Run spark(Path jar, Path lib, List<String> javaOptions, int workers, List<String> options, Path dir)
            throws IOException, InterruptedException {
        Path out = dir.resolve("out");
        Path log = dir.resolve("driver.log");
        try (StandaloneCluster cluster = StandaloneCluster.start(dir.resolve("cluster"), lib, javaOptions, workers)) {
            List<String> args = new ArrayList<>(List.of("predict"));
            args.addAll(options);
            args.addAll(List.of("--out", out.toString()));
            long start = System.nanoTime();
            // all of the worker's 1g: sliding windows at 1024x512 run out of the tests' 512m (exit code 52)
            Process driver = cluster.submit(jar, List.of(), args, log, "1g");
            if (!driver.waitFor(1800, TimeUnit.SECONDS)) {
                throw new IllegalStateException("spark-submit did not end in 30 min; see " + log);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            String text = Files.readString(log);
            if (driver.exitValue() != 0) {
                throw new IllegalStateException("spark-submit exited " + driver.exitValue() + "; see " + log + "\n" + text);
            }
            Matcher tasks = TASKS.matcher(text);
            double taskSeconds = tasks.find() ? Double.parseDouble(tasks.group(3)) : Double.NaN;
            double job = find(JOB, text).map(Double::parseDouble).orElse(Double.NaN);
            return new Run("spark, " + workers + " worker" + (workers > 1 ? "s" : ""), workers, labelFiles(out), wall, job,
                    taskSeconds);
        }
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static int labelFiles(Path out) throws IOException {
        Path dir = out.resolve("labelIds");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.walk(dir)) {
            return (int) files.filter(p -> p.getFileName().toString().endsWith("_labelIds.png")).count();
        }
    }

    /**
     * Per configuration, the median wall time over the rounds; images/s from it; speed-up and
     * efficiency of N workers against 1 worker, on the whole command (start-up included) and on the
     * job alone (Spark's job, after the context and executors are up).
     */
    private static void table(List<Run> runs) {
        Map<Integer, List<Run>> by = new TreeMap<>();
        runs.forEach(r -> by.computeIfAbsent(r.workers(), k -> new ArrayList<>()).add(r));
        System.out.println();
        System.out.printf(Locale.ROOT, "%-20s %7s %8s %9s %8s %9s %8s %8s %10s%n", "run (median)", "images", "wall s", "images/s",
                "speed-up", "efficiency", "job s", "job x", "task s/img");
        double oneWall = median(by.getOrDefault(1, List.of()).stream().mapToDouble(Run::wall).toArray());
        double oneJob = median(by.getOrDefault(1, List.of()).stream().mapToDouble(Run::job).toArray());
        for (Map.Entry<Integer, List<Run>> e : by.entrySet()) {
            int n = e.getKey();
            Run first = e.getValue().getFirst();
            double wall = median(e.getValue().stream().mapToDouble(Run::wall).toArray());
            double job = median(e.getValue().stream().mapToDouble(Run::job).toArray());
            double task = median(e.getValue().stream().mapToDouble(Run::taskSeconds).toArray());
            if (n == 0) {
                System.out.printf(Locale.ROOT, "%-20s %7d %8.1f %9.2f %8s %9s %8s %8s %10s%n", first.what(), first.images(), wall,
                        first.images() / wall, "-", "-", "-", "-", "-");
            } else {
                System.out.printf(Locale.ROOT, "%-20s %7d %8.1f %9.2f %8.2f %8.0f %% %8.1f %8.2f %10.3f%n",
                        first.what().replace("spark, ", "spark "), first.images(), wall, first.images() / wall, oneWall / wall,
                        100 * oneWall / wall / n, job, oneJob / job, task / first.images());
            }
        }
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
