package io.adaptseg.spark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on this machine: one master and {@code workers} workers of one core
 * each, every one its own JVM on 127.0.0.1 and free ports, started from Spark's classes in
 * {@code sparkLib} (the module's {@code target/spark-lib}) as {@code $SPARK_HOME/jars}. Executors are
 * started by the workers, as on a real cluster. {@link #close} kills every process it started
 * (workers' executors included); a shutdown hook does the same if the test JVM exits first.
 */
public final class StandaloneCluster implements AutoCloseable {
    /** What {@code spark-submit --class} runs from the fat jar. */
    public static final String MAIN_CLASS = "io.adaptseg.spark.cli.SparkMain";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path work;
    private final Path sparkHome;
    private final List<String> javaOptions;
    private final int masterPort;
    private final int masterUiPort;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final java.util.Set<ProcessHandle> seenExecutors = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook = new Thread(this::killAll, "standalone-cluster-stop");
    private int started;

    private StandaloneCluster(Path work, Path sparkLib, List<String> javaOptions) throws IOException {
        this.work = work;
        this.sparkHome = work.resolve("spark-home");
        this.javaOptions = List.copyOf(javaOptions);
        Files.createDirectories(sparkHome);
        Files.createDirectories(work.resolve("logs"));
        // a distribution's layout: the launcher code in the worker builds executors' class path from $SPARK_HOME/jars
        Files.createSymbolicLink(sparkHome.resolve("jars"), sparkLib.toAbsolutePath());
        // $SPARK_HOME/conf, first on every class path as Spark's launcher puts it: warnings, and the deploy classes' events
        Files.createDirectories(sparkHome.resolve("conf"));
        Files.writeString(sparkHome.resolve("conf/log4j2.properties"), String.join("\n",
                "rootLogger.level = warn", "rootLogger.appenderRef.stderr.ref = console",
                "appender.console.type = Console", "appender.console.name = console", "appender.console.target = SYSTEM_ERR",
                "appender.console.layout.type = PatternLayout", "appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex",
                "logger.deploy.name = org.apache.spark.deploy", "logger.deploy.level = info",
                "logger.hadoop.name = org.apache.hadoop.util.NativeCodeLoader", "logger.hadoop.level = error", ""));
        this.masterPort = freePort();
        this.masterUiPort = freePort();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a master and {@code workers} one-core workers and waits until the master lists them all.
     *
     * @param javaOptions the JVM options Spark needs on JDK 25 (the spark module's {@code spark.java.options})
     */
    public static StandaloneCluster start(Path work, Path sparkLib, List<String> javaOptions, int workers)
            throws IOException, InterruptedException {
        StandaloneCluster cluster = new StandaloneCluster(work, sparkLib, javaOptions);
        try {
            cluster.processes.add(cluster.launch("master", List.of("org.apache.spark.deploy.master.Master", "--host",
                    "127.0.0.1", "--port", Integer.toString(cluster.masterPort), "--webui-port",
                    Integer.toString(cluster.masterUiPort))));
            for (int i = 0; i < workers; i++) {
                cluster.startWorker();
            }
            cluster.awaitWorkers(workers);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code spark://127.0.0.1:PORT}. */
    public String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** Starts one more one-core worker (does not wait for it to register). */
    public void startWorker() throws IOException {
        int n = started++;
        Path dir = work.resolve("worker-" + n);
        Files.createDirectories(dir);
        Process worker = launch("worker-" + n, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                "--port", "0", "--webui-port", Integer.toString(freePort()), "--cores", "1", "--memory", "1g",
                "--work-dir", dir.toString(), masterUrl()));
        processes.add(worker);
        workers.add(worker);
    }

    /** Starts workers until {@code count} are alive and waits until the master lists them. */
    public void ensureWorkers(int count) throws IOException, InterruptedException {
        while (liveWorkers().size() < count) {
            startWorker();
        }
        awaitWorkers(count);
    }

    /** The worker JVMs that are still running. */
    public List<ProcessHandle> liveWorkers() {
        return workers.stream().filter(Process::isAlive).map(Process::toHandle).toList();
    }

    /** The executor JVMs the workers started (children of worker JVMs), alive now. */
    public List<ProcessHandle> executors() {
        List<ProcessHandle> found = liveWorkers().stream().flatMap(ProcessHandle::descendants).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("CoarseGrainedExecutorBackend")).orElse(true))
                .toList();
        seenExecutors.addAll(found); // killed at close even if their worker died first and they were orphaned
        return found;
    }

    /** {@code kill -9} of one process and everything it started (a worker: a whole node lost). */
    public static void killNine(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly(); // SIGKILL on Linux
        process.onExit().join();
    }

    /**
     * Starts {@code spark-submit} of {@code jar} in client mode (this machine is the driver), the way a
     * user's {@code spark-submit --master spark://... --class ... jar args} runs it: Spark's
     * {@code SparkSubmit} class on Spark's class path, the fat jar as the application. Standard output
     * and error go to {@code log}.
     */
    public Process submit(Path jar, List<String> sparkConf, List<String> args, Path log) throws IOException {
        return submit(jar, sparkConf, args, log, "512m");
    }

    /** {@link #submit(Path, List, List, Path)} with executors of {@code executorMemory} heap (a worker offers 1g). */
    public Process submit(Path jar, List<String> sparkConf, List<String> args, Path log, String executorMemory)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", masterUrl(),
                "--deploy-mode", "client", "--class", MAIN_CLASS, "--driver-memory", "512m", "--executor-memory", executorMemory,
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.executor.extraJavaOptions=--sun-misc-unsafe-memory-access=allow"
                        + " --enable-native-access=ALL-UNNAMED -Djava.io.tmpdir=" + tmp()));
        for (String kv : sparkConf) {
            command.add("--conf");
            command.add(kv);
        }
        command.add(jar.toAbsolutePath().toString());
        command.addAll(args);
        Process driver = processBuilder(command, "512m").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(driver);
        return driver;
    }

    private Path tmp() {
        Path tmp = work.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tmp;
    }

    private Process launch(String name, List<String> mainAndArgs) throws IOException {
        Path log = work.resolve("logs").resolve(name + ".log");
        return processBuilder(mainAndArgs, "256m").redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private ProcessBuilder processBuilder(List<String> mainAndArgs, String heap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(javaOptions);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Djava.io.tmpdir=" + tmp());
        command.add("-cp");
        command.add(sparkHome.resolve("conf") + ":" + sparkHome.resolve("jars") + "/*");
        command.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        // not a distribution (no RELEASE file): without it executors fail with "Cannot find any build directories"
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_DIRS", tmp().toString());
        return pb;
    }

    private static final Pattern ALIVE = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    /** Waits until the master's status page lists {@code count} alive workers. */
    public void awaitWorkers(int count) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        int alive = -1;
        while (System.nanoTime() < deadline) {
            if (processes.stream().limit(1).noneMatch(Process::isAlive)) {
                throw new IllegalStateException("the Spark master exited; see " + work.resolve("logs/master.log"));
            }
            try {
                Matcher m = ALIVE.matcher(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
                if (m.find()) {
                    alive = Integer.parseInt(m.group(1));
                    if (alive == count) {
                        return;
                    }
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the Spark master lists " + alive + " alive workers after " + START_TIMEOUT.toSeconds()
                + " s, expected " + count + "; logs in " + work.resolve("logs"));
    }

    /** A TCP port free now on 127.0.0.1 (Spark binds it a moment later). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private synchronized void killAll() {
        executors();
        seenExecutors.forEach(ProcessHandle::destroyForcibly);
        for (Process p : processes.reversed()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops every process this cluster started: drivers, executors, workers, the master. */
    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs (or ran) killAll
        }
    }

    /** The JVM options of the {@code adaptseg.spark.javaOptions} property, as separate arguments. */
    public static List<String> javaOptions(String text) {
        return Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
