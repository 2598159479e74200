/**
 * Benchmarks that print tables (docs/benchmarks.md): PNG codecs ({@link io.adaptseg.bench.PngBenchmark}),
 * scoring ({@link io.adaptseg.bench.ScoreBenchmark}), training steps per method and convolution route
 * ({@link io.adaptseg.bench.TrainBenchmark}) and the edge runtime ({@link io.adaptseg.bench.RuntimeBenchmark}).
 * Kept out of the production modules: nothing but the command line depends on this module.
 */
package io.adaptseg.bench;
