/**
 * A real Spark standalone cluster for the integration tests: a master and workers as separate JVMs
 * on 127.0.0.1, started from Spark's own classes, and {@code spark-submit} of the fat jar.
 */
package io.adaptseg.spark.cluster;
