/**
 * Adaptation methods: the maths of one training iteration given a source and a target batch
 * ({@link io.adaptseg.train.method.AdaptationMethod}); each method owns its extra networks
 * (discriminators) and their optimisers. The loop owns data, schedules, logging and checkpoints.
 */
package io.adaptseg.train.method;
