/** The runtime benchmark behind {@code adaptseg bench runtime}: latency percentiles, throughput, peak RSS. */
package io.adaptseg.runtime.bench;
