package io.adaptseg.spark;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The task attempts of one stage that did not succeed, by partition, with Spark's reason (executor
 * lost, exception): the driver's summary names the partitions that were retried and why, which the
 * successful results alone cannot tell (they only carry their own attempt number).
 */
final class FailedAttempts extends SparkListener {
    private final ImageProgress stages;
    private final Map<Integer, String> reasons = new TreeMap<>();

    /** Listens to the stages {@code stages} tracks (the prediction job's). */
    FailedAttempts(ImageProgress stages) {
        this.stages = stages;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (!taskEnd.taskInfo().successful() && stages.tracks(taskEnd.stageId())
                && taskEnd.reason() instanceof TaskFailedReason failed) {
            String why = failed.toErrorString();
            int nl = why.indexOf('\n');
            reasons.merge(taskEnd.taskInfo().index(), "attempt " + taskEnd.taskInfo().attemptNumber() + ": "
                    + (nl < 0 ? why : why.substring(0, nl)).strip(), (a, b) -> a + "; " + b);
        }
    }

    /** Partition → its failed attempts and why, in partition order. */
    synchronized Map<Integer, String> byPartition() {
        return new TreeMap<>(reasons);
    }
}
