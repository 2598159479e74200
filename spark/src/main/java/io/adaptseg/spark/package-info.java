/**
 * {@code adaptseg predict} on Apache Spark: inputs are listed on the driver and spread over
 * partitions; each executor JVM opens one {@link io.adaptseg.runtime.SegmentationSession} per model
 * and runs the edge runtime's batched pipeline inside {@code mapPartitions}, writing the same files as
 * the single-JVM run; per-partition confusion matrices are merged on the driver into the same report
 * files. Retried tasks skip what an earlier attempt finished (a per-partition journal), so a killed
 * task neither writes an image twice nor leaves a partial file (docs/spark.md).
 */
package io.adaptseg.spark;
