package io.adaptseg.spark;

import io.adaptseg.core.progress.ProgressBar;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Driver-side progress in images: when a task of the prediction job succeeds, its partition's images
 * are done. Listens only to the stages of jobs in {@code jobGroup}, and counts a partition once even
 * when a retried or speculative copy of its task also succeeds.
 */
final class ImageProgress extends SparkListener {
    private final String jobGroup;
    private final int[] partitionImages;
    private final ProgressBar meter;
    private final Set<Integer> stages = new HashSet<>();
    private final Set<Integer> donePartitions = new HashSet<>();

    ImageProgress(String jobGroup, int[] partitionImages, ProgressBar meter) {
        this.jobGroup = jobGroup;
        this.partitionImages = partitionImages.clone();
        this.meter = meter;
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart jobStart) {
        if (jobStart.properties() != null && jobGroup.equals(jobStart.properties().getProperty("spark.jobGroup.id"))) {
            for (Object id : CollectionConverters.asJava(jobStart.stageIds())) {
                stages.add((Integer) id);
            }
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        int partition = taskEnd.taskInfo().index();
        if (stages.contains(taskEnd.stageId()) && taskEnd.taskInfo().successful() && partition < partitionImages.length
                && donePartitions.add(partition)) {
            meter.step(partitionImages[partition]);
        }
    }

    /** Whether {@code stageId} is a stage of a job in the group. */
    synchronized boolean tracks(int stageId) {
        return stages.contains(stageId);
    }

    /** Draws the final line (listener events arrive asynchronously, so the last tasks may be late). */
    synchronized void finish() {
        meter.finish();
    }
}
