package io.adaptseg.spark;

import java.time.Duration;
import org.apache.spark.JobExecutionStatus;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Fails a job that has no executor left. Spark itself waits for ever when every worker of a
 * standalone cluster is gone ("Initial job has not accepted any resources"); this cancels the job
 * group once the job's executors are all gone and none came back for {@code patience}, so the
 * command ends with one line instead of hanging. Before the first executor registers it waits as
 * Spark does ("Initial job has not accepted any resources"): executors of a loaded cluster can take
 * a minute to start. Not used in local mode, where the driver is the executor.
 */
final class ExecutorWatch implements AutoCloseable {
    private final JavaSparkContext sc;
    private final String jobGroup;
    private final Duration patience;
    private final Thread thread;
    private volatile boolean fired;

    private ExecutorWatch(JavaSparkContext sc, String jobGroup, Duration patience) {
        this.sc = sc;
        this.jobGroup = jobGroup;
        this.patience = patience;
        this.thread = Thread.ofPlatform().daemon().name("adaptseg-executor-watch").unstarted(this::watch);
    }

    /** Starts watching the running job group. */
    static ExecutorWatch start(JavaSparkContext sc, String jobGroup, Duration patience) {
        ExecutorWatch watch = new ExecutorWatch(sc, jobGroup, patience);
        if (!sc.isLocal()) {
            watch.thread.start();
        }
        return watch;
    }

    /** Executors known to the driver now (the status tracker lists the driver's block manager too). */
    private int executors() {
        return Math.max(0, sc.sc().statusTracker().getExecutorInfos().length - 1);
    }

    /** Whether a job of the group is running (a cancel of a group with none only logs a warning). */
    private boolean running() {
        for (int id : sc.statusTracker().getJobIdsForGroup(jobGroup)) {
            SparkJobInfo job = sc.statusTracker().getJobInfo(id);
            if (job != null && job.status() == JobExecutionStatus.RUNNING) {
                return true;
            }
        }
        return false;
    }

    private void watch() {
        long noneSince = -1;
        boolean seen = false;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long now = System.nanoTime();
                if (executors() > 0) {
                    noneSince = -1;
                    seen = true;
                } else if (!seen) {
                    // not started yet (a loaded node can take a minute): Spark's own warning covers a cluster that gives none
                } else if (noneSince < 0) {
                    noneSince = now;
                } else if (now - noneSince >= patience.toNanos() && running()) {
                    fired = true;
                    sc.cancelJobGroup(jobGroup);
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when the watch cancelled the job. */
    boolean fired() {
        return fired;
    }

    Duration patience() {
        return patience;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
