/**
 * The {@code adaptseg spark} command line ({@code predict}, {@code bench}), started by the
 * {@code adaptseg} launcher on the spark module's own class path or by {@code spark-submit} from the
 * fat jar; kept out of the app module so that Spark never enters its class path (docs/spark.md).
 */
package io.adaptseg.spark.cli;
