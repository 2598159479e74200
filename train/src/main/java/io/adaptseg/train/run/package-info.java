/**
 * A training run from a config: resolves the config into the segmenter (the networks' registry), the
 * adaptation method (the method registry), the data streams (dataset layouts with their label maps),
 * validation (core's scoring), schedules and the loop, and resumes from a checkpoint. The command line
 * ({@code adaptseg train}) and the experiment and benchmark commands build on it.
 */
package io.adaptseg.train.run;
