/**
 * Streaming batch prediction: decode and preprocess workers, a bounded queue, batched inference on
 * one thread, a bounded queue, post-processing and writer workers. Memory is bounded by the queue
 * sizes whatever the dataset size; a file that fails is reported and skipped.
 */
package io.adaptseg.runtime.pipeline;
