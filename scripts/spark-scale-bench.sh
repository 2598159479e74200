#!/usr/bin/env bash
# Scale-out of `spark predict` on a real Spark standalone cluster on this machine (docs/spark.md,
# "Scale-out"): per round, single-JVM `predict`, then fresh clusters of 1 and 2 one-core workers
# (order alternating between rounds) running the same job through SparkSubmit; prints a table of
# images/s, speed-up and efficiency. A benchmark, not a test: nothing in `./mvn25 verify` runs it.
#
#   scripts/spark-scale-bench.sh WORK ROUNDS -- predict options (without --out)
#   scripts/spark-scale-bench.sh /tmp/scale 2 -- --model /tmp/demo-final/models/advnet.onnx \
#       --cityscapes /tmp/spark-scale/data/cityscapes --split val --threads 1
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -lt 3 || $3 != -- ]]; then
  echo "usage: scripts/spark-scale-bench.sh WORK ROUNDS -- predict options (without --out)" >&2
  exit 2
fi
work=$1 rounds=$2
shift 3
# the fat jar, Spark's jars, the JVM options and the benchmark's class (test sources)
./mvn25 -q -DskipTests package -pl spark -am
. scripts/jdk25.sh
adaptseg_find_jdk25 # sets ADAPTSEG_JAVA_HOME
java=$ADAPTSEG_JAVA_HOME/bin/java
exec "$java" -Xmx256m -cp spark/target/test-classes io.adaptseg.spark.cluster.ScaleBench \
  spark/target/adaptseg-spark.jar spark/target/spark-lib spark/target/java-options ./adaptseg "$work" "$rounds" -- "$@"
